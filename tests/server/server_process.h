#pragma once
// The real ywtb-counter-server on a free loopback port for one test, and a small HTTP client to talk to it.

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPClientSession.h>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ywtb::testing {

/// Starts the server binary (YWTB_SERVER) with --data-dir DIR --port 0, reads its first line for the port,
/// and stops it with SIGTERM when destroyed. Its log goes to DIR.log (appended to across restarts).
class ServerProcess {
public:
    explicit ServerProcess(std::filesystem::path dataDir,
                           std::vector<std::string> extraArgs = {"--seed-demo"});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return m_port; }
    /// The server's process id while it runs, -1 after stop() or kill().
    pid_t pid() const { return m_pid; }
    const std::filesystem::path& dataDir() const { return m_dataDir; }
    /// SIGTERM and wait; the exit code (-1 when it did not exit normally). Idempotent.
    int stop();
    /// SIGKILL and wait: the server gets no chance to finish anything (a crash, a power cut of the process).
    /// Idempotent.
    void kill();
    /// Starts the server again on the same data directory, with the same arguments or with `extraArgs`, after
    /// stopping it with SIGTERM if it still runs. The port is a new free one: read port() again.
    void restart();
    void restart(std::vector<std::string> extraArgs);
    /// The server's log so far.
    std::string log() const;

private:
    void start();

    std::filesystem::path m_dataDir;
    std::vector<std::string> m_extraArgs;
    pid_t m_pid = -1;
    int m_port = 0;
    int m_exitCode = -1;
};

/// Path of the server binary under test.
std::string serverBinary();

struct HttpAnswer {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    /// The body as a JSON object; throws when it is not one (safe on any thread, unlike Catch2's macros).
    Poco::JSON::Object::Ptr json() const;
    /// error.code of an error body, "" when there is none.
    std::string errorCode() const;
};

/// One keep-alive connection to the server; sign in once, then every request carries the token.
class ApiClient {
public:
    explicit ApiClient(int port);

    HttpAnswer request(const std::string& method, const std::string& path, const std::string& body = "",
                       const std::string& contentType = "application/json",
                       const std::map<std::string, std::string>& headers = {});
    HttpAnswer postJson(const std::string& path, const std::string& json) {
        return request("POST", path, json);
    }
    HttpAnswer get(const std::string& path, const std::map<std::string, std::string>& headers = {}) {
        return request("GET", path, "", "", headers);
    }
    /// Signs in and keeps the token; throws std::runtime_error when sign-in fails.
    void signIn(const std::string& staff, const std::string& password, const std::string& window);
    const std::string& token() const { return m_token; }
    void setToken(std::string token) { m_token = std::move(token); }
    /// How long to wait for an answer (default 30 s).
    void setTimeout(int milliseconds) { m_session.setTimeout(Poco::Timespan(0, milliseconds * 1000)); }

private:
    Poco::Net::HTTPClientSession m_session;
    std::string m_token;
};

/// A fresh lower-case random UUID.
std::string newUuid();

} // namespace ywtb::testing
