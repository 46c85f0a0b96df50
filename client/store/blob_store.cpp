#include "store/blob_store.h"

#include "store/durable_file.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <fstream>
#include <sstream>

namespace ywtb::store {

using core::Error;
using core::Message;

std::string sha256Hex(std::string_view bytes) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

BlobStore::BlobStore(std::filesystem::path dir) : m_dir(std::move(dir)) {
    std::filesystem::create_directories(m_dir / ".tmp");
}

std::filesystem::path BlobStore::pathOf(const std::string& sha256) const {
    return m_dir / sha256.substr(0, 2) / sha256;
}

bool BlobStore::contains(const std::string& sha256) const {
    return sha256.size() == 64 && std::filesystem::exists(pathOf(sha256));
}

core::Expected<std::string> BlobStore::put(std::string_view bytes) {
    auto name = sha256Hex(bytes);
    if (contains(name))
        return name;
    std::error_code ec;
    std::filesystem::create_directories(pathOf(name).parent_path(), ec);
    if (ec)
        return Error{
            "store.io", Message(N_("cannot create the blob folder: {detail}"), {{"detail", ec.message()}}),
            pathOf(name).parent_path().string(), Message(N_("check the permissions of the data directory"))};
    auto written = writeFileDurably(m_dir / ".tmp", pathOf(name), bytes);
    if (!written)
        return written.error();
    return name;
}

core::Expected<std::string> BlobStore::get(const std::string& sha256) const {
    if (!contains(sha256))
        return Error{"store.blob_missing",
                     Message(N_("the stored file {name} is missing"), {{"name", sha256}}), m_dir.string(),
                     Message(N_("restore the data directory from its backup"))};
    std::ifstream in(pathOf(sha256), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    auto bytes = content.str();
    if (sha256Hex(bytes) != sha256)
        return Error{"store.blob_damaged",
                     Message(N_("the stored file {name} is damaged: its content no longer matches its name"),
                             {{"name", sha256}}),
                     pathOf(sha256).string(),
                     Message(N_("restore it from the backup or fetch it again from the server"))};
    return bytes;
}

} // namespace ywtb::store
