#include "server/server_process.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/UUIDGenerator.h>
#include <catch2/catch.hpp>
#include <chrono>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <signal.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace ywtb::testing {

std::string serverBinary() {
    return YWTB_SERVER;
}

ServerProcess::ServerProcess(std::filesystem::path dataDir, std::vector<std::string> extraArgs)
    : m_dataDir(std::move(dataDir)), m_extraArgs(std::move(extraArgs)) {
    start();
}

void ServerProcess::start() {
    m_port = 0;
    m_exitCode = -1;
    int out[2];
    REQUIRE(::pipe(out) == 0);
    const std::string logPath = m_dataDir.string() + ".log";
    // Tests sign in hundreds of times: a cheap password hash, which the server allows only when told (and
    // says so on its log); 600,000 iterations would cost 0.3 s a sign-in.
    std::vector<std::string> args{serverBinary(),          "--data-dir", m_dataDir.string(), "--port", "0",
                                  "--test-kdf-iterations", "1000"};
    args.insert(args.end(), m_extraArgs.begin(), m_extraArgs.end());
    m_pid = ::fork();
    REQUIRE(m_pid >= 0);
    if (m_pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        const int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (log >= 0)
            ::dup2(log, STDERR_FILENO);
        ::close(out[0]);
        ::close(out[1]);
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out[1]);
    // The first line is "listening on http://127.0.0.1:PORT"; give a sanitizer build time to start.
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
        pollfd p{out[0], POLLIN, 0};
        if (::poll(&p, 1, 200) > 0) {
            char buffer[256];
            const auto n = ::read(out[0], buffer, sizeof buffer);
            if (n <= 0)
                break;
            line.append(buffer, static_cast<std::size_t>(n));
        }
    }
    ::close(out[0]);
    INFO("server said: " << line << "\nlog: " << log());
    const auto colon = line.rfind(':');
    // 127.0.0.1 unless the test gave another --bind; the clients connect to 127.0.0.1 in any case.
    REQUIRE((line.rfind("listening on http://", 0) == 0 || line.rfind("listening on https://", 0) == 0));
    m_port = std::stoi(line.substr(colon + 1));
    REQUIRE(m_port > 0);
}

ServerProcess::~ServerProcess() {
    stop();
}

int ServerProcess::stop() {
    if (m_pid <= 0)
        return m_exitCode;
    ::kill(m_pid, SIGTERM);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
    m_exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return m_exitCode;
}

void ServerProcess::kill() {
    if (m_pid <= 0)
        return;
    ::kill(m_pid, SIGKILL);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
    m_exitCode = -1;
}

void ServerProcess::restart() {
    stop();
    start();
}

void ServerProcess::restart(std::vector<std::string> extraArgs) {
    m_extraArgs = std::move(extraArgs);
    restart();
}

std::string ServerProcess::log() const {
    std::ifstream in(m_dataDir.string() + ".log");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The client helpers run on the concurrency tests' threads too, where Catch2's macros are not safe:
// they report by throwing, and Catch2 shows the message on the test's own thread.
Poco::JSON::Object::Ptr HttpAnswer::json() const {
    Poco::JSON::Parser parser;
    auto value = parser.parse(body);
    if (value.type() != typeid(Poco::JSON::Object::Ptr))
        throw std::runtime_error("the answer is not a JSON object: " + body);
    return value.extract<Poco::JSON::Object::Ptr>();
}

std::string HttpAnswer::errorCode() const {
    try {
        Poco::JSON::Parser parser;
        auto value = parser.parse(body);
        if (value.type() != typeid(Poco::JSON::Object::Ptr))
            return "";
        auto object = value.extract<Poco::JSON::Object::Ptr>();
        if (!object->has("error"))
            return "";
        return object->getObject("error")->getValue<std::string>("code");
    } catch (const std::exception&) {
        return "";
    }
}

ApiClient::ApiClient(int port) : m_session("127.0.0.1", static_cast<Poco::UInt16>(port)) {
    m_session.setKeepAlive(true);
    m_session.setTimeout(Poco::Timespan(30, 0));
}

HttpAnswer ApiClient::request(const std::string& method, const std::string& path, const std::string& body,
                              const std::string& contentType,
                              const std::map<std::string, std::string>& headers) {
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!m_token.empty())
        request.set("Authorization", "Bearer " + m_token);
    for (const auto& [name, value] : headers)
        request.set(name, value);
    if (!contentType.empty())
        request.setContentType(contentType);
    if (method != "GET" && method != "HEAD")
        request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    m_session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = m_session.receiveResponse(response);
    HttpAnswer answer;
    answer.status = static_cast<int>(response.getStatus());
    if (method != "HEAD")
        Poco::StreamCopier::copyToString(in, answer.body);
    for (const auto& [name, value] : response)
        answer.headers[name] = value;
    return answer;
}

void ApiClient::signIn(const std::string& staff, const std::string& password, const std::string& window) {
    auto answer = postJson("/api/v1/sessions", R"({"staff_id":")" + staff + R"(","password":")" + password +
                                                   R"(","window":")" + window + "\"}");
    if (answer.status != 201)
        throw std::runtime_error("sign-in as " + staff + " failed with " + std::to_string(answer.status) +
                                 ": " + answer.body);
    m_token = answer.json()->getValue<std::string>("token");
}

std::string newUuid() {
    return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
}

} // namespace ywtb::testing
