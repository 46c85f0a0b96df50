// The "done when" of the sync issue, against the real ywtb-counter-server on loopback (no mocks): a drain of
// 500 cases with scans taken while the server was down, through SIGKILLs of the server; connections cut in
// the middle of blob chunks, of change batches and of answers. After each: every change, case and blob on the
// server exactly once, the blobs verified by SHA-256, the counter's outbox empty.

#include "server/server_process.h"
#include "services/document_service.h"
#include "services/intake_fixture.h"
#include "store/blob_store.h"
#include "store/database.h"
#include "store/page_repository.h"
#include "store/sync_state.h"
#include "support/cutting_proxy.h"
#include "sync/sync_engine.h"
#include "sync/sync_fixture.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <arpa/inet.h>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <netinet/in.h>
#include <poll.h>
#include <random>
#include <set>
#include <sstream>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace ywtb;
using namespace ywtb::testing;
using namespace std::chrono_literals;

namespace {

sync::SyncOptions quickOptions(int port) {
    auto options = optionsFor(port, 60);
    options.firstBackoff = 10ms;
    options.maxBackoff = 200ms;
    return options;
}

/// A loopback port nothing listens on (bound, read and released).
int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

/// The `i`th case of the day: every third one completed and accepted (several entries), the others opened.
std::string takeCase(services::IntakeService& intake, const core::Item& item, int i) {
    if (i % 3 != 0) {
        auto opened = intake.open(item, company(), std::nullopt);
        REQUIRE(opened.ok());
        return opened->number;
    }
    auto c = completeFoodCase(intake, item);
    REQUIRE(intake.decide(c.number, decision(core::DecisionKind::Accept)).ok());
    return c.number;
}

/// `n` cases taken at the counter, as takeCase makes them.
void intakeCases(Counter& counter, int n) {
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    for (int i = 0; i < n; ++i)
        takeCase(intake, item, i);
}

/// The cases with entries still to send, in the order they were taken.
std::vector<std::string> unsentCases(store::Database& db) {
    store::Statement s(
        db, "SELECT case_number FROM outbox WHERE sent_at IS NULL GROUP BY case_number ORDER BY min(seq)");
    std::vector<std::string> out;
    while (s.step())
        out.push_back(s.text(0));
    return out;
}

/// Random bytes standing in for a scan: the server never looks inside a blob.
std::string randomBytes(std::mt19937& random, std::size_t size) {
    std::string bytes(size, '\0');
    for (auto& b : bytes)
        b = static_cast<char>(random() >> 24);
    return bytes;
}

/// A scanned page on the case's first material, its image and thumbnail stored first, as the scan service
/// does (PageRepository writes the page, its audit entry and its outbox entry in one transaction). The
/// image's name.
std::string addPage(Counter& counter, const std::string& caseNumber, const std::string& image,
                    const std::string& thumbnail) {
    auto& blobs = counter.store->blobs();
    const auto sha = blobs.put(image).value();
    const auto thumbnailSha = blobs.put(thumbnail).value();
    store::PageRepository pages(*counter.store);
    auto added = pages.add({caseNumber, counter.item("SCJG-XK-001").materials.front().id, sha, thumbnailSha,
                            2480, 3508, 300, "color", false},
                           {"S001", "W01", "2026-09-28T02:00:00Z"});
    INFO((added.ok() ? std::string() : added.error().str()));
    REQUIRE(added.ok());
    return sha;
}

void collectHashes(const Poco::Dynamic::Var& value, std::set<std::string>& out) {
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
        for (const auto& [key, member] : *value.extract<Poco::JSON::Object::Ptr>())
            collectHashes(member, out);
    } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
        for (const auto& member : *value.extract<Poco::JSON::Array::Ptr>())
            collectHashes(member, out);
    } else if (value.isString()) {
        const auto text = value.convert<std::string>();
        if (text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos)
            out.insert(text);
    }
}

/// The blobs the outbox names and the counter holds: what the engine must upload (docs/sync.md, blobs).
std::set<std::string> blobsNamed(Counter& counter) {
    std::set<std::string> hashes;
    store::Statement s(counter.store->db(), "SELECT payload FROM outbox");
    while (s.step())
        collectHashes(Poco::JSON::Parser().parse(s.text(0)), hashes);
    std::set<std::string> held;
    for (const auto& sha : hashes)
        if (counter.store->blobs().contains(sha))
            held.insert(sha);
    return held;
}

/// Every outbox entry is on the server exactly once, every case too, nothing else is there, and the outbox is
/// empty with nothing set aside.
void requireExactlyOnce(Counter& counter, const ServerProcess& server) {
    auto& db = counter.store->db();
    const auto local = strings(db, "SELECT uuid FROM outbox");
    CHECK(serverStrings(server, "SELECT uuid FROM change") == local);
    CHECK(serverCount(server, "SELECT count(*) FROM change") == static_cast<std::int64_t>(local.size()));
    CHECK(serverStrings(server, "SELECT number FROM server_case") ==
          strings(db, "SELECT DISTINCT case_number FROM outbox"));
    // Per case, the server holds as many changes as the counter made.
    CHECK(serverStrings(server, "SELECT case_number || ' ' || count(*) FROM change GROUP BY case_number") ==
          strings(db, "SELECT case_number || ' ' || count(*) FROM outbox GROUP BY case_number"));
    CHECK(store::pendingOutbox(db, 100000).empty());
    const auto counts = store::outboxCounts(db);
    CHECK(counts.pending == 0);
    CHECK(counts.poisoned == 0);
    CHECK(counts.conflicts == 0);
}

/// The server holds exactly the blobs named, each once, complete (its size as the counter's) and verifying by
/// the SHA-256 of its file; no upload is left half done.
void requireBlobsOnce(Counter& counter, const ServerProcess& server, const std::set<std::string>& named) {
    CHECK(serverStrings(server, "SELECT sha256 FROM blob") == named);
    CHECK(serverCount(server, "SELECT count(*) FROM blob") == static_cast<std::int64_t>(named.size()));
    CHECK(serverCount(server, "SELECT count(*) FROM upload") == 0);
    int verified = 0;
    for (const auto& sha : named) {
        const auto path = server.dataDir() / "blobs" / sha.substr(0, 2) / sha;
        REQUIRE(std::filesystem::exists(path));
        const auto bytes = readFile(path);
        const auto local = counter.store->blobs().get(sha).value();
        CHECK(bytes.size() == local.size());
        CHECK(serverCount(server, "SELECT size FROM blob WHERE sha256 = '" + sha + "'") ==
              static_cast<std::int64_t>(local.size()));
        if (store::sha256Hex(bytes) == sha)
            ++verified;
    }
    CHECK(verified == static_cast<int>(named.size()));
    int parts = 0;
    for ([[maybe_unused]] const auto& entry :
         std::filesystem::directory_iterator(server.dataDir() / "uploads"))
        ++parts;
    CHECK(parts == 0);
}

int logLines(const ServerProcess& server, const std::string& prefix, const std::string& status) {
    std::istringstream log(server.log());
    int n = 0;
    for (std::string line; std::getline(log, line);)
        if (line.rfind(prefix, 0) == 0 && line.find(" " + status + " ") != std::string::npos)
            ++n;
    return n;
}

/// Sends `bytes` to the server on a new connection, ends the sending direction (the body stops short) and
/// reads the answer until the server closes.
std::string sendAndEnd(int port, const std::string& bytes) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    for (std::size_t sent = 0; sent < bytes.size();) {
        const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        REQUIRE(n > 0);
        sent += static_cast<std::size_t>(n);
    }
    ::shutdown(fd, SHUT_WR);
    std::string answer;
    char buffer[4096];
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        answer.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return answer;
}

} // namespace

TEST_CASE(
    "sync drain: 500 cases with scans taken while the server is down, drained through three SIGKILLs of the "
    "server and a faulty restart: every change, case and blob arrives once",
    "[sync][drain]") {
    TempDir dir;
    Counter counter;
    auto& db = counter.store->db();
    // Each case scanned as it is taken: one page, a second on every fifth case; every seventh case shows the
    // same image as the one before (one blob named by two cases), the others share none. Images mostly 8–64
    // KiB, thumbnails 1–2 KiB.
    std::mt19937 random(20261129);
    auto intake = counter.at();
    const auto& item = counter.item("SCJG-XK-001");
    std::vector<std::string> cases;
    std::string previous;
    for (int i = 0; i < 500; ++i) {
        cases.push_back(takeCase(intake, item, i));
        // Every 25th image is a large colour page (0.5–1 MiB), so that uploads are long enough to be killed
        // in.
        std::string image = i % 7 == 6    ? previous
                            : i % 25 == 0 ? randomBytes(random, 512 * 1024 + random() % (512 * 1024))
                                          : randomBytes(random, 8 * 1024 + random() % (56 * 1024));
        addPage(counter, cases.back(), image, randomBytes(random, 1024 + random() % 1024));
        if (i % 5 == 0)
            addPage(counter, cases.back(), randomBytes(random, 8 * 1024 + random() % (56 * 1024)),
                    randomBytes(random, 1024 + random() % 1024));
        previous = std::move(image);
    }
    REQUIRE(unsentCases(db).size() == 500);
    // Papers issued at the counter: their PDFs are blobs too.
    services::DocumentService papers(*counter.store, counter.config, sourceDir() / "templates",
                                     {render::FontSet{}, {}}, counter.clock, {"S001", "W01"});
    for (std::size_t i = 0; i < 30; i += 6)
        REQUIRE(papers.issue(cases[i], render::DocumentKind::Acceptance).ok());
    const auto named = blobsNamed(counter);
    const auto total = db.queryInteger("SELECT count(*) FROM outbox");
    REQUIRE(named.size() > 600);
    REQUIRE(db.queryInteger("SELECT count(*) FROM outbox WHERE kind = 'document.issue'") == 5);

    // No server yet: offline, and nothing is lost or marked.
    {
        auto options = quickOptions(freePort());
        options.onceAttempts = 2;
        sync::SyncEngine engine(db, options);
        engine.setBlobStore(&counter.store->blobs());
        auto result = engine.syncOnce();
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "http.unreachable");
        CHECK(engine.status().state == sync::Reachability::Offline);
        CHECK(engine.status().outboxDepth == total);
        CHECK(db.queryInteger("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == total);
        CHECK(blobsNamed(counter) == named);
    }

    const auto dbPath = counter.store->databasePath().string();
    const auto drainOptions = [](int port) {
        auto options = quickOptions(port);
        options.batchSize = 25;             // many batches, so the kills land at different points of one
        options.blobChunkBytes = 24 * 1024; // most scans take several chunks: a kill can land inside one
        options.maxBackoff = 100ms;
        options.onceAttempts = 100000; // the drain stops when the test says so
        return options;
    };
    ServerProcess server(dir.path() / "server");
    store::Database watcher(dbPath, store::Database::Mode::ReadOnly);
    const auto sent = [&] {
        return watcher.queryInteger("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL");
    };
    // An upload begun and not finished on the server.
    const auto uploadsBegun = [&] { return serverCount(server, "SELECT count(*) FROM upload"); };
    std::map<std::string, std::uintmax_t> sizes;
    for (const auto& sha : named)
        sizes[sha] = counter.store->blobs().get(sha).value().size();
    // A partial upload on the server (DATA_DIR/uploads/SHA.part) with at least 256 KiB still to come.
    const auto midLargeUpload = [&] {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(server.dataDir() / "uploads", ec)) {
            const auto blob = sizes.find(entry.path().stem().string());
            const auto have = std::filesystem::file_size(entry.path(), ec);
            if (!ec && blob != sizes.end() && have > 0 && have + 256 * 1024 <= blob->second)
                return true;
        }
        return false;
    };
    int killedMidUpload = 0;
    std::int64_t sentBefore = 0;
    for (const double fraction : {0.20, 0.45, 0.70}) {
        std::atomic<bool> finished{false};
        std::jthread draining([&, port = server.port()](std::stop_token stop) {
            store::Database own(dbPath);
            sync::SyncEngine engine(own, drainOptions(port));
            engine.setBlobStore(&counter.store->blobs());
            (void)engine.syncOnce(stop);
            finished = true;
        });
        const auto target = static_cast<std::int64_t>(fraction * static_cast<double>(total));
        while (!finished && sent() < target)
            std::this_thread::sleep_for(1ms);
        REQUIRE_FALSE(finished);
        // Kill at moments that differ: once in the middle of a large scan's upload (at least ten chunks still
        // to come), otherwise a little after a batch.
        if (fraction == 0.45) {
            const auto deadline = std::chrono::steady_clock::now() + 30s;
            while (!midLargeUpload() && sent() < total * 2 / 3 && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(200us);
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(random() % 40));
        }
        server.kill();
        if (uploadsBegun() > 0)
            ++killedMidUpload;
        draining.request_stop();
        draining.join();
        const auto now = sent();
        INFO("killed at " << fraction << ": " << now << " of " << total << " entries sent");
        CHECK(now >= target);
        CHECK(now > sentBefore);
        CHECK(now < total);
        sentBefore = now;
        // The last start also fails on purpose: 503s, dropped and garbled answers, answers slower than the
        // timeout.
        if (fraction == 0.70)
            server.restart({"--seed-demo", "--inject-faults", "error=23,drop=29,garble=31,slow=97:1000"});
        else
            server.restart();
    }
    CHECK(killedMidUpload >= 1);

    auto options = drainOptions(server.port());
    options.onceAttempts = 200;
    options.http.totalTimeoutMs = 500; // the slow answers (1 s) time out; the others, even under ASan, do not
    options.firstBackoff = 5ms;
    options.maxBackoff = 40ms;
    sync::SyncEngine engine(db, options);
    engine.setBlobStore(&counter.store->blobs());
    auto rest = engine.syncOnce();
    INFO((rest.ok() ? std::string() : rest.error().str()));
    REQUIRE(rest.ok());
    CHECK(rest->sent == total - sentBefore);
    CHECK(rest->poisoned == 0);
    requireExactlyOnce(counter, server);
    requireBlobsOnce(counter, server, named);
    CHECK(serverCount(server, "SELECT count(*) FROM server_case") == 500);
    CHECK(serverCount(server, "SELECT count(*) FROM change WHERE kind = 'document.issue'") == 5);
    CHECK(engine.status().state == sync::Reachability::Online);
    CHECK(engine.status().outboxDepth == 0);
}

TEST_CASE("sync drain: connections cut in the middle of blob chunks, of change batches and of answers: "
          "blobs complete and verified, nothing doubled",
          "[sync][drain]") {
    TempDir dir;
    ServerProcess server(dir.path() / "server");
    CuttingProxy proxy(server.port(), 42);
    Counter counter;
    auto& db = counter.store->db();
    std::mt19937 random(4242);
    auto options = quickOptions(proxy.port());
    options.blobChunkBytes = 1024 * 1024;
    sync::SyncEngine engine(db, options);
    engine.setBlobStore(&counter.store->blobs());
    constexpr std::int64_t kChunk = 1024 * 1024;

    // Cases with multi-MiB scans, one of them shown again by another case.
    const auto takeCasesWithScans = [&](int n) {
        intakeCases(counter, n);
        const auto cases = unsentCases(db);
        const auto shared = addPage(counter, cases[0], randomBytes(random, 3 * kChunk + random() % kChunk),
                                    randomBytes(random, 2048));
        addPage(counter, cases[1], randomBytes(random, 2 * kChunk + random() % (2 * kChunk)),
                randomBytes(random, 2048));
        addPage(counter, cases[2], counter.store->blobs().get(shared).value(), randomBytes(random, 2048));
    };
    const auto drain = [&] {
        auto result = engine.syncOnce();
        INFO((result.ok() ? std::string() : result.error().str()));
        REQUIRE(result.ok());
        CHECK(result->poisoned == 0);
        requireExactlyOnce(counter, server);
        requireBlobsOnce(counter, server, blobsNamed(counter));
    };
    const auto requireMidBody = [&](const std::vector<CutRecord>& cuts, int times, std::int64_t bodySize) {
        REQUIRE(static_cast<int>(cuts.size()) == times);
        for (const auto& cut : cuts) {
            INFO(cut.marker << ": " << cut.bytesPassed << " bytes passed, " << cut.bodyBytesPassed
                            << " of the body");
            CHECK(cut.bodyBytesPassed > 0);
            CHECK(cut.bodyBytesPassed < bodySize);
        }
    };

    SECTION("PUT chunks cut mid-body in both directions: the upload resumes from what arrived") {
        takeCasesWithScans(4);
        proxy.arm({"PUT /api/v1/blobs/", CutRule::Direction::ToServer, 2048, 1000 * 1024, 2, 4, false});
        drain();
        requireMidBody(proxy.cuts(), 4, kChunk);
    }
    SECTION("PUT chunks cut mid-body on the way in only: the server answers upload.incomplete_body and keeps "
            "what arrived") {
        takeCasesWithScans(4);
        proxy.arm({"PUT /api/v1/blobs/", CutRule::Direction::ToServer, 2048, 1000 * 1024, 2, 4, true});
        drain();
        requireMidBody(proxy.cuts(), 4, kChunk);
        CHECK(logLines(server, "PUT /api/v1/blobs/", "400") >= 4);
    }
    SECTION("change batches cut mid-body, both ways and on the way in only: nothing applied twice, nothing "
            "set aside") {
        intakeCases(counter, 9);
        const auto batchBody =
            static_cast<std::int64_t>(db.queryInteger("SELECT sum(length(payload)) FROM outbox WHERE seq IN "
                                                      "(SELECT min(seq) FROM outbox GROUP BY case_number)"));
        proxy.arm({"POST /api/v1/changes", CutRule::Direction::ToServer, 900, 1800, 1, 2, false});
        drain();
        requireMidBody(proxy.cuts(), 2, batchBody);

        // The server answered the short bodies above too, into connections already closed.
        const auto refusedBefore = logLines(server, "POST /api/v1/changes", "400");
        intakeCases(counter, 9);
        proxy.arm({"POST /api/v1/changes", CutRule::Direction::ToServer, 900, 1800, 1, 2, true});
        drain();
        requireMidBody(proxy.cuts(), 2, batchBody);
        // request.incomplete_body, retried
        CHECK(logLines(server, "POST /api/v1/changes", "400") - refusedBefore == 2);
    }
    SECTION("answers to change batches cut after the server applied them: the retry is a replay, nothing "
            "doubled") {
        intakeCases(counter, 9);
        proxy.arm({"POST /api/v1/changes", CutRule::Direction::ToClient, 300, 420, 2, 3, false});
        drain();
        requireMidBody(proxy.cuts(), 3, 64 * 1024);
        // Every entry keeps the server's first answer, also those whose answer came as a replay.
        CHECK(db.queryInteger("SELECT count(*) FROM outbox_sync WHERE server_answer LIKE '%\"applied\"%'") ==
              db.queryInteger("SELECT count(*) FROM outbox"));
    }
    proxy.disarm();
    // Nothing is left to send, and the next pass sends nothing.
    auto again = engine.syncOnce();
    REQUIRE(again.ok());
    CHECK(again->sent == 0);
    CHECK(proxy.connections() >= 2);
}

TEST_CASE("sync drain: a chunk cut short keeps exactly the bytes that arrived, and the upload resumes there",
          "[sync][drain]") {
    TempDir dir;
    ServerProcess server(dir.path() / "server");
    std::mt19937 random(99);
    const auto blob = randomBytes(random, 600 * 1024);
    const auto sha = store::sha256Hex(blob);
    ApiClient api(server.port());
    api.signIn("S001", "s001-demo-pass", "W01");
    const auto total = std::to_string(blob.size());

    // The first chunk announces 400 KiB but only 123,457 bytes of it arrive before the connection ends.
    const std::int64_t arrived = 123457;
    const std::string head =
        "PUT /api/v1/blobs/" + sha + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + api.token() +
        "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + std::to_string(400 * 1024) +
        "\r\nContent-Range: bytes 0-" + std::to_string(400 * 1024 - 1) + "/" + total + "\r\n\r\n";
    const auto answer = sendAndEnd(server.port(), head + blob.substr(0, arrived));
    INFO(answer);
    CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(answer.find("upload.incomplete_body") != std::string::npos);
    CHECK(answer.find("\"offset\":" + std::to_string(arrived)) != std::string::npos);
    CHECK(answer.find("Upload-Offset: " + std::to_string(arrived)) != std::string::npos);

    auto status = api.get("/api/v1/blobs/" + sha + "/upload");
    REQUIRE(status.status == 200);
    CHECK(status.json()->getValue<std::int64_t>("offset") == arrived);
    CHECK(std::filesystem::file_size(server.dataDir() / "uploads" / (sha + ".part")) ==
          static_cast<std::uintmax_t>(arrived));

    // A chunk from before the cut is refused with the offset; nothing of it is appended.
    const auto range = [&](std::int64_t from, std::int64_t to) {
        return std::map<std::string, std::string>{
            {"Content-Range", "bytes " + std::to_string(from) + "-" + std::to_string(to) + "/" + total}};
    };
    auto stale = api.request("PUT", "/api/v1/blobs/" + sha, blob.substr(0, 1000), "application/octet-stream",
                             range(0, 999));
    CHECK(stale.status == 409);
    CHECK(stale.errorCode() == "upload.offset_mismatch");
    CHECK(stale.headers["Upload-Offset"] == std::to_string(arrived));
    CHECK(api.get("/api/v1/blobs/" + sha + "/upload").json()->getValue<std::int64_t>("offset") == arrived);

    // The rest from the offset: stored, verified, once.
    auto rest =
        api.request("PUT", "/api/v1/blobs/" + sha, blob.substr(static_cast<std::size_t>(arrived)),
                    "application/octet-stream", range(arrived, static_cast<std::int64_t>(blob.size()) - 1));
    INFO(rest.body);
    CHECK(rest.status == 201);
    CHECK(store::sha256Hex(readFile(server.dataDir() / "blobs" / sha.substr(0, 2) / sha)) == sha);
    CHECK(serverCount(server, "SELECT count(*) FROM blob") == 1);
    CHECK(serverCount(server, "SELECT count(*) FROM upload") == 0);
}

TEST_CASE("sync drain: a server killed between the last chunk of a blob and storing it finishes the blob "
          "when asked",
          "[sync][drain]") {
    TempDir dir;
    Counter counter;
    intakeCases(counter, 2);
    std::mt19937 random(7);
    const auto cases = unsentCases(counter.store->db());
    const auto inPart = randomBytes(random, 300 * 1024);
    const auto renamed = randomBytes(random, 200 * 1024);
    const auto inPartSha = addPage(counter, cases[0], inPart, randomBytes(random, 1024));
    const auto renamedSha = addPage(counter, cases[1], renamed, randomBytes(random, 1024));

    // What a kill leaves in the two windows of the last chunk (blob_uploads.cpp): every byte recorded as
    // received, the blob not recorded; before the rename (all in the .part file) and after it (in its place).
    ServerProcess server(dir.path() / "server");
    server.stop();
    {
        store::Database sdb((server.dataDir() / "server.sqlite").string());
        for (const auto& [sha, size] :
             {std::pair{inPartSha, inPart.size()}, std::pair{renamedSha, renamed.size()}})
            sdb.exec("INSERT INTO upload(sha256, total, received, updated_at) VALUES('" + sha + "', " +
                     std::to_string(size) + ", " + std::to_string(size) + ", '2026-11-29T10:00:00Z')");
    }
    std::ofstream(server.dataDir() / "uploads" / (inPartSha + ".part"), std::ios::binary) << inPart;
    std::filesystem::create_directories(server.dataDir() / "blobs" / renamedSha.substr(0, 2));
    std::ofstream(server.dataDir() / "blobs" / renamedSha.substr(0, 2) / renamedSha, std::ios::binary)
        << renamed;
    server.restart();

    auto options = quickOptions(server.port());
    options.onceAttempts = 5;
    sync::SyncEngine engine(counter.store->db(), options);
    engine.setBlobStore(&counter.store->blobs());
    auto result = engine.syncOnce();
    INFO((result.ok() ? std::string() : result.error().str()));
    REQUIRE(result.ok());
    requireExactlyOnce(counter, server);
    requireBlobsOnce(counter, server, blobsNamed(counter));
}
