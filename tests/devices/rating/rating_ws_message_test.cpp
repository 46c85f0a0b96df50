// The rating-ws messages (devices/PROTOCOLS.md "Rating device over WebSocket"): good ones parse to what
// they say, bad ones are refused with rating.message and never an exception.

#include "devices/rating/rating_ws_message.h"

#include <catch2/catch.hpp>

using namespace ywtb::devices;

TEST_CASE("rating-ws messages of the protocol's examples parse", "[rating][websocket]") {
    auto login = parseRatingWsMessage(R"({"code":40001,"data":{"work_no":"S0123","window":"W03"}})");
    REQUIRE(login.ok());
    CHECK(login->code == rating_ws::login);
    CHECK_FALSE(login->success.has_value());
    CHECK(login->workNo == "S0123");
    CHECK(login->window == "W03");

    auto rate = parseRatingWsMessage(
        R"({"code":50100,"data":{"request_id":7,"case_no":"SH-0042","stage":"release"}})");
    REQUIRE(rate.ok());
    CHECK(rate->requestId == 7);
    CHECK(rate->caseNumber == "SH-0042");
    CHECK(rate->stage == RatingStage::Release);

    auto busy = parseRatingWsMessage(
        R"({"code":50100,"state":0,"msg":"busy","data":{"request_id":7,"reason":"busy"}})");
    REQUIRE(busy.ok());
    CHECK(busy->success == false);
    CHECK(busy->reason == "busy");

    auto result = parseRatingWsMessage(
        R"({"code":50101,"state":1,"msg":"","data":{"request_id":7,"rated":true,"level":4,"tags":[1,3]}})");
    REQUIRE(result.ok());
    CHECK(result->rated);
    CHECK(result->result.level == 4);
    CHECK(result->result.tags == std::vector<int>{1, 3});

    auto notRated = parseRatingWsMessage(R"({"code":50101,"state":1,"data":{"request_id":7,"rated":false}})");
    REQUIRE(notRated.ok());
    CHECK_FALSE(notRated->rated);

    auto beat = parseRatingWsMessage(R"({"code":40000,"state":1,"data":{"time":1764374400000}})");
    REQUIRE(beat.ok());
    CHECK(beat->time == 1764374400000);

    CHECK(parseRatingWsMessage(R"({"code":40002,"state":0,"msg":"bad packet"})").ok());
}

TEST_CASE("rating-ws messages survive encoding and parsing", "[rating][websocket]") {
    RatingWsMessage m;
    m.code = rating_ws::result;
    m.success = true;
    m.requestId = 65535;
    m.rated = true;
    m.result = {2, {3}};
    const auto text = encodeRatingWsMessage(m);
    CHECK(text ==
          R"({"code":50101,"state":1,"data":{"request_id":65535,"rated":true,"level":2,"tags":[3]}})");
    auto back = parseRatingWsMessage(text);
    REQUIRE(back.ok());
    CHECK(back->result.level == 2);
    CHECK(back->result.tags == std::vector<int>{3});

    RatingWsMessage rate;
    rate.code = rating_ws::rate;
    rate.requestId = 1;
    rate.caseNumber = "受理-0042";
    rate.stage = RatingStage::Receive;
    auto again = parseRatingWsMessage(encodeRatingWsMessage(rate));
    REQUIRE(again.ok());
    CHECK(again->caseNumber == "受理-0042");
    CHECK(again->stage == RatingStage::Receive);
}

TEST_CASE("bad rating-ws messages are refused with rating.message", "[rating][websocket]") {
    const char* bad[] = {
        "",
        "not json",
        "[1,2,3]",
        R"("a string")",
        R"({"code":50101,"state":1,"data":{"request_id":7,"rated":true,"level":4})", // cut short
        R"({"state":1})",                                                            // no code
        R"({"code":"50101"})",                                                       // code of the wrong type
        R"({"code":12345,"state":1})",                                               // unknown code
        R"({"code":40000,"state":2,"data":{"time":1}})",                             // state outside 0/1
        R"({"code":40000,"state":1,"data":[1]})",                                    // data not an object
        R"({"code":40000,"state":1})",                                               // heartbeat without time
        R"({"code":50101,"state":1,"data":{"request_id":7,"rated":true,"level":0}})",
        R"({"code":50101,"state":1,"data":{"request_id":7,"rated":true,"level":6}})",
        R"({"code":50101,"state":1,"data":{"request_id":7,"rated":true,"level":4.5}})",
        R"({"code":50101,"state":1,"data":{"request_id":7,"rated":true,"level":4,"tags":"1,3"}})",
        R"({"code":50101,"state":1,"data":{"request_id":7,"rated":true,"level":4,"tags":[0]}})",
        R"({"code":50101,"state":1,"data":{"request_id":7,"rated":true,"level":4,"tags":["x"]}})",
        R"({"code":50101,"state":1,"data":{"request_id":7,"rated":"yes"}})",
        R"({"code":50101,"state":1,"data":{"request_id":0,"rated":false}})",
        R"({"code":50101,"state":1,"data":{"request_id":99999999999999999999999,"rated":false}})",
        R"({"code":50100,"data":{"request_id":1,"case_no":"","stage":"accept"}})",
        R"({"code":50100,"data":{"request_id":1,"case_no":"SH-1","stage":"later"}})",
        R"({"code":40001,"data":{"work_no":"S0123"}})",
    };
    for (const char* text : bad) {
        INFO(text);
        auto parsed = parseRatingWsMessage(text);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == "rating.message");
    }
    // The error names the field, never the value (which may be personal).
    auto wrong =
        parseRatingWsMessage(R"({"code":50100,"data":{"request_id":1,"case_no":"SH-1","stage":"张三"}})");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().str().find("stage") != std::string::npos);
    CHECK(wrong.error().str().find("张三") == std::string::npos);
}
