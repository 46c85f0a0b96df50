#include "sync/cli_process.h"

#include "support/temp_dir.h"

#include <fcntl.h>
#include <signal.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace ywtb::testing {
namespace {

std::filesystem::path freshCaptureDir() {
    auto dir = std::filesystem::temp_directory_path() /
               ("ywtb-cli-" + std::to_string(::getpid()) + "-" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace

CliProcess::CliProcess(const std::string& cli, const std::vector<std::string>& args, const std::string& input)
    : m_capture(freshCaptureDir()) {
    const auto inputPath = (m_capture / "in").string();
    const auto outPath = (m_capture / "out").string();
    const auto errPath = (m_capture / "err").string();
    {
        const int in = ::open(inputPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || ::write(in, input.data(), input.size()) != static_cast<ssize_t>(input.size()))
            throw std::runtime_error("cannot write " + inputPath);
        ::close(in);
    }
    std::vector<std::string> argv{"/usr/bin/env",
                                  "-u",
                                  "LANGUAGE",
                                  "-u",
                                  "LC_ALL",
                                  "-u",
                                  "LC_MESSAGES",
                                  "-u",
                                  "YWTB_WINDOW",
                                  "-u",
                                  "YWTB_STAFF",
                                  "-u",
                                  "YWTB_TRAINING_DATE",
                                  "LANG=en_US.UTF-8",
                                  cli};
    argv.insert(argv.end(), args.begin(), args.end());
    m_pid = ::fork();
    if (m_pid < 0)
        throw std::runtime_error("fork failed");
    if (m_pid == 0) {
        const int in = ::open(inputPath.c_str(), O_RDONLY);
        const int out = ::open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = ::open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || out < 0 || err < 0)
            ::_exit(126);
        ::dup2(in, STDIN_FILENO);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(err, STDERR_FILENO);
        std::vector<char*> raw;
        for (auto& a : argv)
            raw.push_back(a.data());
        raw.push_back(nullptr);
        ::execv(raw[0], raw.data());
        ::_exit(127);
    }
}

CliProcess::~CliProcess() {
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
    std::error_code ignored;
    std::filesystem::remove_all(m_capture, ignored);
}

bool CliProcess::waitForOutput(const std::string& text, std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (out().find(text) == std::string::npos) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

std::string CliProcess::out() const {
    return readFile(m_capture / "out");
}

std::string CliProcess::err() const {
    return readFile(m_capture / "err");
}

void CliProcess::signal(int number) const {
    if (m_pid > 0)
        ::kill(m_pid, number);
}

int CliProcess::wait(std::chrono::milliseconds timeout) {
    if (m_pid <= 0)
        return m_exitCode;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (::waitpid(m_pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
            m_pid = -1;
            return m_exitCode = -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    m_pid = -1;
    m_exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return m_exitCode;
}

CliRun runCliWithInput(const std::string& cli, const std::vector<std::string>& args,
                       const std::string& input) {
    CliProcess process(cli, args, input);
    CliRun result;
    result.exitCode = process.wait(std::chrono::seconds(60));
    result.out = process.out();
    result.err = process.err();
    return result;
}

} // namespace ywtb::testing
