#pragma once
// Waiting for the request to stop the server: SIGINT/SIGTERM on POSIX (stop_request_posix.cpp), Ctrl+C,
// Ctrl+Break, closing the console or logging off on Windows (stop_request_win32.cpp). CMake picks the file.

namespace ywtb::server {

/// Prepares the process for waitForStopRequest(); call it before any thread starts, so that the stop
/// request reaches the waiting thread and not a server thread. Also ignores SIGPIPE where it exists, so a
/// client that hangs up is a write error, not the end of the server.
void prepareForStopRequest();

/// Blocks until someone asks the server to stop; returns the signal number or console event, for the log.
int waitForStopRequest();

} // namespace ywtb::server
