#pragma once
// Runs the real ywtb-counter-cli binary and captures what it prints and how it exits.

#include <string>
#include <vector>

namespace ywtb::testing {

struct CliRun {
    int exitCode = -1; ///< -1 when it did not exit normally
    std::string out;
    std::string err;
};

/// Runs `cli` with `args` under LANG=`lang` and the extra `environment` ("NAME=value"), no standard input.
CliRun runCli(const std::string& cli, const std::vector<std::string>& args,
              const std::string& lang = "en_US.UTF-8", const std::vector<std::string>& environment = {});
/// Quotes a word for /bin/sh.
std::string shellQuoted(const std::string& word);

} // namespace ywtb::testing
