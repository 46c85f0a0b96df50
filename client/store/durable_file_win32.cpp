#include "store/durable_file.h"

// The Windows twin of durable_file_posix.cpp (docs/windows.md): not yet compiled by MSVC nor run on Windows.
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <algorithm>
#include <random>
#include <string>
#include <windows.h>

namespace ywtb::store {
namespace {

std::string describe(DWORD code) {
    char* text = nullptr;
    const DWORD length = FormatMessageA(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM |
                                            FORMAT_MESSAGE_IGNORE_INSERTS,
                                        nullptr, code, 0, reinterpret_cast<LPSTR>(&text), 0, nullptr);
    std::string out = length && text ? std::string(text, length) : "Windows error " + std::to_string(code);
    LocalFree(text);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' '))
        out.pop_back();
    return out;
}

core::Error ioError(const std::filesystem::path& where, const char* doing, DWORD code) {
    return core::Error{
        "store.io",
        core::Message(N_("cannot {doing}: {detail}"), {{"detail", describe(code)}}).term("doing", doing),
        where.string(), core::Message(N_("check free disk space and the permissions of the data directory"))};
}

} // namespace

core::Expected<core::Done> writeFileDurably(const std::filesystem::path& tempDir,
                                            const std::filesystem::path& target, std::string_view bytes) {
    // CREATE_NEW with a random name plays the part of mkstemp.
    std::random_device entropy;
    std::filesystem::path temp;
    HANDLE file = INVALID_HANDLE_VALUE;
    for (int attempt = 0; attempt < 16 && file == INVALID_HANDLE_VALUE; ++attempt) {
        temp = tempDir / ("write-" + std::to_string(entropy()) + ".tmp");
        file =
            CreateFileW(temp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
        if (file == INVALID_HANDLE_VALUE && GetLastError() != ERROR_FILE_EXISTS)
            break;
    }
    if (file == INVALID_HANDLE_VALUE)
        return ioError(tempDir, N_("create a temporary file"), GetLastError());
    const auto failWith = [&](const char* doing) {
        const DWORD code = GetLastError();
        CloseHandle(file);
        DeleteFileW(temp.c_str());
        return ioError(target, doing, code);
    };
    for (std::size_t written = 0; written < bytes.size();) {
        const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(bytes.size() - written, 1u << 30));
        DWORD n = 0;
        if (!WriteFile(file, bytes.data() + written, chunk, &n, nullptr))
            return failWith(N_("write the file"));
        written += n;
    }
    if (!FlushFileBuffers(file))
        return failWith(N_("flush the file to disk"));
    if (!CloseHandle(file)) {
        const DWORD code = GetLastError();
        DeleteFileW(temp.c_str());
        return ioError(target, N_("close the file"), code);
    }
    // WRITE_THROUGH: the rename is on disk when the call returns (Windows has no directory fsync).
    if (!MoveFileExW(temp.c_str(), target.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
        const DWORD code = GetLastError();
        DeleteFileW(temp.c_str());
        return ioError(target, N_("move the file into place"), code);
    }
    return core::Done{};
}

} // namespace ywtb::store
