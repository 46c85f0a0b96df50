#pragma once
// The text of the last failed system call, for the server's file helpers (lock_file_*, upload_file_*).

#include <string>

namespace ywtb::server {

/// Puts the last system call's error (errno, or GetLastError on Windows) as text in `detail`; returns false,
/// so that a helper can end with `return osFailed(detail);`.
bool osFailed(std::string& detail);

} // namespace ywtb::server
