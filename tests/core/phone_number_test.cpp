#include "core/phone_number.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

TEST_CASE("mobile numbers are accepted with or without the country code and separators", "[phone]") {
    for (const char* typed : {"13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678",
                              "0086 13812345678", "8613812345678", "+8613812345678"}) {
        INFO(typed);
        auto phone = parsePhoneNumber(typed);
        REQUIRE(phone.ok());
        CHECK(phone->kind == PhoneKind::Mobile);
        CHECK(phone->normalised() == "13812345678");
    }
}

TEST_CASE("a mobile number of the wrong length or prefix is refused", "[phone]") {
    CHECK(parsePhoneNumber("1381234567").error().code == "phone.mobile");
    CHECK(parsePhoneNumber("138123456789").error().code == "phone.mobile");
    CHECK(parsePhoneNumber("12812345678").error().code == "phone.mobile");
}

TEST_CASE("landlines keep their area code and extension", "[phone]") {
    auto shanghai = parsePhoneNumber("021-64871234");
    REQUIRE(shanghai.ok());
    CHECK(shanghai->kind == PhoneKind::Landline);
    CHECK(shanghai->normalised() == "021-64871234");
    CHECK(parsePhoneNumber("(021) 6487 1234-806")->normalised() == "021-64871234-806");
    CHECK(parsePhoneNumber("021-64871234转806")->normalised() == "021-64871234-806");
    CHECK(parsePhoneNumber("0571-8888888")->normalised() == "0571-8888888");
    CHECK(parsePhoneNumber("+86 21 6487 1234")->normalised() == "021-64871234");
}

TEST_CASE("a local number without area code takes the centre's own", "[phone]") {
    CHECK(parsePhoneNumber("64871234")->normalised() == "021-64871234");
    CHECK(parsePhoneNumber("8888888", "0571")->normalised() == "0571-8888888");
}

TEST_CASE("400 and 800 service numbers are recognised", "[phone]") {
    auto service = parsePhoneNumber("400-820-8820");
    REQUIRE(service.ok());
    CHECK(service->kind == PhoneKind::Service);
    CHECK(service->normalised() == "400-820-8820");
}

TEST_CASE("bad landlines and stray characters say what is wrong", "[phone]") {
    CHECK(parsePhoneNumber("021-6487123").error().code == "phone.landline");
    CHECK(parsePhoneNumber("021-04871234").error().code == "phone.landline");
    CHECK(parsePhoneNumber("0012345678").error().code == "phone.area_code");
    CHECK(parsePhoneNumber("138abc45678").error().code == "phone.characters");
    CHECK(parsePhoneNumber("   ").error().code == "phone.empty");
}

TEST_CASE("phone errors show the number masked", "[phone][pipl]") {
    auto phone = parsePhoneNumber("1381234567");
    REQUIRE_FALSE(phone.ok());
    CHECK(phone.error().where == "138***4567");
}
