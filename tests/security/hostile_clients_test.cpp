// Hostile clients against the real server on loopback (issue 20 item 5): slow and idle sockets starve no one,
// one address cannot take every connection, partial uploads are bounded and expire, and the counter's HTTP
// client refuses an answer larger than its limit.

#include "server/server_process.h"
#include "store/blob_store.h"
#include "support/temp_dir.h"
#include "sync/http_client.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <arpa/inet.h>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace ywtb::testing;
using Clock = std::chrono::steady_clock;

namespace {

/// A raw TCP connection to the server from `source` (any 127.x.y.z: Linux answers the whole of 127/8).
class RawConnection {
public:
    RawConnection(int port, const char* source = "127.0.0.1") {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(m_fd >= 0);
        sockaddr_in from{};
        from.sin_family = AF_INET;
        ::inet_pton(AF_INET, source, &from.sin_addr);
        REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(static_cast<std::uint16_t>(port));
        ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
        REQUIRE(::connect(m_fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0);
    }
    ~RawConnection() { ::close(m_fd); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool send(const std::string& text) {
        return ::send(m_fd, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size());
    }
    /// True when the server closed the connection (end of stream or reset) within `timeout`.
    bool closedWithin(std::chrono::milliseconds timeout) {
        const auto deadline = Clock::now() + timeout;
        while (Clock::now() < deadline) {
            pollfd p{m_fd, POLLIN, 0};
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (::poll(&p, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0)
                continue;
            char buffer[4096];
            const auto n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                return true;
        }
        return false;
    }

    /// Everything the server sends until it closes the connection or `timeout` passes.
    std::string readUntilClosed(std::chrono::milliseconds timeout) {
        std::string text;
        const auto deadline = Clock::now() + timeout;
        while (Clock::now() < deadline) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0)
                continue;
            char buffer[4096];
            const auto n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            text.append(buffer, static_cast<std::size_t>(n));
        }
        return text;
    }

private:
    int m_fd = -1;
};

/// GET /api/v1/health on a fresh connection; the time it took, or a failure when it did not answer 200.
std::chrono::milliseconds timedHealthCheck(int port) {
    const auto start = Clock::now();
    ApiClient client(port);
    client.setTimeout(5000);
    const auto answer = client.get("/api/v1/health");
    REQUIRE(answer.status == 200);
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

std::string putRange(std::size_t start, std::size_t length, std::size_t total) {
    return "bytes " + std::to_string(start) + "-" + std::to_string(start + length - 1) + "/" +
           std::to_string(total);
}

std::string pattern(std::size_t size, int seed) {
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        bytes[i] = static_cast<char>((i * 31 + static_cast<std::size_t>(seed)) & 0xff);
    return bytes;
}

HttpAnswer putChunk(ApiClient& client, const std::string& bytes, std::size_t start, std::size_t length) {
    return client.request("PUT", "/api/v1/blobs/" + ywtb::store::sha256Hex(bytes),
                          bytes.substr(start, length), "application/octet-stream",
                          {{"Content-Range", putRange(start, length, bytes.size())}});
}

} // namespace

TEST_CASE("slowloris: the health check answers within 1 s while 50 slow sockets are open") {
    TempDir dir;
    ServerProcess server(dir / "data");
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; i < 50; ++i) {
        slow.push_back(std::make_unique<RawConnection>(server.port()));
        REQUIRE(slow.back()->send("POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    }
    // One header line now and then on every slow socket while the checks run, as the attack does.
    std::atomic<bool> done{false};
    std::thread dribble([&] {
        for (int line = 0; !done; ++line) {
            for (auto& connection : slow)
                connection->send("X-Slow-" + std::to_string(line) + ": 1\r\n");
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    });
    for (int check = 0; check < 5; ++check)
        CHECK(timedHealthCheck(server.port()) < std::chrono::milliseconds(1000));
    // Signed-in work goes through too.
    ApiClient client(server.port());
    client.setTimeout(1000);
    client.signIn("S001", "s001-demo-pass", "W01");
    CHECK(client.get("/api/v1/status-changes").status == 200);
    done = true;
    dribble.join();
    CHECK(server.stop() == 0);
}

TEST_CASE("slowloris: a request head that does not arrive whole within --head-timeout is cut") {
    TempDir dir;
    ServerProcess server(dir / "data", {"--seed-demo", "--head-timeout", "1s"});
    RawConnection slow(server.port());
    RawConnection idle(server.port());
    const auto start = Clock::now();
    bool cut = false;
    for (int line = 0; line < 40 && !cut; ++line) { // a header line every 100 ms: progress, but never a head
        slow.send("X-Line-" + std::to_string(line) + ": 1\r\n");
        cut = slow.closedWithin(std::chrono::milliseconds(100));
    }
    CHECK(cut);
    CHECK(Clock::now() - start < std::chrono::seconds(3));
    CHECK(idle.closedWithin(std::chrono::seconds(2)));
    CHECK(timedHealthCheck(server.port()) < std::chrono::milliseconds(1000));
}

TEST_CASE("deadlines: a request's work counts against --request-timeout, not the head's deadline") {
    TempDir dir;
    {
        // Every request takes 1.5 s (injected): longer than the head deadline, well within the request's.
        ServerProcess server(dir / "slow", {"--head-timeout", "1s", "--inject-faults", "slow=1:1500"});
        ApiClient client(server.port());
        client.setTimeout(10000);
        CHECK(client.get("/api/v1/health").status == 200);
        CHECK(client.get("/api/v1/health").status == 200); // the same kept-alive connection
    }
    {
        ServerProcess server(dir / "slower", {"--request-timeout", "1s", "--inject-faults", "slow=1:3000"});
        ApiClient client(server.port());
        client.setTimeout(10000);
        const auto start = Clock::now();
        CHECK_THROWS(client.get("/api/v1/health")); // cut: no answer
        CHECK(Clock::now() - start < std::chrono::milliseconds(2900));
    }
}

TEST_CASE("connections per address: one address past --connections-per-address is closed at once, others are "
          "served") {
    TempDir dir;
    ServerProcess server(dir / "data", {"--seed-demo", "--connections-per-address", "4"});
    std::vector<std::unique_ptr<RawConnection>> greedy;
    for (int i = 0; i < 4; ++i)
        greedy.push_back(std::make_unique<RawConnection>(server.port(), "127.0.0.2"));
    RawConnection oneTooMany(server.port(), "127.0.0.2");
    CHECK(oneTooMany.closedWithin(std::chrono::seconds(2)));
    for (auto& connection : greedy)
        CHECK_FALSE(connection->closedWithin(std::chrono::milliseconds(10)));
    // Another address is not affected.
    CHECK(timedHealthCheck(server.port()) < std::chrono::milliseconds(1000));
    // Once the greedy ones close, the address is served again (as soon as the server has seen them close).
    greedy.clear();
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    std::string answer;
    while (answer.empty() && Clock::now() < deadline) {
        RawConnection again(server.port(), "127.0.0.2");
        again.send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        answer = again.readUntilClosed(std::chrono::seconds(2));
    }
    CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
}

TEST_CASE("uploads: an oversized chunk or blob is refused, and a window's unfinished uploads have a quota") {
    TempDir dir;
    ServerProcess server(dir / "data", {"--seed-demo", "--upload-quota-mib", "1"});
    ApiClient w01(server.port());
    w01.signIn("S001", "s001-demo-pass", "W01");

    const std::string nine(9 * 1024 * 1024, 'x');
    auto big =
        w01.request("PUT", "/api/v1/blobs/" + ywtb::store::sha256Hex(nine), nine, "application/octet-stream",
                    {{"Content-Range", putRange(0, nine.size(), nine.size())}});
    CHECK(big.status == 413);
    CHECK(big.errorCode() == "request.too_large");
    ApiClient fresh(server.port()); // the 413 closed the connection
    fresh.signIn("S001", "s001-demo-pass", "W01");
    auto huge = fresh.request("PUT", "/api/v1/blobs/" + std::string(64, 'a'), "abc",
                              "application/octet-stream", {{"Content-Range", "bytes 0-2/300000000"}});
    CHECK(huge.status == 413);
    CHECK(huge.errorCode() == "blob.too_large");

    // 700 KiB begun; another 700 KiB would pass the 1 MiB quota of unfinished uploads.
    const auto first = pattern(700 * 1024, 1);
    const auto second = pattern(700 * 1024, 2);
    CHECK(putChunk(fresh, first, 0, 1024).status == 200);
    auto refused = putChunk(fresh, second, 0, 1024);
    CHECK(refused.status == 429);
    CHECK(refused.errorCode() == "upload.quota_exceeded");
    // The quota is the window's: another window may begin it.
    ApiClient w02(server.port());
    w02.signIn("S007", "s007-demo-pass", "W02");
    CHECK(putChunk(w02, second, 0, 1024).status == 200);
    // Finishing the first frees W01's quota.
    CHECK(putChunk(fresh, first, 1024, first.size() - 1024).status == 201);
    const auto third = pattern(700 * 1024, 3);
    CHECK(putChunk(fresh, third, 0, 1024).status == 200);
}

TEST_CASE("uploads: a partial upload with no chunk for --upload-expiry is discarded, and its client starts "
          "from 0") {
    TempDir dir;
    ServerProcess server(dir / "data", {"--seed-demo", "--upload-expiry", "1s"});
    ApiClient client(server.port());
    client.signIn("S001", "s001-demo-pass", "W01");
    const auto bytes = pattern(64 * 1024, 4);
    const std::string path = "/api/v1/blobs/" + ywtb::store::sha256Hex(bytes);
    REQUIRE(putChunk(client, bytes, 0, 1024).status == 200);
    CHECK(client.get(path + "/upload").status == 200);

    // Expiry is a matter of time passing: ask until the server has discarded it (not long after 1 s).
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    int status = 200;
    while (status == 200 && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        status = client.get(path + "/upload").status;
    }
    CHECK(status == 404);
    CHECK(client.request("HEAD", path, "", "").headers.count("Upload-Offset") == 0);
    CHECK(server.log().find("discarded the partial upload " + ywtb::store::sha256Hex(bytes)) !=
          std::string::npos);

    auto resumed = putChunk(client, bytes, 1024, 1024);
    CHECK(resumed.status == 409);
    CHECK(resumed.errorCode() == "upload.offset_mismatch");
    CHECK(resumed.headers["Upload-Offset"] == "0");
    CHECK(putChunk(client, bytes, 0, bytes.size()).status == 201);
    CHECK_FALSE(
        std::filesystem::exists(dir / "data" / "uploads" / (ywtb::store::sha256Hex(bytes) + ".part")));
}

namespace {

/// An HTTP server in this process that answers every request with `size` bytes, with or without
/// Content-Length: a server gone wrong, or not the centre's.
class OversizedAnswer : public Poco::Net::HTTPRequestHandler {
public:
    OversizedAnswer(std::size_t size, bool chunked) : m_size(size), m_chunked(chunked) {}
    void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response) override {
        response.setContentType("application/json");
        if (m_chunked)
            response.setChunkedTransferEncoding(true);
        else
            response.setContentLength64(static_cast<Poco::Int64>(m_size));
        std::ostream& out = response.send();
        const std::string piece(64 * 1024, ' ');
        for (std::size_t sent = 0; sent < m_size && out; sent += piece.size())
            out.write(piece.data(), static_cast<std::streamsize>(std::min(piece.size(), m_size - sent)));
    }

private:
    std::size_t m_size;
    bool m_chunked;
};

class OversizedAnswers : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Poco::Net::HTTPRequestHandler*
    createRequestHandler(const Poco::Net::HTTPServerRequest& request) override {
        const std::string& uri = request.getURI();
        return new OversizedAnswer(uri.find("small") != std::string::npos ? 512 * 1024 : 3 * 1024 * 1024,
                                   uri.find("chunked") != std::string::npos);
    }
};

} // namespace

TEST_CASE("client: an answer larger than maxResponseBytes is refused with http.too_large, announced or not") {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    Poco::Net::HTTPServer server(new OversizedAnswers, socket, new Poco::Net::HTTPServerParams);
    server.start();
    const std::string base = "http://127.0.0.1:" + std::to_string(socket.address().port());
    ywtb::sync::HttpOptions options;
    options.maxResponseBytes = 1024 * 1024;
    auto client = ywtb::sync::makeHttpClient(options);

    for (const std::string path : {"/announced", "/chunked"}) {
        INFO(path);
        auto answer = client->send({"GET", base + path, "", "", {}});
        REQUIRE_FALSE(answer.ok());
        CHECK(answer.error().code == "http.too_large");
        CHECK(answer.error().str().find("1048576") != std::string::npos);
    }
    auto small = client->send({"GET", base + "/small", "", "", {}});
    REQUIRE(small.ok());
    CHECK(small.value().body.size() == 512 * 1024);
    server.stopAll(true);
}
