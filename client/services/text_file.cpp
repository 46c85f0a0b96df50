#include "services/text_file.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ywtb::services {

using core::Error;
using core::Message;

core::Expected<std::string> readTextFile(const std::filesystem::path& path, std::size_t maxBytes) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Error{"file.missing", Message(N_("there is no such file")), path.string(),
                     Message(N_("check the path and the spelling of the file name"))};
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > maxBytes)
        return Error{"file.too_large",
                     Message(N_("the file has {size} bytes, more than the {limit} a data file may have"),
                             {{"size", std::to_string(size)}, {"limit", std::to_string(maxBytes)}}),
                     path.string(), Message(N_("split it into several files"))};
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{"file.unreadable", Message(N_("the file cannot be read")), path.string(),
                     Message(N_("check its permissions"))};
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

core::Expected<std::vector<std::filesystem::path>> jsonFilesAt(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec))
        return std::vector<std::filesystem::path>{path};
    if (!std::filesystem::is_directory(path, ec))
        return Error{"file.missing", Message(N_("there is no such file or folder")), path.string(),
                     Message(N_("check the path and the spelling"))};
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty())
        return Error{"file.none", Message(N_("the folder holds no .json files")), path.string(),
                     Message(N_("point at a catalogue file or a folder of them"))};
    return files;
}

core::Expected<core::Done> writeFile(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    file.close();
    if (!file)
        return core::Error{"file.write", core::Message(N_("cannot write the file")), path.string(),
                           core::Message(N_("check the folder and free space"))};
    return core::Done{};
}

} // namespace ywtb::services
