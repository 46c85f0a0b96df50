// Not run by ctest (hidden tag): render_tests "[.benchmark]" prints the time per document.
#include "render/document_layout.h"
#include "render/sample_documents.h"

#include <catch2/catch.hpp>
#include <chrono>

using namespace ywtb;
using namespace ywtb::render;

namespace {

void measure(const std::string& what, const Document& document) {
    constexpr int renders = 50;
    std::size_t size = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < renders; ++i) {
        const auto pdf = renderPdf(document, FontSet{});
        REQUIRE(pdf.ok());
        size = pdf->size();
    }
    const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
    WARN(what << ": " << elapsed.count() / renders << " ms per document (mean of " << renders << "), "
              << size / 1024 << " KiB");
}

} // namespace

TEST_CASE("Render time of a two-page notice with a 20-row table", "[.benchmark][render]") {
    Document notice = testing::acceptanceNotice(20);
    notice.copyLabels.clear();
    measure("2 pages, UMing only", notice);

    notice.blocks[0].fields[0].value = std::string("王") + testing::fallbackCharacter + "明";
    measure("2 pages, UMing + Zen Hei", notice);

    notice.copyLabels = {"申请人联", "存档联"};
    measure("2 copies of 2 pages, UMing + Zen Hei", notice);
}
