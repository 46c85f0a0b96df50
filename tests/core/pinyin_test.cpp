#include "core/pinyin.h"
#include "core/utf8.h"

#include <catch2/catch.hpp>

using namespace ywtb::core;

TEST_CASE("pinyin initials of item names", "[pinyin]") {
    CHECK(pinyinInitials("食品经营许可") == "spjyxk");
    CHECK(pinyinInitials("公共场所卫生许可") == "ggcswsxk");
    CHECK(pinyinInitials("建筑工程施工许可证核发") == "jzgcsgxkzhf");
}

TEST_CASE("brackets and punctuation are skipped, ASCII letters and digits kept", "[pinyin]") {
    CHECK(pinyinInitials("食品经营许可（新办）") == "spjyxkxb");
    CHECK(pinyinInitials("ICP备案 2号") == "icpba2h");
}

TEST_CASE("initials match anywhere in the name, any case", "[pinyin]") {
    CHECK(matchesPinyinInitials("食品经营许可（新办）", "spjy"));
    CHECK(matchesPinyinInitials("食品经营许可（新办）", "JYXK"));
    CHECK_FALSE(matchesPinyinInitials("食品经营许可", "spjz"));
    CHECK_FALSE(matchesPinyinInitials("食品经营许可", ""));
    CHECK_FALSE(matchesPinyinInitials("食品", "sp jy"));
}

TEST_CASE("polyphonic characters match every reading", "[pinyin]") {
    CHECK(matchesPinyinInitials("行政许可", "xzxk")); // 行 xíng
    CHECK(matchesPinyinInitials("银行开户", "yhkh")); // 行 háng
    CHECK(matchesPinyinInitials("重新申请", "cxsq")); // 重 chóng
    CHECK(matchesPinyinInitials("重大项目", "zdxm")); // 重 zhòng
}

TEST_CASE("full-width letters typed by a Chinese input method count as ASCII", "[pinyin]") {
    CHECK(pinyinInitials("ＩＣＰ") == "icp");
}

TEST_CASE("malformed UTF-8 does not break the search", "[pinyin]") {
    CHECK(decodeUtf8("a\xFF"
                     "b")
              .size() == 3);
    CHECK(pinyinInitials("\xE9\xA3"
                         "食") == "s");
}
