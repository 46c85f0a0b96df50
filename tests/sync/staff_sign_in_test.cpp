// Staff sign-in online and offline (services::StaffSignIn), number blocks from the server, and TLS with a
// certificate made out for another host, all against the real ywtb-counter-server on loopback.

#include "core/clock.h"
#include "server/server_process.h"
#include "services/staff_sign_in.h"
#include "store/case_repository.h"
#include "store/database.h"
#include "store/local_store.h"
#include "store/password_hash.h"
#include "store/staff_verifier.h"
#include "store/sync_state.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"
#include "sync/cli_process.h"
#include "sync/sync_engine.h"
#include "sync/sync_fixture.h"

#include <catch2/catch.hpp>
#include <cstdlib>

using namespace ywtb;
using namespace ywtb::testing;

namespace {

std::string urlOf(int port) {
    return "http://127.0.0.1:" + std::to_string(port);
}

std::unique_ptr<store::LocalStore> openStore(const TempDir& dir) {
    return std::move(store::LocalStore::open(dir / "counter").value());
}

} // namespace

TEST_CASE("sign-in: online keeps a token and a verifier that is not the password; offline checks against it",
          "[signin]") {
    TempDir dir;
    auto local = openStore(dir);
    auto& db = local->db();
    int port = 0;
    {
        ServerProcess server(dir.path() / "server");
        port = server.port();
        services::StaffSignIn signIn(db, urlOf(port) + "/");
        auto online = signIn.signIn("S001", "s001-demo-pass", "W01");
        REQUIRE(online.ok());
        CHECK(online->route == services::SignInRoute::Online);
        CHECK(online->staffName == "Demo Clerk One");
        CHECK_FALSE(online->expiresAt.empty());
        // The token is kept under the server's address without the trailing slash, and is the server's.
        const auto kept = store::keptSession(db, urlOf(port), "W01", core::utcNow());
        REQUIRE(kept.has_value());
        CHECK(kept->staff == "S001");
        CHECK(serverCount(server, "SELECT count(*) FROM session WHERE token_hash = '" +
                                      store::sha256Hex(kept->token) + "'") == 1);
        CHECK_FALSE(store::keptSession(db, urlOf(port), "W01", "2999-01-01T00:00:00Z")
                        .has_value()); // expired by then
    }

    // The stored bytes: a salted PBKDF2 hash, never the password.
    store::Statement row(db, "SELECT salt, iterations, hash FROM staff_verifier WHERE staff = 'S001'");
    REQUIRE(row.step());
    const auto salt = row.text(0);
    const auto hash = row.text(2);
    CHECK(salt.size() == 32);
    CHECK(row.integer(1) >= 100000);
    CHECK(hash.size() == 64);
    CHECK(hash.find("s001") == std::string::npos);
    CHECK(hash != store::sha256Hex("s001-demo-pass"));
    CHECK(hash == store::pbkdf2Sha256Hex("s001-demo-pass", salt, static_cast<unsigned>(row.integer(1))));
    CHECK(
        db.queryInteger(
            "SELECT count(*) FROM staff_verifier WHERE hash LIKE '%demo-pass%' OR salt LIKE '%demo-pass%'") ==
        0);
    const auto file = readFile(local->databasePath()) + readFile(local->databasePath().string() + "-wal");
    CHECK(file.find("s001-demo-pass") == std::string::npos);

    // The server is gone (nothing listens on its port): offline, against the verifier, saying why.
    services::StaffSignIn offline(db, urlOf(port));
    auto result = offline.signIn("S001", "s001-demo-pass", "W01");
    REQUIRE(result.ok());
    CHECK(result->route == services::SignInRoute::Offline);
    CHECK(result->unreachable.code == "http.unreachable");

    auto wrong = offline.signIn("S001", "s001-demo-pas", "W01");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == "signin.offline_refused");

    auto unknown = offline.signIn("S007", "s007-demo-pass", "W01");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "signin.offline_unknown");
    CHECK(unknown.error().fix.str().find("sign in once online on this PC first") != std::string::npos);
}

TEST_CASE("sign-in: the server's refusal is final, whatever verifier this PC keeps", "[signin]") {
    TempDir dir;
    auto local = openStore(dir);
    auto& db = local->db();
    ServerProcess server(dir.path() / "server");
    services::StaffSignIn signIn(db, urlOf(server.port()));
    REQUIRE(signIn.signIn("S001", "s001-demo-pass", "W01").ok());
    const auto before = store::staffVerifier(db, "S001").value();

    // The password the verifier was made of, but the server no longer takes it (changed there, say): refused.
    REQUIRE(runCliWithInput(
                serverBinary(),
                {"admin", "add-staff", "S001", "Demo Clerk One", "--data-dir", server.dataDir().string()},
                "a-new-password\n")
                .exitCode == 0);
    auto refused = signIn.signIn("S001", "s001-demo-pass", "W01");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "sync.refused_sign_in");
    CHECK(refused.error().str().find("auth.invalid_credentials") != std::string::npos);
    CHECK(store::staffVerifier(db, "S001")->hash == before.hash); // left as it was

    // The new password online refreshes the verifier with a fresh salt: the old password no longer works
    // offline.
    REQUIRE(signIn.signIn("S001", "a-new-password", "W01").ok());
    const auto after = store::staffVerifier(db, "S001").value();
    CHECK(after.salt != before.salt);
    CHECK(store::verifierMatches(after, "a-new-password"));
    CHECK_FALSE(store::verifierMatches(after, "s001-demo-pass"));

    // An unknown window is a refusal too, not a reason to sign in offline.
    auto window = signIn.signIn("S001", "a-new-password", "W99");
    REQUIRE_FALSE(window.ok());
    CHECK(window.error().code == "sync.refused_sign_in");
}

TEST_CASE("number blocks: reserved for the window through the server, the same request id after lost answers "
          "gets the same block",
          "[numbers]") {
    TempDir dir;
    auto local = openStore(dir);
    // Request 1 signs in; the block's first try is garbled (done, unreadable), its second dropped (done,
    // lost).
    ServerProcess server(dir.path() / "server", {"--seed-demo", "--inject-faults", "garble=2,drop=3"});
    sync::SyncOptions options;
    options.serverUrl = urlOf(server.port());
    options.staff = "S001";
    options.password = "s001-demo-pass";
    options.window = "W02";
    options.firstBackoff = std::chrono::milliseconds(10);
    sync::SyncEngine engine(local->db(), options);
    const sync::NumberBlockRequest request{newUuid(), "acceptance_notice", 2026, 100};
    auto block = engine.reserveNumberBlock(request);
    REQUIRE(block.ok());
    CHECK(block->window == "W02");
    CHECK(block->last - block->first + 1 == 100);
    CHECK(serverCount(server, "SELECT count(*) FROM number_block") == 1);

    auto again = engine.reserveNumberBlock(request);
    REQUIRE(again.ok());
    CHECK(again->first == block->first);
    CHECK(serverCount(server, "SELECT count(*) FROM number_block") == 1);

    auto reused = engine.reserveNumberBlock({request.requestId, "acceptance_notice", 2026, 50});
    REQUIRE_FALSE(reused.ok());
    CHECK(reused.error().code == "sync.block_refused");
    CHECK(reused.error().str().find("block.request_reused") != std::string::npos);
}

TEST_CASE("sync: over HTTPS a certificate made out for another host name is refused, and the error says so",
          "[sync][tls]") {
    TempDir dir;
    // A certificate for counter-sync.example only, made here; the server is reached as 127.0.0.1 with it as
    // the CA.
    const auto cert = (dir / "cert.pem").string();
    const auto key = (dir / "key.pem").string();
    const auto command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=counter-sync.example -addext "
        "subjectAltName=DNS:counter-sync.example -keyout " +
        shellQuoted(key) + " -out " + shellQuoted(cert) + " 2>/dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    ServerProcess server(dir.path() / "server", {"--seed-demo", "--tls-cert", cert, "--tls-key", key});
    auto local = openStore(dir);
    sync::SyncOptions options;
    options.serverUrl = "https://127.0.0.1:" + std::to_string(server.port());
    options.staff = "S001";
    options.password = "s001-demo-pass";
    options.window = "W01";
    options.onceAttempts = 1;
    options.http.caFile = cert;
    sync::SyncEngine engine(local->db(), options);
    auto result = engine.syncOnce();
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "http.tls");
    CHECK(result.error().what.str().find("does not name the host 127.0.0.1") != std::string::npos);
    CHECK(engine.status().state == sync::Reachability::Offline);
    CHECK(serverCount(server, "SELECT count(*) FROM session") == 0); // the password never went out

    // The same refusal at sign-in: the counter falls back to its own record, never to that server.
    services::StaffSignIn signIn(local->db(), options.serverUrl, options.http);
    auto signedIn = signIn.signIn("S001", "s001-demo-pass", "W01");
    REQUIRE_FALSE(signedIn.ok());
    CHECK(signedIn.error().code == "signin.offline_unknown");
}
