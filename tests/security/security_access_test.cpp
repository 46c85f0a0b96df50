// Attacks on the reference server (issue 20), each repeated against the real binary on loopback, and the
// refusal asserted: reading and writing another centre's cases, forging a status the department owns,
// inventing a case for another window or centre, guessing passwords, using a token after a reset or a
// deactivation, weak passwords; and the read audit that records who read what.

#include "server/case_bodies.h"
#include "server/server_process.h"
#include "store/database.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"
#include "sync/cli_process.h"

#include <Poco/JSON/Array.h>
#include <catch2/catch.hpp>

using namespace ywtb::testing;
using ywtb::core::CaseStatus;

namespace {

const std::string kCase = "310104-W01-20261128-0001";

std::int64_t count(const ServerProcess& server, const std::string& sql) {
    ywtb::store::Database db((server.dataDir() / "server.sqlite").string(),
                             ywtb::store::Database::Mode::ReadOnly);
    return db.queryInteger(sql);
}

CliRun admin(const ServerProcess& server, std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), "admin");
    args.push_back("--data-dir");
    args.push_back(server.dataDir().string());
    args.push_back("--test-kdf-iterations");
    args.push_back("1000");
    return runCliWithInput(serverBinary(), args, input);
}

/// Pushes one change; the per-change result.
Poco::JSON::Object::Ptr push(ApiClient& client, const std::string& number, const std::string& kind,
                             const std::string& body) {
    const auto json = R"({"changes":[{"uuid":")" + newUuid() + R"(","case_number":")" + number +
                      R"(","kind":")" + kind + R"(","body":)" + body + "}]}";
    auto answer = client.postJson("/api/v1/changes", json);
    REQUIRE(answer.status == 200);
    return answer.json()->getArray("results")->getObject(0);
}

std::string refusal(const Poco::JSON::Object::Ptr& result) {
    CHECK(result->getValue<int>("status") == 403);
    REQUIRE(result->has("error"));
    return result->getObject("error")->getValue<std::string>("code");
}

std::string outcome(const Poco::JSON::Object::Ptr& result) {
    return result->optValue<std::string>("outcome", "refused");
}

std::string serverStatus(ApiClient& client, const std::string& number) {
    auto answer = client.get("/api/v1/cases/" + number);
    REQUIRE(answer.status == 200);
    return answer.json()->getValue<std::string>("status");
}

/// S001 (intake clerk at W01) opens and accepts kCase.
void acceptedCase(ApiClient& clerk) {
    CHECK(outcome(push(clerk, kCase, "case.open", caseBody(kCase, CaseStatus::Draft))) == "applied");
    CHECK(outcome(push(clerk, kCase, "case.accept", caseBody(kCase, CaseStatus::Accepted))) == "applied");
}

/// A second centre, 310105, with window X01 and its clerk S900.
void secondCentre(const ServerProcess& server) {
    REQUIRE(admin(server, {"add-window", "X01", "intake", "other centre window", "--centre", "310105"})
                .exitCode == 0);
    REQUIRE(admin(server, {"add-staff", "S900", "Other Clerk", "--centre", "310105"}, "violet-harbour-42\n")
                .exitCode == 0);
}

} // namespace

TEST_CASE("security: a counter of another centre neither reads nor writes a case, nor signs in here",
          "[security]") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient clerk(server.port());
    clerk.signIn("S001", "s001-demo-pass", "W01");
    acceptedCase(clerk);
    secondCentre(server);

    ApiClient other(server.port());
    other.signIn("S900", "violet-harbour-42", "X01");
    auto read = other.get("/api/v1/cases/" + kCase);
    CHECK(read.status == 403);
    CHECK(read.errorCode() == "access.out_of_scope");
    CHECK(read.body.find("ID") == std::string::npos); // no part of the case in the refusal

    CHECK(refusal(push(other, kCase, "case.material", caseBody(kCase, CaseStatus::Accepted))) ==
          "access.out_of_scope");
    CHECK(count(server, "SELECT COUNT(*) FROM change WHERE staff_id = 'S900'") == 0);
    CHECK(serverStatus(clerk, kCase) == "accepted");

    // The department's decision of the case is not in the other centre's feed.
    REQUIRE(admin(server, {"approve", kCase}).exitCode == 0);
    CHECK(clerk.get("/api/v1/status-changes").json()->getArray("changes")->size() == 1);
    CHECK(other.get("/api/v1/status-changes").json()->getArray("changes")->size() == 0);

    // Nor may the other centre's clerk sign in at a window of this one.
    ApiClient visitor(server.port());
    auto answer = visitor.postJson("/api/v1/sessions",
                                   R"({"staff_id":"S900","password":"violet-harbour-42","window":"W01"})");
    CHECK(answer.status == 403);
    CHECK(answer.errorCode() == "access.out_of_scope");
    CHECK_THAT(server.log(), Catch::Contains("refused access.out_of_scope: staff S900"));
}

TEST_CASE("security: only the department reviewer approves, and a clerk's forged decision is refused",
          "[security]") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient clerk(server.port());
    clerk.signIn("S001", "s001-demo-pass", "W01");
    acceptedCase(clerk);

    // The intake clerk pushes "approved" and "released" of an accepted case.
    CHECK(refusal(push(clerk, kCase, "case.approve", caseBody(kCase, CaseStatus::Approved))) ==
          "access.role");
    CHECK(outcome(push(clerk, kCase, "case.release", caseBody(kCase, CaseStatus::Released))) == "conflict");
    CHECK(serverStatus(clerk, kCase) == "accepted");

    // A pickup clerk at the pickup window: no intake step, and only a ready case is released.
    REQUIRE(
        admin(server, {"add-staff", "S200", "Pickup Clerk", "--role", "pickup_clerk"}, "amber-window-77\n")
            .exitCode == 0);
    ApiClient pickup(server.port());
    pickup.signIn("S200", "amber-window-77", "W03");
    CHECK(refusal(push(pickup, "310104-W03-20261128-0001", "case.open",
                       caseBody("310104-W03-20261128-0001", CaseStatus::Draft))) == "access.role");
    auto early = push(pickup, kCase, "case.release", caseBody(kCase, CaseStatus::Released));
    CHECK(outcome(early) == "conflict");
    CHECK(early->getObject("conflict")->getValue<std::string>("code") == "transition.illegal");
    // The intake clerk at the pickup window takes no intake step either.
    ApiClient atPickup(server.port());
    atPickup.signIn("S007", "s007-demo-pass", "W03");
    CHECK(refusal(push(atPickup, "310104-W03-20261128-0002", "case.open",
                       caseBody("310104-W03-20261128-0002", CaseStatus::Draft))) == "access.role");

    // The department reviewer approves; then the clerk may record the decision the server holds, and the
    // pickup clerk hands the result over.
    REQUIRE(admin(server, {"add-staff", "S300", "Reviewer", "--role", "department_reviewer"},
                  "granite-review-31\n")
                .exitCode == 0);
    ApiClient reviewer(server.port());
    reviewer.signIn("S300", "granite-review-31", "W01");
    CHECK(outcome(push(reviewer, kCase, "case.approve", caseBody(kCase, CaseStatus::Approved))) == "applied");
    CHECK(refusal(push(reviewer, "310104-W01-20261128-0009", "case.open",
                       caseBody("310104-W01-20261128-0009", CaseStatus::Draft))) == "access.role");
    CHECK(outcome(push(pickup, kCase, "case.ready", caseBody(kCase, CaseStatus::AwaitingRelease))) ==
          "applied");
    CHECK(outcome(push(pickup, kCase, "case.release", caseBody(kCase, CaseStatus::Released))) == "applied");
    CHECK(serverStatus(clerk, kCase) == "released");

    // A centre administrator manages staff, and reads and writes no case.
    REQUIRE(admin(server, {"add-staff", "S400", "Admin", "--role", "centre_admin"}, "cobalt-admin-58\n")
                .exitCode == 0);
    ApiClient centreAdmin(server.port());
    centreAdmin.signIn("S400", "cobalt-admin-58", "W01");
    CHECK(centreAdmin.get("/api/v1/cases/" + kCase).errorCode() == "access.role");
    CHECK(centreAdmin.postJson("/api/v1/changes", R"({"changes":[]})").status == 403);
}

TEST_CASE("security: a counter cannot invent a case numbered for another window or centre", "[security]") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient clerk(server.port());
    clerk.signIn("S001", "s001-demo-pass", "W01");
    for (const std::string number : {"310104-W02-20261128-0001", "310105-W01-20261128-0001"})
        CHECK(refusal(push(clerk, number, "case.open", caseBody(number, CaseStatus::Draft))) ==
              "access.out_of_scope");
    CHECK(count(server, "SELECT COUNT(*) FROM server_case") == 0);
    CHECK(outcome(push(clerk, kCase, "case.open", caseBody(kCase, CaseStatus::Draft))) == "applied");
}

TEST_CASE("security: guessing passwords locks the staff number, then the address", "[security]") {
    TempDir dir;
    ServerProcess server(dir / "data", {"--seed-demo", "--lockout-address-failures", "8"});
    const auto attempt = [&](const std::string& staff, const std::string& password) {
        ApiClient client(server.port());
        return client.postJson("/api/v1/sessions", R"({"staff_id":")" + staff + R"(","password":")" +
                                                       password + R"(","window":"W01"})");
    };
    int refused = 0;
    int paused = 0;
    for (int i = 0; i < 6; ++i) {
        auto answer = attempt("S001", "guess-" + std::to_string(i));
        if (answer.status == 401)
            ++refused;
        if (answer.status == 429) {
            ++paused;
            CHECK(answer.errorCode() == "auth.locked");
            CHECK(answer.headers.count("Retry-After") == 1);
        }
    }
    CHECK(refused >= 2);
    CHECK(paused >= 1);
    // Even the right password waits now.
    CHECK(attempt("S001", "s001-demo-pass").status == 429);
    // Other staff numbers from the same address: after 8 wrong passwords the address is locked for everyone.
    for (int i = 0; i < 8; ++i)
        attempt("X" + std::to_string(i), "guess-guess-guess");
    auto locked = attempt("S007", "s007-demo-pass");
    CHECK(locked.status == 429);
    CHECK(locked.errorCode() == "auth.locked");
}

TEST_CASE("security: a password reset or a deactivation ends the sessions it had", "[security]") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient clerk(server.port());
    clerk.signIn("S001", "s001-demo-pass", "W01");
    REQUIRE(clerk.get("/api/v1/status-changes").status == 200);
    REQUIRE(admin(server, {"set-password", "S001"}, "river-lantern-93\n").exitCode == 0);
    CHECK(clerk.get("/api/v1/status-changes").errorCode() == "auth.invalid_token");
    clerk.signIn("S001", "river-lantern-93", "W01");
    CHECK(clerk.get("/api/v1/status-changes").status == 200);

    ApiClient other(server.port());
    other.signIn("S007", "s007-demo-pass", "W02");
    REQUIRE(admin(server, {"deactivate", "S007"}).exitCode == 0);
    CHECK(other.get("/api/v1/status-changes").status == 401);
    CHECK(
        other
            .postJson("/api/v1/sessions", R"({"staff_id":"S007","password":"s007-demo-pass","window":"W02"})")
            .errorCode() == "auth.invalid_credentials");

    // Renewal: a new token, and the old one stops working.
    const std::string old = clerk.token();
    auto renewed = clerk.postJson("/api/v1/sessions/current/renew", "{}");
    REQUIRE(renewed.status == 201);
    clerk.setToken(renewed.json()->getValue<std::string>("token"));
    CHECK(clerk.get("/api/v1/status-changes").status == 200);
    clerk.setToken(old);
    CHECK(clerk.get("/api/v1/status-changes").status == 401);
}

TEST_CASE("security: weak passwords are refused, and an old hash is made anew at sign-in", "[security]") {
    TempDir dir;
    ServerProcess server(dir / "data");
    for (const std::string weak : {"short", "1234567890", "qwertyuiop", "my-S123-password", "aaaaaaaaaaaa"}) {
        auto run = admin(server, {"add-staff", "S123", "Weak"}, weak + "\n");
        INFO(weak);
        CHECK(run.exitCode == 1);
    }
    CHECK(count(server, "SELECT COUNT(*) FROM staff WHERE id = 'S123'") == 0);
    REQUIRE(admin(server, {"add-staff", "S123", "Strong"}, "copper-kettle-19\n").exitCode == 0);

    // Stored with 1,000 iterations; a server hashing with 2,000 replaces it at the next sign-in.
    server.restart({"--test-kdf-iterations", "2000"});
    ApiClient client(server.port());
    client.signIn("S123", "copper-kettle-19", "W01");
    CHECK(count(server, "SELECT iterations FROM staff WHERE id = 'S123'") == 2000);
    CHECK_THAT(server.log(), Catch::Contains("WARNING: --test-kdf-iterations"));
}

TEST_CASE(
    "security: every read of a case is recorded, the record cannot be changed, bulk reading is throttled",
    "[security]") {
    TempDir dir;
    ServerProcess server(dir / "data", {"--seed-demo", "--bulk-read-limit", "5"});
    ApiClient clerk(server.port());
    clerk.signIn("S001", "s001-demo-pass", "W01");
    acceptedCase(clerk);
    REQUIRE(clerk.get("/api/v1/cases/" + kCase).status == 200);
    REQUIRE(clerk.get("/api/v1/cases/" + kCase).status == 200);

    auto byCase = admin(server, {"reads", "--case", kCase});
    REQUIRE(byCase.exitCode == 0);
    CHECK_THAT(byCase.out, Catch::Contains("staff S001") && Catch::Contains("window W01") &&
                               Catch::Contains("from 127.0.0.1"));
    CHECK(count(server, "SELECT COUNT(*) FROM case_read WHERE case_number = '" + kCase + "'") == 2);
    CHECK_THAT(admin(server, {"reads", "--staff", "S001"}).out, Catch::Contains(kCase));
    {
        ywtb::store::Database db((server.dataDir() / "server.sqlite").string());
        CHECK_THROWS(db.exec("DELETE FROM case_read"));
        CHECK_THROWS(db.exec("UPDATE case_read SET staff_id = 'nobody'"));
    }
    CHECK(count(server, "SELECT COUNT(*) FROM case_read") == 2);

    // Walking case numbers: the sixth distinct one within the minute waits, and the log says so (no names).
    int throttled = 0;
    for (int i = 2; i <= 8; ++i) {
        auto answer = clerk.get("/api/v1/cases/310104-W01-20261128-000" + std::to_string(i));
        if (answer.status == 429) {
            ++throttled;
            CHECK(answer.errorCode() == "read.throttled");
            CHECK(answer.headers.count("Retry-After") == 1);
        }
    }
    CHECK(throttled == 3);
    CHECK(clerk.get("/api/v1/cases/" + kCase).status == 200); // a case already read stays readable
    CHECK_THAT(server.log(), Catch::Contains("refused read.throttled: staff S001 at window W01"));
}
