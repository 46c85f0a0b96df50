#pragma once
// `ywtb-counter-server admin …`: what an administrator does to the data directory without the HTTP API.

#include <iosfwd>
#include <string>
#include <vector>

namespace ywtb::server {

/// Runs `admin ARGS…` (ARGS without the word "admin"); returns the process exit code.
/// `in` gives passwords (never taken from the command line).
int runAdminCommand(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                    std::ostream& err);

} // namespace ywtb::server
