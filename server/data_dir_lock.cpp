#include "server/data_dir_lock.h"

#include "core/clock.h"

#include <Poco/Environment.h>
#include <chrono>
#include <sstream>
#include <system_error>
#include <thread>

namespace ywtb::server {
namespace {

constexpr const char* kFirstLine =
    "# ywtb-counter-server: the server using this data directory; do not delete\n";

std::string field(const std::string& text, const std::string& name) {
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line))
        if (line.rfind(name + "=", 0) == 0)
            return line.substr(name.size() + 1);
    return "";
}

} // namespace

std::string LockHolder::describe() const {
    std::string text = "pid " + (pid.empty() ? std::string("unknown") : pid);
    if (!started.empty())
        text += ", started " + started;
    if (!listening.empty())
        text += ", listening on " + listening;
    if (!host.empty())
        text += ", on host " + host;
    return text;
}

std::string lockFileText(const LockHolder& holder) {
    return std::string(kFirstLine) + "pid=" + holder.pid + "\nstarted=" + holder.started +
           "\nlistening=" + holder.listening + "\nhost=" + holder.host + "\n";
}

LockHolder parseLockFile(const std::string& text) {
    return {field(text, "pid"), field(text, "started"), field(text, "listening"), field(text, "host")};
}

std::filesystem::path lockFilePath(const std::filesystem::path& dataDir) {
    return dataDir / "server.lock";
}

DataDirLock::DataDirLock(const std::filesystem::path& dataDir, const std::string& listening)
    : m_path(lockFilePath(dataDir)) {
    std::error_code ec;
    std::filesystem::create_directories(dataDir, ec);
    if (ec)
        throw std::runtime_error("cannot create the data directory " + dataDir.string() + ": " +
                                 ec.message());
    std::string detail;
    if (!m_file.open(m_path, detail))
        throw std::runtime_error("cannot open the lock file " + m_path.string() + ": " + detail +
                                 " — check that the service account may write the data directory");
    bool heldElsewhere = false;
    if (!m_file.tryLock(heldElsewhere, detail)) {
        if (!heldElsewhere)
            throw std::runtime_error("cannot lock " + m_path.string() + ": " + detail +
                                     " — keep the data directory on a local file system");
        // The holder writes its name right after taking the lock: give a server that is just starting a
        // moment to do so.
        std::string text;
        for (int attempt = 0; attempt < 20; ++attempt) {
            if (m_file.read(text, detail) && !field(text, "pid").empty())
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        LockHolder holder = parseLockFile(text);
        throw DataDirInUse(
            "the data directory " + dataDir.string() + " is in use by another ywtb-counter-server (" +
                holder.describe() + "): one server per data directory. Stop that one first (kill " +
                (holder.pid.empty() ? std::string("PID") : holder.pid) +
                ", or systemctl stop ywtb-counter-server), or give this one another --data-dir",
            holder);
    }
    std::string previous;
    if (m_file.read(previous, detail) && !field(previous, "pid").empty())
        m_takenOverFrom = parseLockFile(previous);
    const LockHolder self{std::to_string(currentProcessId()), core::utcNow(), listening,
                          Poco::Environment::nodeName()};
    if (!m_file.replace(lockFileText(self), detail))
        throw std::runtime_error("cannot write the lock file " + m_path.string() + ": " + detail);
}

DataDirLock::~DataDirLock() {
    std::string ignored; // nothing to do about it: the lock is released when the file closes anyway
    m_file.replace("", ignored);
}

} // namespace ywtb::server
