#include "render/qr_code.h"

#include <catch2/catch.hpp>

using namespace ywtb::render;

TEST_CASE("A case lookup URL encodes at level M into a symbol with its finder patterns", "[render][qr]") {
    const auto matrix = encodeQr("https://zwdt.sh.gov.cn/case/XH-W01-20261128-0001");
    REQUIRE(matrix.ok());
    CHECK(matrix->size >= 21);
    CHECK((matrix->size - 17) % 4 == 0); // sizes are 4·version + 17
    const int last = matrix->size - 1;
    // Finder patterns: dark corners and rings at three corners, a light separator inside.
    for (const auto& [x, y] : {std::pair{0, 0}, std::pair{last, 0}, std::pair{0, last}}) {
        CHECK(matrix->isDark(x, y));
        CHECK(matrix->isDark(x == 0 ? 6 : last - 6, y == 0 ? 6 : last - 6));
        CHECK_FALSE(matrix->isDark(x == 0 ? 1 : last - 1, y == 0 ? 1 : last - 1));
    }
}

TEST_CASE("Dark runs cover exactly the dark modules", "[render][qr]") {
    const auto matrix = encodeQr("XH-W01-20261128-0001 受理");
    REQUIRE(matrix.ok());
    std::vector<bool> covered(matrix->dark.size(), false);
    for (const ModuleRun& run : darkRuns(*matrix))
        for (int x = run.x; x < run.x + run.length; ++x) {
            const auto at = static_cast<std::size_t>(run.y * matrix->size + x);
            CHECK_FALSE(covered[at]);
            covered[at] = true;
        }
    CHECK(covered == matrix->dark);
}

TEST_CASE("An empty or oversized payload is an error, not an empty code", "[render][qr]") {
    CHECK(encodeQr("").error().code == "render.qr");
    CHECK(encodeQr(std::string(4000, '\x7f')).error().code == "render.qr");
}
