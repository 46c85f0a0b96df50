// The reference server through real HTTP on loopback: sign-in, validation, limits, reference data, lookups,
// queue.

#include "server/case_bodies.h"
#include "server/server_process.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

#include <Poco/JSON/Array.h>
#include <catch2/catch.hpp>

using namespace ywtb::testing;
using ywtb::core::CaseStatus;

TEST_CASE("sign-in: demo staff gets a token, a wrong password or a missing token is 401 with a fix") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient client(server.port());

    auto ok = client.postJson("/api/v1/sessions",
                              R"({"staff_id":"S001","password":"s001-demo-pass","window":"W01"})");
    REQUIRE(ok.status == 201);
    auto body = ok.json();
    CHECK(body->getValue<std::string>("token").size() == 64);
    CHECK(body->getObject("window")->getValue<std::string>("type") == "intake");

    auto wrong =
        client.postJson("/api/v1/sessions", R"({"staff_id":"S001","password":"guess","window":"W01"})");
    CHECK(wrong.status == 401);
    CHECK(wrong.errorCode() == "auth.invalid_credentials");
    CHECK_FALSE(wrong.json()->getObject("error")->getValue<std::string>("fix").empty());
    auto unknown =
        client.postJson("/api/v1/sessions", R"({"staff_id":"S999","password":"x","window":"W01"})");
    CHECK(unknown.status == 401);
    CHECK(unknown.errorCode() == "auth.invalid_credentials");

    auto missing = client.get("/api/v1/status-changes");
    CHECK(missing.status == 401);
    CHECK(missing.errorCode() == "auth.missing_token");
    client.setToken(std::string(64, 'a'));
    CHECK(client.get("/api/v1/status-changes").errorCode() == "auth.invalid_token");

    client.setToken(body->getValue<std::string>("token"));
    CHECK(client.get("/api/v1/status-changes").status == 200);
    CHECK(client.request("DELETE", "/api/v1/sessions/current", "", "").status == 204);
    CHECK(client.get("/api/v1/status-changes").status == 401);

    // The password is not stored as text anywhere in the database file.
    CHECK(readFile(dir / "data" / "server.sqlite").find("s001-demo-pass") == std::string::npos);
    CHECK(server.stop() == 0);
}

TEST_CASE("requests: malformed JSON is 400, an oversized body 413, a bad field 400 — and the server keeps "
          "serving") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient client(server.port());
    client.signIn("S001", "s001-demo-pass", "W01");

    auto malformed = client.postJson("/api/v1/changes", R"({"changes": [ {"uuid": )");
    CHECK(malformed.status == 400);
    CHECK(malformed.errorCode() == "request.malformed_json");
    CHECK(malformed.json()->getObject("error")->getValue<std::string>("message").find("not valid JSON") !=
          std::string::npos);

    CHECK(client.postJson("/api/v1/changes", "[1, 2]").errorCode() == "request.not_an_object");
    CHECK(client.postJson("/api/v1/changes", std::string(100000, '[') + std::string(100000, ']')).status ==
          400);
    CHECK(client.postJson("/api/v1/sessions", R"({"staff_id":"S001","password":12345,"window":"W01"})")
              .errorCode() == "request.invalid_field");
    CHECK(client.postJson("/api/v1/sessions", R"({"staff_id":"S001","password":"s001-demo-pass"})")
              .errorCode() == "request.missing_field");
    CHECK(
        client
            .postJson("/api/v1/sessions", R"({"staff_id":"S001","password":"s001-demo-pass","window":"W99"})")
            .errorCode() == "window.unknown");
    CHECK(client.postJson("/api/v1/changes", "{}").errorCode() == "batch.missing_changes");
    CHECK(client.postJson("/api/v1/changes", R"({"changes": []})").errorCode() == "batch.empty");
    CHECK(client.postJson("/api/v1/changes", R"({"changes": [{"uuid": "not-a-uuid"}]})").errorCode() ==
          "batch.invalid_change");
    CHECK(client.request("POST", "/api/v1/changes", "{}", "text/plain").status == 415);

    const std::string huge = R"({"changes": [], "padding": ")" + std::string(2 * 1024 * 1024, 'x') + "\"}";
    auto tooLarge = client.postJson("/api/v1/changes", huge);
    CHECK(tooLarge.status == 413);
    CHECK(tooLarge.errorCode() == "request.too_large");

    auto badYear =
        client.postJson("/api/v1/number-blocks",
                        R"({"request_id":")" + newUuid() + R"(","kind":"acceptance","year":1800,"size":10})");
    CHECK(badYear.status == 400);
    CHECK(badYear.json()->getObject("error")->getValue<std::string>("message").find("'year'") !=
          std::string::npos);
    CHECK(client
              .postJson("/api/v1/number-blocks", R"({"request_id":")" + newUuid() +
                                                     R"(","kind":"acceptance","year":"2026","size":10})")
              .status == 400);
    CHECK(client.get("/api/v1/status-changes?limit=abc").status == 400);
    CHECK(client.get("/api/v1/status-changes?after=-1").status == 400);
    CHECK(client.get("/api/v1/nothing-here").status == 404);
    CHECK(client.get("/elsewhere").status == 404);
    CHECK(client.request("PATCH", "/api/v1/changes", "{}").status == 405);
    CHECK(client.request("HEAD", "/api/v1/blobs/XYZ", "", "").status == 400);

    // A change that is well-formed but invalid is refused alone: the rest of the batch goes through.
    const auto good = newUuid();
    auto mixed = client.postJson("/api/v1/changes",
                                 R"({"changes": [
        {"uuid": ")" + newUuid() + R"(", "case_number": "C-1", "kind": "Case Open!", "body": {}},
        {"uuid": ")" + good + R"(", "case_number": "C-1", "kind": "case.open", "body": )" +
                                     caseBody("C-1", CaseStatus::Draft) + "}]}");
    REQUIRE(mixed.status == 200);
    auto results = mixed.json()->getArray("results");
    REQUIRE(results->size() == 2);
    CHECK(results->getObject(0)->getValue<int>("status") == 422);
    CHECK(results->getObject(1)->getValue<int>("status") == 201);
    CHECK(results->getObject(1)->getValue<std::string>("outcome") == "applied");

    CHECK(client.get("/api/v1/health").status == 200);
    CHECK(server.stop() == 0);
}

TEST_CASE("reference data: published documents carry an ETag and If-None-Match answers 304") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient client(server.port());
    client.signIn("S007", "s007-demo-pass", "W02");

    CHECK(client.get("/api/v1/reference/catalogue").errorCode() == "reference.not_published");
    CHECK(client.get("/api/v1/reference/secrets").errorCode() == "reference.unknown");

    const auto file = dir.write("catalogue.json", R"({"items": [{"code": "X1", "name": "demo"}]})");
    auto published = runCli(serverBinary(), {"admin", "publish", "catalogue", file.string(), "--data-dir",
                                             (dir / "data").string()});
    INFO(published.err);
    REQUIRE(published.exitCode == 0);
    const auto bad = dir.write("bad.json", "{nope");
    CHECK(runCli(serverBinary(),
                 {"admin", "publish", "catalogue", bad.string(), "--data-dir", (dir / "data").string()})
              .exitCode == 1);

    auto first = client.get("/api/v1/reference/catalogue");
    REQUIRE(first.status == 200);
    CHECK(first.json()->getArray("items")->size() == 1);
    const auto etag = first.headers["ETag"];
    REQUIRE(etag.size() == 66);
    auto again = client.get("/api/v1/reference/catalogue", {{"If-None-Match", etag}});
    CHECK(again.status == 304);
    CHECK(again.body.empty());
    CHECK(client.get("/api/v1/reference/catalogue", {{"If-None-Match", "\"stale\""}}).status == 200);
}

TEST_CASE("lookups: e-licence found or not, credit clear or flagged") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient client(server.port());
    client.signIn("demo", "demo", "W01");

    auto found = client.postJson("/api/v1/elicences/lookup",
                                 R"({"holder_id":"91310000MA1FL8XQ30","licence_type":"business_licence"})");
    REQUIRE(found.status == 200);
    CHECK(found.json()->getValue<bool>("found"));
    CHECK(found.json()->getObject("licence")->getValue<std::string>("number") == "EL-BL-0001");
    auto missing = client.postJson("/api/v1/elicences/lookup",
                                   R"({"holder_id":"91310000MA1FL8XQ30","licence_type":"food_permit"})");
    CHECK_FALSE(missing.json()->getValue<bool>("found"));
    CHECK(client.postJson("/api/v1/elicences/lookup", R"({"holder_id":"x y"})").status == 400);

    CHECK(client.postJson("/api/v1/credit/check", R"({"subject_id":"91310115MA1H7GQX2K"})")
              .json()
              ->getValue<std::string>("status") == "flagged");
    CHECK(client.postJson("/api/v1/credit/check", R"({"subject_id":"91310000MA1FL8XQ30"})")
              .json()
              ->getValue<std::string>("status") == "clear");
    // The ID number never reaches the log.
    CHECK(server.log().find("91310000MA1FL8XQ30") == std::string::npos);
}

TEST_CASE("hall queue: appointments first, recall, skip, transfer to another window") {
    TempDir dir;
    ServerProcess server(dir / "data");
    ApiClient w1(server.port());
    w1.signIn("S001", "s001-demo-pass", "W01");
    ApiClient w2(server.port());
    w2.signIn("S007", "s007-demo-pass", "W02");

    CHECK(w1.postJson("/api/v1/queue/call-next", "{}").status == 204);
    auto walkIn = w1.postJson("/api/v1/queue/tickets", R"({"kind":"walk_in"})");
    REQUIRE(walkIn.status == 201);
    CHECK(walkIn.json()->getValue<std::string>("number") == "A001");
    auto appointment =
        w1.postJson("/api/v1/queue/tickets", R"({"kind":"appointment","item_code":"310101-001"})");
    CHECK(appointment.json()->getValue<std::string>("number") == "B001");
    CHECK(w1.postJson("/api/v1/queue/tickets", R"({"kind":"vip"})").status == 400);
    CHECK(w1.get("/api/v1/queue").json()->getArray("waiting")->size() == 2);

    auto called = w1.postJson("/api/v1/queue/call-next", "{}");
    REQUIRE(called.status == 200);
    CHECK(called.json()->getValue<std::string>("number") == "B001"); // DB31/T 862 9.1.2
    const auto id = std::to_string(called.json()->getValue<int>("id"));
    auto recalled = w1.postJson("/api/v1/queue/tickets/" + id + "/recall", "{}");
    CHECK(recalled.json()->getValue<int>("call_count") == 2);
    CHECK(w2.postJson("/api/v1/queue/tickets/" + id + "/skip", "{}").errorCode() == "ticket.wrong_state");
    CHECK(w1.postJson("/api/v1/queue/tickets/" + id + "/transfer", R"({"window":"W99"})").errorCode() ==
          "window.unknown");
    auto transferred = w1.postJson("/api/v1/queue/tickets/" + id + "/transfer", R"({"window":"W02"})");
    CHECK(transferred.json()->getValue<std::string>("state") == "waiting");

    // W01 gets the walk-in; W02 gets the ticket transferred to it.
    CHECK(w1.postJson("/api/v1/queue/call-next", "{}").json()->getValue<std::string>("number") == "A001");
    CHECK(w2.postJson("/api/v1/queue/call-next", "{}").json()->getValue<std::string>("number") == "B001");
    CHECK(w2.postJson("/api/v1/queue/tickets/" + id + "/skip", "{}").json()->getValue<std::string>("state") ==
          "skipped");
    CHECK(w2.postJson("/api/v1/queue/tickets/" + id + "/done", "{}").status == 409);
    CHECK(w2.postJson("/api/v1/queue/tickets/999/recall", "{}").status == 404);
    CHECK(w2.postJson("/api/v1/queue/call-next", "{}").status == 204);
}
