#include "server/os_error.h"

// The Windows twin of os_error_posix.cpp (docs/windows.md): syntax-checked with MinGW-w64 only.
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

namespace ywtb::server {

bool osFailed(std::string& detail) {
    const DWORD code = GetLastError();
    char* text = nullptr;
    const DWORD length = FormatMessageA(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM |
                                            FORMAT_MESSAGE_IGNORE_INSERTS,
                                        nullptr, code, 0, reinterpret_cast<LPSTR>(&text), 0, nullptr);
    detail = length && text ? std::string(text, length) : "Windows error " + std::to_string(code);
    LocalFree(text);
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == '\r' || detail.back() == ' '))
        detail.pop_back();
    return false;
}

} // namespace ywtb::server
