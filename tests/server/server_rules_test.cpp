// The server checks every case change against its copy with the counter's own lifecycle rules
// (core/case_transition.h, docs/api.md section 5): a change that is not a legal step is kept as a conflict
// and changes nothing; a legal sequence goes through and the status feed carries only the server's decision.

#include "server/case_bodies.h"
#include "server/server_process.h"
#include "store/database.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

#include <Poco/JSON/Array.h>
#include <catch2/catch.hpp>

using namespace ywtb::testing;
using ywtb::core::CaseStatus;

namespace {

std::int64_t count(const ServerProcess& server, const std::string& sql) {
    ywtb::store::Database db((server.dataDir() / "server.sqlite").string(),
                             ywtb::store::Database::Mode::ReadOnly);
    return db.queryInteger(sql);
}

/// Pushes one change and returns its result.
Poco::JSON::Object::Ptr push(ApiClient& client, const std::string& number, const std::string& kind,
                             const std::string& body) {
    const auto json = R"({"changes":[{"uuid":")" + newUuid() + R"(","case_number":")" + number +
                      R"(","kind":")" + kind + R"(","body":)" + body + "}]}";
    auto answer = client.postJson("/api/v1/changes", json);
    REQUIRE(answer.status == 200);
    return answer.json()->getArray("results")->getObject(0);
}

void applied(const Poco::JSON::Object::Ptr& result, const std::string& serverStatus) {
    INFO((result->has("conflict") ? result->getObject("conflict")->getValue<std::string>("message")
                                  : std::string()));
    CHECK(result->getValue<int>("status") == 201);
    CHECK(result->getValue<std::string>("outcome") == "applied");
    CHECK(result->getValue<std::string>("server_status") == serverStatus);
}

std::string conflictCode(const Poco::JSON::Object::Ptr& result) {
    CHECK(result->getValue<int>("status") == 201);
    CHECK(result->getValue<std::string>("outcome") == "conflict");
    REQUIRE(result->has("conflict"));
    return result->getObject("conflict")->getValue<std::string>("code");
}

/// The server's copy as GET /api/v1/cases/{number} gives it: its status and the status of the body it keeps.
std::pair<std::string, std::string> serverCopy(ApiClient& client, const std::string& number) {
    auto answer = client.get("/api/v1/cases/" + number);
    REQUIRE(answer.status == 200);
    auto json = answer.json();
    return {json->getValue<std::string>("status"), json->getObject("case")->getValue<std::string>("status")};
}

} // namespace

TEST_CASE(
    "rules: a hostile case.open that arrives approved is a conflict and the server holds nothing of it") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient client(server.port());
    client.signIn("S001", "s001-demo-pass", "W01");
    const std::string data = (dir / "data").string();

    auto approved = caseAt("CASE-H", CaseStatus::Draft);
    approved.status = CaseStatus::Approved;
    auto result = push(client, "CASE-H", "case.open", caseBody(approved));
    CHECK(conflictCode(result) == "transition.new_case");
    CHECK(result->getValue<std::string>("server_status").empty());
    CHECK_THAT(result->getObject("conflict")->getValue<std::string>("message"),
               Catch::Contains("CASE-H (none → approved, case.open)"));
    // A bare "status" is no case at all.
    CHECK_THAT(conflictCode(push(client, "CASE-H", "case.open", R"({"status":"approved"})")),
               Catch::StartsWith("json."));
    CHECK(count(server, "SELECT COUNT(*) FROM server_case") == 0);
    CHECK(count(server, "SELECT COUNT(*) FROM change WHERE conflict = 1") == 2); // kept, never dropped
    CHECK(client.get("/api/v1/cases/CASE-H").status == 404);
    auto listed = runCli(serverBinary(), {"admin", "conflicts", "--data-dir", data});
    CHECK(listed.exitCode == 0);
    CHECK_THAT(listed.out, Catch::Contains("CASE-H  case.open") && Catch::Contains("server status: none") &&
                               Catch::Contains("why: CASE-H (none → approved, case.open)"));

    // Once the case is open, opening it again as approved changes nothing either.
    applied(push(client, "CASE-H", "case.open", caseBody("CASE-H", CaseStatus::Draft)), "draft");
    CHECK(conflictCode(push(client, "CASE-H", "case.open", caseBody(approved))) == "transition.illegal");
    CHECK(serverCopy(client, "CASE-H") == std::pair<std::string, std::string>{"draft", "draft"});
    CHECK(client.get("/api/v1/status-changes?after=0").json()->getArray("changes")->size() == 0);

    listed = runCli(serverBinary(), {"admin", "conflicts", "--data-dir", data});
    CHECK_THAT(listed.out,
               Catch::Contains("server status: draft  why: CASE-H (draft → approved, case.open)"));
}

TEST_CASE(
    "rules: a received case that jumps to released is a conflict and the server's copy stays received") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient client(server.port());
    client.signIn("S001", "s001-demo-pass", "W01");

    applied(push(client, "CASE-J", "case.open", caseBody("CASE-J", CaseStatus::Draft)), "draft");
    applied(push(client, "CASE-J", "case.receive", caseBody("CASE-J", CaseStatus::Received)), "received");
    auto jump = caseAt("CASE-J", CaseStatus::Received);
    jump.status = CaseStatus::Released;
    auto result = push(client, "CASE-J", "case.release", caseBody(jump));
    CHECK(conflictCode(result) == "transition.illegal");
    CHECK(result->getValue<std::string>("server_status") == "received");
    CHECK_THAT(result->getObject("conflict")->getValue<std::string>("message"),
               Catch::Contains("CASE-J (received → released, case.release)"));
    CHECK(serverCopy(client, "CASE-J") == std::pair<std::string, std::string>{"received", "received"});
    // Nor does a materials change move the status.
    auto moved = caseAt("CASE-J", CaseStatus::Received);
    moved.status = CaseStatus::Accepted;
    CHECK(conflictCode(push(client, "CASE-J", "case.material", caseBody(moved))) == "transition.illegal");
    CHECK(serverCopy(client, "CASE-J") == std::pair<std::string, std::string>{"received", "received"});
    // A body for another case is refused too.
    CHECK(conflictCode(push(client, "CASE-J", "case.accept", caseBody("CASE-K", CaseStatus::Accepted))) ==
          "transition.number");
    CHECK(count(server, "SELECT COUNT(*) FROM change WHERE conflict = 1") == 3);
}

TEST_CASE("rules: open, accept, the server's approval, ready and release go through and the feed has the "
          "decision") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient client(server.port());
    client.signIn("S001", "s001-demo-pass", "W01");
    const std::string data = (dir / "data").string();

    applied(push(client, "CASE-L", "case.open", caseBody("CASE-L", CaseStatus::Draft)), "draft");
    auto accepted = caseAt("CASE-L", CaseStatus::Accepted);
    applied(push(client, "CASE-L", "case.accept", caseBody(accepted)), "accepted");
    REQUIRE(runCli(serverBinary(), {"admin", "approve", "CASE-L", "--data-dir", data, "--note", "准予许可"})
                .exitCode == 0);

    auto feed = client.get("/api/v1/status-changes?after=0").json()->getArray("changes");
    REQUIRE(feed->size() == 1);
    CHECK(feed->getObject(0)->getValue<std::string>("case_number") == "CASE-L");
    CHECK(feed->getObject(0)->getValue<std::string>("status") == "approved");
    CHECK(feed->getObject(0)->getValue<std::string>("source") == "server");
    CHECK(serverCopy(client, "CASE-L") == std::pair<std::string, std::string>{"approved", "accepted"});

    // The counter records the decision from accepted, as applyServerStatus does, then hands the result over.
    auto approved = caseAt("CASE-L", CaseStatus::Approved);
    applied(push(client, "CASE-L", "case.approve", caseBody(approved)), "approved");
    applied(push(client, "CASE-L", "case.ready", caseBody("CASE-L", CaseStatus::AwaitingRelease)),
            "awaiting_release");
    applied(push(client, "CASE-L", "case.release", caseBody("CASE-L", CaseStatus::Released)), "released");
    CHECK(serverCopy(client, "CASE-L") == std::pair<std::string, std::string>{"released", "released"});
    // The counter's steps are not decisions: the feed still has the one.
    CHECK(client.get("/api/v1/status-changes?after=0").json()->getArray("changes")->size() == 1);
    CHECK(count(server, "SELECT COUNT(*) FROM change WHERE conflict = 1") == 0);
    auto cases = runCli(serverBinary(), {"admin", "cases", "--data-dir", data});
    CHECK_THAT(cases.out, Catch::Contains("CASE-L  released (server)  changes: 5"));
}
