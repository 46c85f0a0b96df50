#include "core/masking.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

TEST_CASE("personal data is masked the way DESIGN.md shows", "[pipl]") {
    CHECK(maskIdNumber("11010519491231002X") == "110105********002X");
    CHECK(maskPhone("13812345678") == "138****5678");
    CHECK(maskName("张三丰") == "张**");
    CHECK(maskName("李四") == "李*");
    CHECK(maskName("王") == "王*");
    CHECK(maskIdNumber("123") == "***"); // too short to show any part
}
