#pragma once
// ywtb-counter-cli as a child process the test talks to while it runs: text on its standard input, its output
// read as it comes, a signal sent to it, its exit awaited with a timeout.

#include "support/cli_runner.h"

#include <chrono>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ywtb::testing {

class CliProcess {
public:
    /// Starts `cli` with `args` under LANG=en_US.UTF-8 (no YWTB_* variables), `input` on its standard input
    /// (then closed).
    CliProcess(const std::string& cli, const std::vector<std::string>& args, const std::string& input = "");
    /// Kills it when it still runs.
    ~CliProcess();
    CliProcess(const CliProcess&) = delete;
    CliProcess& operator=(const CliProcess&) = delete;

    /// Waits until standard output holds `text`; false after `timeout`.
    bool waitForOutput(const std::string& text, std::chrono::milliseconds timeout) const;
    std::string out() const;
    std::string err() const;
    void signal(int number) const;
    /// Waits for the exit; the exit code, or -1 when it did not exit normally or not within `timeout` (then
    /// it is killed).
    int wait(std::chrono::milliseconds timeout);

private:
    std::filesystem::path m_capture;
    pid_t m_pid = -1;
    int m_exitCode = -1;
};

/// Runs `cli` to its end (at most 60 s) with `input` on standard input, like runCli.
CliRun runCliWithInput(const std::string& cli, const std::vector<std::string>& args,
                       const std::string& input);

} // namespace ywtb::testing
