#include "devices/scanner/sane_helper_library.h"

#include "devices/scanner/sane_helper_protocol.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace ywtb::devices::sane {
namespace {

using helper::Call;
using helper::Clock;

/// One running ywtb-scan-helper and the socket to it. Calls are made from one thread at a time (the scan
/// runs on the session's thread, set-up before it on the caller's); interrupt() from any thread.
class HelperProcess {
public:
    static std::unique_ptr<HelperProcess> start(const HelperSettings& settings) {
        const std::string program = settings.program.empty() ? helperProgram() : settings.program;
        if (program.empty())
            return nullptr;
        int pair[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
            return nullptr;
        const int pages = ::memfd_create("ywtb-scan-pages", MFD_CLOEXEC);
        void* mapped = MAP_FAILED;
        if (pages >= 0 && ::ftruncate(pages, helper::kMaxRead) == 0)
            mapped = ::mmap(nullptr, helper::kMaxRead, PROT_READ, MAP_SHARED, pages, 0);
        // The helper's ends go to its descriptors 3 and 4. dup2 onto them clears close-on-exec there, but
        // does nothing when a descriptor is already its target, and one could be the other's target: move
        // both above first.
        const int childSocket = ::fcntl(pair[1], F_DUPFD_CLOEXEC, 10);
        const int childPages = pages >= 0 ? ::fcntl(pages, F_DUPFD_CLOEXEC, 10) : -1;
        ::close(pair[1]);
        if (pages >= 0)
            ::close(pages);
        auto giveUp = [&] {
            for (int fd : {pair[0], childSocket, childPages})
                if (fd >= 0)
                    ::close(fd);
            if (mapped != MAP_FAILED)
                ::munmap(mapped, helper::kMaxRead);
            return nullptr;
        };
        if (mapped == MAP_FAILED || childSocket < 0 || childPages < 0)
            return giveUp();
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, childSocket, helper::kSocketFd);
        posix_spawn_file_actions_adddup2(&actions, childPages, helper::kPagesFd);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        // The counter may have SIGPIPE or others ignored or blocked; the helper starts with the defaults.
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        sigset_t none, all;
        sigemptyset(&none);
        sigfillset(&all);
        posix_spawnattr_setsigmask(&attributes, &none);
        posix_spawnattr_setsigdefault(&attributes, &all);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
        std::string socketArgument = "--socket=3", pagesArgument = "--pages=4";
        char* argv[] = {const_cast<char*>(program.c_str()), socketArgument.data(), pagesArgument.data(),
                        nullptr};
        pid_t pid = -1;
        const int failed = ::posix_spawn(&pid, program.c_str(), &actions, &attributes, argv, environ);
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attributes);
        ::close(childSocket);
        ::close(childPages);
        if (failed != 0) {
            ::close(pair[0]);
            ::munmap(mapped, helper::kMaxRead);
            return nullptr;
        }
        return std::unique_ptr<HelperProcess>(
            new HelperProcess(pid, pair[0], static_cast<const std::uint8_t*>(mapped), settings));
    }

    ~HelperProcess() {
        if (m_pid > 0) {
            helper::Writer close(Call::Close);
            m_settings.answerTimeout = std::chrono::milliseconds(5'000); // sane_close and sane_exit
            ask(close, [](helper::Reader&) { return true; });
        }
        stop(false);
        ::close(m_socket);
        ::munmap(const_cast<std::uint8_t*>(m_pages), helper::kMaxRead);
    }
    HelperProcess(const HelperProcess&) = delete;
    HelperProcess& operator=(const HelperProcess&) = delete;

    void interrupt() { m_interruptedAt = Clock::now().time_since_epoch().count(); }

    /// Sends `request` and hands the answer to `parse` (one of the protocol's read…Answer). False, with the
    /// helper killed, when it does not answer in time, has gone, or `parse` refuses the answer: a helper
    /// that talks nonsense is in no state to be trusted with the next call.
    template <typename Parse> bool ask(helper::Writer& request, Parse&& parse) {
        if (!send(request))
            return false;
        std::uint32_t length = 0;
        if (!receive(reinterpret_cast<std::uint8_t*>(&length), sizeof length) || length > helper::kMaxFrame)
            return fail();
        m_answer.resize(length);
        if (!receive(m_answer.data(), length))
            return fail();
        helper::Reader in(m_answer.data(), m_answer.size());
        return parse(in) || fail();
    }

    /// A call answered by a status alone; NotResponding when there was no trustworthy answer.
    Status askStatus(helper::Writer& request) {
        Status status = Status::Good;
        return ask(request, [&](helper::Reader& in) { return helper::readStatusAnswer(in, status); })
                   ? status
                   : Status::NotResponding;
    }

    /// A Read: the helper's sane_read writes into the shared page memory, the answer says how much.
    Status read(std::uint8_t* buffer, int maxLength, int& length) {
        length = 0;
        const auto most = static_cast<std::uint32_t>(std::clamp<int>(maxLength, 0, helper::kMaxRead));
        helper::Writer request(Call::Read);
        request.u32(most);
        Status status = Status::Good;
        std::uint32_t count = 0;
        if (!ask(request,
                 [&](helper::Reader& in) { return helper::readReadAnswer(in, status, count, most); }))
            return Status::NotResponding;
        std::memcpy(buffer, m_pages, count);
        length = static_cast<int>(count);
        return status;
    }

private:
    HelperProcess(pid_t pid, int socket, const std::uint8_t* pages, const HelperSettings& settings)
        : m_pid(pid), m_socket(socket), m_pages(pages), m_settings(settings) {}

    bool send(helper::Writer& request) {
        if (m_pid <= 0)
            return false;
        m_callStarted = Clock::now();
        const auto& frame = request.frame();
        return helper::sendAll(m_socket, frame.data(), frame.size()) || fail();
    }

    bool receive(std::uint8_t* bytes, std::size_t size) {
        return m_pid > 0 && helper::receiveAll(m_socket, bytes, size, [this] { return deadline(); });
    }

    Clock::time_point deadline() const {
        auto until = m_callStarted + m_settings.answerTimeout;
        if (const auto interrupted = m_interruptedAt.load(); interrupted != kNotInterrupted) {
            const Clock::time_point at{Clock::duration(interrupted)};
            until = std::min(until, std::max(at, m_callStarted) + m_settings.cancelGrace);
        }
        return until;
    }

    bool fail() {
        stop(true);
        return false;
    }

    /// Ends the helper: killed at once when it failed, else given a moment to leave after Close.
    void stop(bool kill) {
        if (m_pid <= 0)
            return;
        int status = 0;
        if (!kill) {
            for (int i = 0; i < 50; ++i) {
                if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
                    m_pid = -1;
                    return;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
        ::kill(m_pid, SIGKILL);
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
    }

    pid_t m_pid;
    int m_socket;
    const std::uint8_t* m_pages; ///< kMaxRead bytes shared with the helper, written by it during a Read only
    HelperSettings m_settings;
    Clock::time_point m_callStarted{};
    static constexpr Clock::rep kNotInterrupted = 0;
    std::atomic<Clock::rep> m_interruptedAt{kNotInterrupted}; ///< when interrupt() was called (steady clock)
    std::vector<std::uint8_t> m_answer; ///< the last answer's payload, reused from call to call
};

/// A Device whose calls its own helper answers. A call after the helper failed answers NotResponding.
class HelperDevice : public Device {
public:
    explicit HelperDevice(std::unique_ptr<HelperProcess> process) : m_process(std::move(process)) {}

    std::vector<OptionDescriptor> options() override {
        std::vector<OptionDescriptor> out;
        helper::Writer request(Call::Options);
        if (!m_process->ask(request, [&](helper::Reader& in) { return helper::readOptionsAnswer(in, out); }))
            return {}; // the set-up's next call then answers NotResponding
        return out;
    }

    Status setString(int option, const std::string& value) override {
        helper::Writer request(Call::SetString);
        request.i32(option).str(value);
        return m_process->askStatus(request);
    }

    Status setNumber(int option, double value) override {
        helper::Writer request(Call::SetNumber);
        request.i32(option).f64(value);
        return m_process->askStatus(request);
    }

    Status start() override {
        helper::Writer request(Call::Start);
        return m_process->askStatus(request);
    }

    Status parameters(Parameters& out) override {
        helper::Writer request(Call::Parameters);
        Status status = Status::Good;
        return m_process->ask(
                   request, [&](helper::Reader& in) { return helper::readParametersAnswer(in, status, out); })
                   ? status
                   : Status::NotResponding;
    }

    Status read(std::uint8_t* buffer, int maxLength, int& length) override {
        return m_process->read(buffer, maxLength, length);
    }

    void cancel() override {
        helper::Writer request(Call::Cancel);
        m_process->askStatus(request);
    }

    int selectFd() override { return -1; } // the helper's descriptor means nothing here

    void interrupt() override { m_process->interrupt(); }

private:
    std::unique_ptr<HelperProcess> m_process;
};

class HelperLibrary : public Library {
public:
    explicit HelperLibrary(HelperSettings settings) : m_settings(std::move(settings)) {}

    Status devices(std::vector<DeviceDescription>& out) override {
        out.clear();
        auto process = HelperProcess::start(m_settings);
        helper::Writer request(Call::Devices);
        Status status = Status::Good;
        if (!process || !process->ask(request, [&](helper::Reader& in) {
                return helper::readDevicesAnswer(in, status, out);
            }))
            return out.clear(), Status::NotResponding;
        return status;
    }

    Status open(const std::string& name, std::unique_ptr<Device>& out) override {
        auto process = HelperProcess::start(m_settings);
        if (!process)
            return Status::NotResponding;
        helper::Writer request(Call::Open);
        request.str(name);
        const Status status = process->askStatus(request);
        if (status == Status::Good)
            out = std::make_unique<HelperDevice>(std::move(process));
        return status;
    }

private:
    HelperSettings m_settings;
};

bool executable(const std::filesystem::path& path) {
    return ::access(path.c_str(), X_OK) == 0 && std::filesystem::is_regular_file(path);
}

} // namespace

std::shared_ptr<Library> helperLibrary(HelperSettings settings) {
    return std::make_shared<HelperLibrary>(std::move(settings));
}

std::string helperProgram() {
    constexpr const char* kName = "ywtb-scan-helper";
    if (const char* set = std::getenv("YWTB_SCAN_HELPER"); set && *set)
        return set;
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto dir = self.parent_path();
        for (const auto& candidate : {dir / kName, dir.parent_path() / "lib" / "ywtb-counter" / kName})
            if (executable(candidate))
                return candidate.string();
    }
#ifdef YWTB_SCAN_HELPER_BUILT
    if (executable(YWTB_SCAN_HELPER_BUILT))
        return YWTB_SCAN_HELPER_BUILT;
#endif
    return {};
}

} // namespace ywtb::devices::sane
