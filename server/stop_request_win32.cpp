#include "server/stop_request.h"

// The Windows twin of stop_request_posix.cpp (docs/windows.md): syntax-checked with MinGW-w64 only, not yet
// compiled by MSVC nor run on Windows.
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <atomic>
#include <windows.h>

namespace ywtb::server {
namespace {

HANDLE g_stopEvent = nullptr;
std::atomic<DWORD> g_received{0};

// Runs on a thread the system creates. Returning TRUE for CTRL_CLOSE/LOGOFF/SHUTDOWN lets the system end the
// process when the handler returns, so wait here until main has stopped the HTTP server (at most the few
// seconds Windows grants) rather than return at once.
BOOL WINAPI onConsoleEvent(DWORD event) {
    switch (event) {
    case CTRL_C_EVENT:
    case CTRL_BREAK_EVENT:
        g_received = event;
        SetEvent(g_stopEvent);
        return TRUE;
    case CTRL_CLOSE_EVENT:
    case CTRL_LOGOFF_EVENT:
    case CTRL_SHUTDOWN_EVENT:
        g_received = event;
        SetEvent(g_stopEvent);
        Sleep(4000);
        return TRUE;
    default:
        return FALSE;
    }
}

} // namespace

void prepareForStopRequest() {
    // Windows has no SIGPIPE: a write to a closed socket fails with WSAECONNRESET, which Poco throws.
    g_stopEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

int waitForStopRequest() {
    if (!g_stopEvent) // CreateEventW failed: no way to be told, so serve until the process is ended
        Sleep(INFINITE);
    WaitForSingleObject(g_stopEvent, INFINITE);
    return static_cast<int>(g_received.load());
}

} // namespace ywtb::server
