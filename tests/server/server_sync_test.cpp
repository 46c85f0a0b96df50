// The sync contract's promises, counted in the server's own store: nothing lost, nothing doubled.

#include "server/case_bodies.h"
#include "server/server_process.h"
#include "store/blob_store.h"
#include "store/database.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

using namespace ywtb::testing;
using ywtb::core::CaseStatus;

namespace {

std::int64_t count(const ServerProcess& server, const std::string& sql) {
    ywtb::store::Database db((server.dataDir() / "server.sqlite").string(),
                             ywtb::store::Database::Mode::ReadOnly);
    return db.queryInteger(sql);
}

std::string change(const std::string& uuid, const std::string& caseNumber, const std::string& kind,
                   const std::string& body) {
    return R"({"uuid":")" + uuid + R"(","case_number":")" + caseNumber + R"(","kind":")" + kind +
           R"(","body":)" + body + "}";
}

std::string batch(const std::vector<std::string>& changes) {
    std::string json = R"({"changes":[)";
    for (std::size_t i = 0; i < changes.size(); ++i)
        json += (i ? "," : "") + changes[i];
    return json + "]}";
}

std::string putRange(std::int64_t start, std::size_t length, std::size_t total) {
    return "bytes " + std::to_string(start) + "-" +
           std::to_string(start + static_cast<std::int64_t>(length) - 1) + "/" + std::to_string(total);
}

std::string pattern(std::size_t size, unsigned seed) {
    std::string bytes(size, '\0');
    unsigned x = seed;
    for (auto& b : bytes) {
        x = x * 1103515245u + 12345u;
        b = static_cast<char>(x >> 16);
    }
    return bytes;
}

} // namespace

TEST_CASE(
    "changes: the same UUID and body returns the first answer, another body is 409, nothing is doubled") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient client(server.port());
    client.signIn("S001", "s001-demo-pass", "W01");

    const auto uuid = newUuid();
    const auto body = caseBody("310104-W01-20261128-0001", CaseStatus::Draft);
    const auto open = change(uuid, "310104-W01-20261128-0001", "case.open", body);
    auto first = client.postJson("/api/v1/changes", batch({open}));
    REQUIRE(first.status == 200);
    auto result = first.json()->getArray("results")->getObject(0);
    CHECK(result->getValue<int>("status") == 201);
    CHECK(result->getValue<std::string>("outcome") == "applied");

    // A retry after a lost answer: byte for byte the first answer, even with keys in another order.
    auto replay = client.postJson("/api/v1/changes", batch({open}));
    CHECK(replay.body == first.body);
    std::ostringstream sorted;                                  // the same body, its keys in another order
    Poco::JSON::Object::Ptr unordered = new Poco::JSON::Object; // sorts its keys
    const auto parsed = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
    for (const auto& [key, value] : *parsed)
        unordered->set(key, value);
    Poco::JSON::Stringifier::condense(unordered, sorted);
    REQUIRE(sorted.str() != body);
    const auto reordered = R"({"changes":[{"body":)" + sorted.str() +
                           R"(,"kind":"case.open","case_number":"310104-W01-20261128-0001","uuid":")" + uuid +
                           "\"}]}";
    CHECK(client.postJson("/api/v1/changes", reordered).body == first.body);

    auto reused = client.postJson(
        "/api/v1/changes", batch({change(uuid, "310104-W01-20261128-0001", "case.open",
                                         caseBody("310104-W01-20261128-0001", CaseStatus::Received))}));
    REQUIRE(reused.status == 200);
    auto refused = reused.json()->getArray("results")->getObject(0);
    CHECK(refused->getValue<int>("status") == 409);
    CHECK(refused->getObject("error")->getValue<std::string>("code") == "change.uuid_reused");

    CHECK(count(server, "SELECT COUNT(*) FROM change") == 1);
    CHECK(count(server, "SELECT COUNT(*) FROM server_case") == 1);
    CHECK(count(server, "SELECT COUNT(*) FROM server_case WHERE status = 'draft'") == 1);
    CHECK(server.stop() == 0);
}

TEST_CASE("status feed: admin approve appears after the cursor, and a later contradicting change is kept as "
          "a conflict") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient client(server.port());
    client.signIn("S001", "s001-demo-pass", "W01");
    const std::string data = (dir / "data").string();

    auto empty = client.get("/api/v1/status-changes?after=0");
    REQUIRE(empty.status == 200);
    CHECK(empty.json()->getArray("changes")->size() == 0);
    CHECK(empty.json()->getValue<std::string>("cursor") == "0");

    for (int i = 1; i <= 3; ++i) {
        const auto number = "CASE-" + std::to_string(i);
        auto taken = client.postJson(
            "/api/v1/changes",
            batch({change(newUuid(), number, "case.open", caseBody(number, CaseStatus::Draft)),
                   change(newUuid(), number, "case.accept", caseBody(number, CaseStatus::Accepted))}));
        REQUIRE(taken.status == 200);
        REQUIRE(taken.json()->getArray("results")->getObject(1)->getValue<std::string>("server_status") ==
                "accepted");
    }
    auto unknown = runCli(serverBinary(), {"admin", "approve", "CASE-9", "--data-dir", data});
    CHECK(unknown.exitCode == 1);
    CHECK(unknown.err.find("no case CASE-9") != std::string::npos);
    REQUIRE(runCli(serverBinary(), {"admin", "approve", "CASE-1", "--data-dir", data}).exitCode == 0);
    REQUIRE(
        runCli(serverBinary(), {"admin", "deny", "CASE-2", "--data-dir", data, "--note", "materials forged"})
            .exitCode == 0);
    REQUIRE(runCli(serverBinary(), {"admin", "decide", "CASE-3", "approve", "--data-dir", data}).exitCode ==
            0);

    auto page = client.get("/api/v1/status-changes?after=0&limit=2").json();
    auto changes = page->getArray("changes");
    REQUIRE(changes->size() == 2);
    CHECK(changes->getObject(0)->getValue<std::string>("case_number") == "CASE-1");
    CHECK(changes->getObject(0)->getValue<std::string>("status") == "approved");
    CHECK(changes->getObject(1)->getValue<std::string>("status") == "denied");
    CHECK(changes->getObject(1)->getValue<std::string>("note") == "materials forged");
    CHECK(page->getValue<bool>("more"));
    const auto cursor = page->getValue<std::string>("cursor");
    auto rest = client.get("/api/v1/status-changes?after=" + cursor).json();
    REQUIRE(rest->getArray("changes")->size() == 1);
    CHECK(rest->getArray("changes")->getObject(0)->getValue<std::string>("case_number") == "CASE-3");
    CHECK_FALSE(rest->getValue<bool>("more"));
    const auto last = rest->getValue<std::string>("cursor");
    CHECK(client.get("/api/v1/status-changes?after=" + last).json()->getArray("changes")->size() == 0);

    // The counter, unaware of the decision, pushes a status change (a legal step of its own copy): kept,
    // flagged, the server's status stays.
    auto late = client.postJson(
        "/api/v1/changes",
        batch({change(newUuid(), "CASE-1", "case.review", caseBody("CASE-1", CaseStatus::UnderReview))}));
    auto answer = late.json()->getArray("results")->getObject(0);
    CHECK(answer->getValue<int>("status") == 201);
    CHECK(answer->getValue<std::string>("outcome") == "conflict");
    CHECK(answer->getValue<std::string>("server_status") == "approved");
    CHECK(answer->getObject("conflict")->getValue<std::string>("code") == "change.server_owned");
    CHECK(count(server, "SELECT COUNT(*) FROM change WHERE conflict = 1") == 1);
    CHECK(count(server, "SELECT COUNT(*) FROM server_case WHERE number = 'CASE-1' AND status = 'approved'") ==
          1);
    // The counter records the department's denial, then hands the result over: these follow the server's
    // decision, applied, not a conflict.
    auto denied = caseAt("CASE-2", CaseStatus::Denied);
    auto ready = denied;
    ready.status = CaseStatus::AwaitingRelease;
    auto released = ready;
    released.status = CaseStatus::Released;
    for (const auto& [kind, c] : std::vector<std::pair<std::string, ywtb::core::Case>>{
             {"case.deny", denied}, {"case.ready", ready}, {"case.release", released}}) {
        auto step =
            client.postJson("/api/v1/changes", batch({change(newUuid(), "CASE-2", kind, caseBody(c))}));
        CHECK(step.json()->getArray("results")->getObject(0)->getValue<std::string>("outcome") == "applied");
    }
    CHECK(count(server, "SELECT COUNT(*) FROM server_case WHERE number = 'CASE-2' AND status = 'released'") ==
          1);
    CHECK(count(server, "SELECT COUNT(*) FROM change WHERE conflict = 1") == 1);

    auto listed = runCli(serverBinary(), {"admin", "conflicts", "--data-dir", data});
    CHECK(listed.out.find("CASE-1") != std::string::npos);
    auto cases = runCli(serverBinary(), {"admin", "cases", "--data-dir", data});
    CHECK(cases.out.find("CASE-1  approved (server)  changes: 3") != std::string::npos);
    CHECK(cases.out.find("CASE-2  released (server)  changes: 5") != std::string::npos);
    CHECK(runCli(serverBinary(), {"admin", "approve", "CASE-1"}).exitCode == 2); // no --data-dir: usage
}

TEST_CASE(
    "number blocks: two windows reserving at once never overlap, and a retried request gets the same block") {
    TempDir dir;
    ServerProcess server(dir / "data");
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
    std::mutex mutex;
    std::atomic<int> failures{0};
    std::vector<std::thread> windows;
    for (const std::string window : {"W01", "W02"}) {
        windows.emplace_back([&, window] {
            try { // no Catch2 macros on these threads
                ApiClient client(server.port());
                client.signIn("S001", "s001-demo-pass", window);
                for (int i = 0; i < 20; ++i) {
                    auto answer = client.postJson("/api/v1/number-blocks",
                                                  R"({"request_id":")" + newUuid() +
                                                      R"(","kind":"acceptance","year":2026,"size":50})");
                    auto json = answer.json();
                    std::lock_guard lock(mutex);
                    ranges.emplace_back(json->getValue<std::int64_t>("first"),
                                        json->getValue<std::int64_t>("last"));
                }
            } catch (const std::exception&) {
                ++failures;
            }
        });
    }
    for (auto& t : windows)
        t.join();
    CHECK(failures == 0);
    REQUIRE(ranges.size() == 40);
    std::sort(ranges.begin(), ranges.end());
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        CHECK(ranges[i].second - ranges[i].first + 1 == 50);
        if (i > 0)
            CHECK(ranges[i].first > ranges[i - 1].second);
    }

    ApiClient client(server.port());
    client.signIn("S007", "s007-demo-pass", "W03");
    const auto request = newUuid();
    const auto body = R"({"request_id":")" + request + R"(","kind":"refusal","year":2026,"size":10})";
    auto first = client.postJson("/api/v1/number-blocks", body);
    CHECK(first.status == 201);
    CHECK(first.json()->getValue<int>("first") == 1); // another kind counts on its own
    auto retry = client.postJson("/api/v1/number-blocks", body);
    CHECK(retry.status == 200);
    CHECK(retry.json()->getValue<int>("last") == 10);
    CHECK(client
              .postJson("/api/v1/number-blocks",
                        R"({"request_id":")" + request + R"(","kind":"refusal","year":2026,"size":20})")
              .errorCode() == "block.request_reused");
    CHECK(client.get("/api/v1/number-blocks").json()->getArray("blocks")->size() == 1);
}

TEST_CASE("blobs: chunked upload, resumed after a cut at the reported offset, verified by SHA-256") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient client(server.port());
    client.signIn("S001", "s001-demo-pass", "W01");

    const auto bytes = pattern(3 * 1024 * 1024 + 123, 7);
    const auto sha = ywtb::store::sha256Hex(bytes);
    const std::string path = "/api/v1/blobs/" + sha;
    CHECK(client.request("HEAD", path, "", "").status == 404);
    CHECK(client.get(path + "/upload").status == 404);

    const std::size_t chunk = 1024 * 1024;
    auto part1 = client.request("PUT", path, bytes.substr(0, chunk), "application/octet-stream",
                                {{"Content-Range", putRange(0, chunk, bytes.size())}});
    REQUIRE(part1.status == 200);
    CHECK(part1.json()->getValue<std::int64_t>("offset") == static_cast<std::int64_t>(chunk));
    CHECK_FALSE(part1.json()->getValue<bool>("complete"));

    // A chunk that skips ahead is refused with the offset to continue from.
    auto ahead = client.request("PUT", path, bytes.substr(2 * chunk, chunk), "application/octet-stream",
                                {{"Content-Range", putRange(2 * chunk, chunk, bytes.size())}});
    CHECK(ahead.status == 409);
    CHECK(ahead.errorCode() == "upload.offset_mismatch");
    CHECK(ahead.headers["Upload-Offset"] == std::to_string(chunk));

    // The second chunk is cut half way: the server keeps what arrived.
    {
        Poco::Net::StreamSocket socket(
            Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(server.port())));
        const std::string head =
            "PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + client.token() +
            "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + std::to_string(chunk) +
            "\r\nContent-Range: " + putRange(chunk, chunk, bytes.size()) + "\r\n\r\n";
        socket.sendBytes(head.data(), static_cast<int>(head.size()));
        const auto half = bytes.substr(chunk, chunk / 2);
        for (std::size_t sent = 0; sent < half.size();)
            sent += static_cast<std::size_t>(
                socket.sendBytes(half.data() + sent, static_cast<int>(half.size() - sent)));
        socket.close();
    }
    std::int64_t offset = 0;
    for (int i = 0; i < 800 && offset != static_cast<std::int64_t>(chunk + chunk / 2); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        offset = client.get(path + "/upload").json()->getValue<std::int64_t>("offset");
    }
    REQUIRE(offset == static_cast<std::int64_t>(chunk + chunk / 2));
    CHECK(client.request("HEAD", path, "", "").headers["Upload-Offset"] == std::to_string(offset));

    // Resume from the reported offset to the end, in chunks.
    auto position = static_cast<std::size_t>(offset);
    HttpAnswer last;
    while (position < bytes.size()) {
        const auto length = std::min(chunk, bytes.size() - position);
        last = client.request(
            "PUT", path, bytes.substr(position, length), "application/octet-stream",
            {{"Content-Range", putRange(static_cast<std::int64_t>(position), length, bytes.size())}});
        REQUIRE((last.status == 200 || last.status == 201));
        position += length;
    }
    CHECK(last.status == 201);
    CHECK(last.json()->getValue<bool>("complete"));
    auto head = client.request("HEAD", path, "", "");
    CHECK(head.status == 200);
    CHECK(head.headers["Content-Length"] == std::to_string(bytes.size()));
    auto download = client.get(path);
    CHECK(ywtb::store::sha256Hex(download.body) == sha);
    // Sending it again stores nothing new.
    auto again = client.request("PUT", path, bytes.substr(0, chunk), "application/octet-stream",
                                {{"Content-Range", putRange(0, chunk, bytes.size())}});
    CHECK(again.status == 200);
    CHECK(again.json()->getValue<bool>("complete"));
    CHECK(count(server, "SELECT COUNT(*) FROM blob") == 1);
    CHECK(count(server, "SELECT COUNT(*) FROM upload") == 0);
    CHECK(server.stop() == 0);
}

TEST_CASE("blobs: bytes that do not match their SHA-256 are refused with 422 and nothing is stored") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient client(server.port());
    client.signIn("S001", "s001-demo-pass", "W01");

    const auto bytes = pattern(200000, 3);
    const auto claimed = ywtb::store::sha256Hex("something else");
    const std::string path = "/api/v1/blobs/" + claimed;
    auto first = client.request("PUT", path, bytes.substr(0, 100000), "application/octet-stream",
                                {{"Content-Range", putRange(0, 100000, bytes.size())}});
    CHECK(first.status == 200);
    auto wrong = client.request("PUT", path, bytes.substr(100000), "application/octet-stream",
                                {{"Content-Range", putRange(100000, 100000, bytes.size())}});
    CHECK(wrong.status == 422);
    CHECK(wrong.errorCode() == "blob.hash_mismatch");
    CHECK(client.request("HEAD", path, "", "").status == 404);
    CHECK(client.get(path + "/upload").status == 404);
    CHECK(count(server, "SELECT COUNT(*) FROM blob") == 0);
    CHECK(count(server, "SELECT COUNT(*) FROM upload") == 0);
    CHECK_FALSE(std::filesystem::exists(dir / "data" / "blobs" / claimed.substr(0, 2) / claimed));
    CHECK(std::filesystem::is_empty(dir / "data" / "uploads"));

    CHECK(client.request("PUT", path, "abc", "application/octet-stream").errorCode() == "upload.bad_range");
    CHECK(client.request("PUT", path, "abc", "application/octet-stream", {{"Content-Range", "bytes 0-9/10"}})
              .errorCode() == "upload.bad_range");
    CHECK(client
              .request("PUT", path, "abc", "application/octet-stream",
                       {{"Content-Range", "bytes 0-2/999999999999"}})
              .status == 413);
}

TEST_CASE("concurrency: 8 clients pushing 50 batches each, every one retried once, all succeed and nothing "
          "is doubled") {
    TempDir dir;
    ServerProcess server(dir / "data");
    std::atomic<int> applied{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 8; ++c) {
        clients.emplace_back([&, c] {
            try {
                ApiClient client(server.port());
                client.signIn(c % 2 ? "S001" : "S007", c % 2 ? "s001-demo-pass" : "s007-demo-pass",
                              c % 2 ? "W01" : "W02");
                for (int i = 0; i < 50; ++i) {
                    const auto caseNumber = "C" + std::to_string(c) + "-" + std::to_string(i);
                    const auto body = batch(
                        {change(newUuid(), caseNumber, "case.open", caseBody(caseNumber, CaseStatus::Draft)),
                         change(newUuid(), caseNumber, "document.issue", R"({"kind":"receipt"})")});
                    auto first = client.postJson("/api/v1/changes", body);
                    auto retry = client.postJson("/api/v1/changes", body); // as after a lost answer
                    if (first.status != 200 || retry.body != first.body) {
                        ++failures;
                        continue;
                    }
                    auto results = first.json()->getArray("results");
                    for (std::size_t r = 0; r < results->size(); ++r)
                        if (results->getObject(static_cast<unsigned>(r))->getValue<int>("status") == 201)
                            ++applied;
                }
            } catch (const std::exception&) {
                ++failures;
            }
        });
    }
    for (auto& t : clients)
        t.join();
    CHECK(failures == 0);
    CHECK(applied == 8 * 50 * 2);
    CHECK(count(server, "SELECT COUNT(*) FROM change") == 800);
    CHECK(count(server, "SELECT COUNT(*) FROM server_case") == 400);
    CHECK(count(server, "SELECT COUNT(*) FROM (SELECT case_number FROM change GROUP BY case_number HAVING "
                        "COUNT(*) != 2)") == 0);
    CHECK(server.stop() == 0);
}

TEST_CASE("restart: tokens, changes and first answers survive a server restart on the same data directory") {
    TempDir dir;
    std::string firstAnswer;
    std::string token;
    const auto open =
        batch({change(newUuid(), "CASE-R", "case.open", caseBody("CASE-R", CaseStatus::Draft))});
    {
        ServerProcess server(dir / "data");
        ApiClient client(server.port());
        client.signIn("S001", "s001-demo-pass", "W01");
        token = client.token();
        firstAnswer = client.postJson("/api/v1/changes", open).body;
        CHECK(server.stop() == 0);
    }
    ServerProcess again(dir / "data", {});
    ApiClient client(again.port());
    client.setToken(token);
    CHECK(client.postJson("/api/v1/changes", open).body == firstAnswer);
    CHECK(count(again, "SELECT COUNT(*) FROM change") == 1);
}

TEST_CASE("fault injection: after a 503, a lost answer, a garbled answer or a slow one, the retry doubles "
          "nothing") {
    // Each fault hits every 2nd request: request 1 signs in, request 2 meets the fault, request 3 is the
    // retry.
    for (const std::string spec : {"error=2", "drop=2", "garble=2", "slow=2:1500"}) {
        INFO("--inject-faults " << spec);
        TempDir dir;
        ServerProcess server(dir / "data", {"--seed-demo", "--inject-faults", spec});
        ApiClient client(server.port());
        client.signIn("S001", "s001-demo-pass", "W01");
        const auto push =
            batch({change(newUuid(), "CASE-F", "case.open", caseBody("CASE-F", CaseStatus::Draft))});

        if (spec == "error=2") {
            auto refused = client.postJson("/api/v1/changes", push);
            CHECK(refused.status == 503);
            CHECK(refused.errorCode() == "server.fault_injected");
            CHECK(count(server, "SELECT COUNT(*) FROM change") == 0);
        } else if (spec == "drop=2") {
            CHECK_THROWS(client.postJson("/api/v1/changes", push)); // applied, the answer lost
            CHECK(count(server, "SELECT COUNT(*) FROM change") == 1);
        } else if (spec == "garble=2") {
            auto garbled = client.postJson("/api/v1/changes", push); // applied, the answer unreadable
            CHECK(garbled.status == 200);
            CHECK_THROWS(garbled.json());
        } else {
            ApiClient impatient(server.port());
            impatient.setToken(client.token());
            impatient.setTimeout(300);
            CHECK_THROWS(impatient.postJson("/api/v1/changes", push)); // slower than the client waits
        }
        auto retry = client.postJson("/api/v1/changes", push);
        REQUIRE(retry.status == 200);
        CHECK(retry.json()->getArray("results")->getObject(0)->getValue<int>("status") == 201);
        CHECK(server.stop() == 0); // waits for the slow request too
        CHECK(count(server, "SELECT COUNT(*) FROM change") == 1);
        CHECK(count(server, "SELECT COUNT(*) FROM server_case") == 1);
    }
}
