// The pass that deflates the streams libharu writes raw: a file of libharu's structure comes out with
// every stream compressed, the lengths and the xref table right (qpdf checks), the content unchanged.

#include "render/document_layout.h"
#include "render/pdf_streams.h"
#include "render/sample_documents.h"
#include "support/pdf_tools.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <zlib.h>

using namespace ywtb;

namespace {

// A one-page PDF laid out exactly as libharu 2.3 writes one with compression off.
std::string rawPdf(const std::string& content) {
    std::vector<std::string> objects{
        "<<\n/Type /Catalog\n/Pages 2 0 R\n>>",
        "<<\n/Type /Pages\n/Kids [ 3 0 R ]\n/Count 1\n>>",
        "<<\n/Type /Page\n/MediaBox [ 0 0 595 842 ]\n/Contents 4 0 R\n/Resources <<\n>>\n/Parent 2 0 R\n>>",
        "<<\n/Length 5 0 R\n>>\nstream\r\n" + content + "\nendstream",
        std::to_string(content.size()),
    };
    std::string pdf = "%PDF-1.3\n%\xb7\xbe\xad\xaa\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const auto xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f\r\n";
    char entry[21];
    for (auto offset : offsets) {
        std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", offset);
        pdf += entry;
    }
    pdf += "trailer\n<<\n/Root 1 0 R\n/Size " + std::to_string(objects.size() + 1) + "\n>>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

std::string pageContent() {
    std::string text;
    for (int i = 0; i < 200; ++i)
        text += "BT /F1 12 Tf 72 " + std::to_string(700 - i) + " Td (line " + std::to_string(i) + ") Tj ET\n";
    return text;
}

} // namespace

TEST_CASE("deflateStreams compresses every raw stream and keeps the file sound", "[render][pdf]") {
    const auto content = pageContent();
    const auto raw = rawPdf(content);
    testing::TempDir dir;
    std::ofstream(dir / "raw.pdf", std::ios::binary) << raw;
    REQUIRE(
        testing::runCommand("qpdf --check " + testing::shellQuoted((dir / "raw.pdf").string())).exitCode ==
        0);

    auto compressed = render::deflateStreams(raw, 1);
    REQUIRE(compressed.ok());
    CHECK(compressed->size() < raw.size());
    CHECK_THAT(*compressed, Catch::Contains("/Filter /FlateDecode"));
    const auto path = dir / "compressed.pdf";
    std::ofstream(path, std::ios::binary) << *compressed;
    CHECK(testing::runCommand("qpdf --check " + testing::shellQuoted(path.string())).exitCode == 0);
    // The content stream decodes back to the very bytes.
    const auto decoded = testing::runCommand("qpdf --show-object=4 --filtered-stream-data " +
                                             testing::shellQuoted(path.string()))
                             .output;
    CHECK(decoded == content);
    // Nothing left raw: a second pass changes nothing.
    CHECK(render::deflateStreams(*compressed, 1).value() == *compressed);
}

TEST_CASE("deflateStreams refuses a file whose structure is not libharu's, changing nothing",
          "[render][pdf]") {
    const auto raw = rawPdf(pageContent());
    CHECK(render::deflateStreams("not a pdf", 1).error().code == "render.pdf_structure");
    auto wrongLength = raw;
    wrongLength.replace(wrongLength.find("\n" + std::to_string(pageContent().size()) + "\n"), 1, "\n1");
    CHECK_FALSE(render::deflateStreams(wrongLength, 1).ok());
    CHECK_FALSE(render::deflateStreams(raw.substr(0, raw.size() - 40), 1).ok());
}

TEST_CASE("a rendered notice has every stream compressed", "[render][pdf]") {
    auto pdf = render::renderPdf(testing::acceptanceNotice(20), render::FontSet{});
    REQUIRE(pdf.ok());
    // Our own bytes: the dictionaries are plain text in front of each stream's data.
    std::size_t streams = 0, filtered = 0;
    for (auto at = pdf->find("\nstream\r\n"); at != std::string::npos;
         at = pdf->find("\nstream\r\n", at + 1)) {
        ++streams;
        const auto dictStart = pdf->rfind(" 0 obj\n", at);
        if (pdf->substr(dictStart, at - dictStart).find("/Filter /FlateDecode") != std::string::npos)
            ++filtered;
    }
    CHECK(streams > 5);
    CHECK(filtered == streams);
}
