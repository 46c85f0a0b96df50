// Documents to PDF, side by side: the 补正材料通知书 of a case with 20 gaps, drawn by our renderer (template
// filled, laid out, libharu with per-document font subsets) and, from the very same filled content, by the
// tools a centre uses today — LibreOffice converting an equivalent flat ODF text (.fodt) and headless
// Chromium printing equivalent HTML. One thread each; every output's page count is checked.
//
// usage: ywtb-bench-documents DIR [RENDERS] [PROCESS_RUNS]   (PROCESS_RUNS 0: ours only)
// DIR is rebuilt: the store, the exported .html/.fodt, the PDFs and the office tools' profiles live there.

#include "render/document_filler.h"
#include "render/qr_code.h"
#include "services/calendar_service.h"
#include "services/catalogue_service.h"
#include "services/document_service.h"
#include "services/intake_service.h"
#include "store/case_repository.h"
#include "store/local_store.h"

#include <Poco/Base64Encoder.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

using namespace ywtb;
using Steady = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "ywtb-bench-documents: %s\n", what.c_str());
    std::exit(1);
}

template <typename T> T need(core::Expected<T> result, const char* what) {
    if (!result)
        die(std::string(what) + ": " + result.error().str());
    return std::move(result).value();
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeFile(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string shellQuoted(const std::string& s) {
    std::string q = "'";
    for (char ch : s)
        q += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    return q + "'";
}

std::string commandOutput(const std::string& command) {
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
            out.append(buffer, n);
        pclose(pipe);
    }
    return out;
}

int pdfPages(const fs::path& pdf) {
    const auto info = commandOutput("pdfinfo " + shellQuoted(pdf.string()) + " 2>/dev/null");
    const auto at = info.find("Pages:");
    return at == std::string::npos ? 0 : std::atoi(info.c_str() + at + 6);
}

struct Timing {
    double medianMs = 0;
    double meanMs = 0;
    double minMs = 0;
    int runs = 0;
};

Timing timing(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    Timing t;
    t.runs = static_cast<int>(ms.size());
    t.medianMs = ms[ms.size() / 2];
    t.meanMs = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
    t.minMs = ms.front();
    return t;
}

double msSince(Steady::time_point start) {
    return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

// ---- the same content as HTML and as flat ODF text ------------------------------------------------------

std::string xmlEscaped(const std::string& s) {
    std::string out;
    for (char ch : s) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

// The QR symbol as SVG, one rectangle per run of dark modules (what our PDF draws too).
std::string qrSvg(const std::string& payload) {
    const auto matrix = need(render::encodeQr(payload), "QR code");
    const int quiet = 4, side = matrix.size + 2 * quiet;
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << side << ' ' << side
        << "\" width=\"30mm\" height=\"30mm\">"
        << "<rect width=\"" << side << "\" height=\"" << side << "\" fill=\"#fff\"/>";
    for (const auto& run : render::darkRuns(matrix))
        svg << "<rect x=\"" << run.x + quiet << "\" y=\"" << run.y + quiet << "\" width=\"" << run.length
            << "\" height=\"1\"/>";
    svg << "</svg>";
    return svg.str();
}

std::string base64(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

std::string toHtml(const render::Document& d) {
    std::ostringstream h;
    h << "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" << xmlEscaped(d.title)
      << "</title><style>\n"
      << "@page { size: A4; margin: 20mm 18mm; }\n"
      << "body { font-family: 'AR PL UMing CN', 'WenQuanYi Zen Hei', serif; font-size: 11pt; line-break: "
         "strict; }\n"
      << ".copy + .copy { break-before: page; }\n"
      << ".top { display: flex; justify-content: space-between; font-size: 10pt; }\n"
      << "h1 { text-align: center; font-size: 20pt; margin: 8mm 0 6mm; }\n"
      << "h2 { font-size: 12pt; margin: 4mm 0 2mm; break-after: avoid; }\n"
      << "p { text-indent: 2em; margin: 0 0 2mm; line-height: 1.5; }\n"
      << "table.fields td.label { width: 25mm; vertical-align: top; }\n"
      << "table.grid { border-collapse: collapse; width: 100%; }\n"
      << "table.grid th, table.grid td { border: 0.5pt solid #000; padding: 1mm; vertical-align: top; }\n"
      << "table.grid th { background: #e6e6e6; }\n"
      << "tr { break-inside: avoid; }\n"
      << ".signatures { display: flex; gap: 10mm; margin-top: 6mm; }\n"
      << ".signatures div { flex: 1; }\n"
      << ".line { border-bottom: 0.5pt solid #000; height: 12mm; }\n"
      << ".seal { float: right; text-align: center; margin-top: 4mm; }\n"
      << ".seal .box { width: 40mm; height: 40mm; border: 0.5pt dashed #000; display: flex; align-items: "
         "center; justify-content: center; }\n"
      << ".qr { float: right; text-align: center; font-size: 9pt; margin: 4mm 0 0 6mm; }\n"
      << "</style></head><body>\n";
    const auto labels = d.copyLabels.empty() ? std::vector<std::string>{""} : d.copyLabels;
    for (const auto& label : labels) {
        h << "<div class=\"copy\"><div class=\"top\"><span>" << xmlEscaped(label) << "</span><span>"
          << xmlEscaped(d.number) << "</span></div><h1>" << xmlEscaped(d.title) << "</h1>\n";
        for (const auto& b : d.blocks) {
            switch (b.kind) {
            case render::BlockKind::Heading:
                h << "<h2>" << xmlEscaped(b.text) << "</h2>\n";
                break;
            case render::BlockKind::Paragraph:
                h << "<p>" << xmlEscaped(b.text) << "</p>\n";
                break;
            case render::BlockKind::Fields:
                h << "<table class=\"fields\">";
                for (const auto& f : b.fields)
                    h << "<tr><td class=\"label\">" << xmlEscaped(f.label) << "：</td><td>"
                      << xmlEscaped(f.value) << "</td></tr>";
                h << "</table>\n";
                break;
            case render::BlockKind::Table: {
                const double total = std::accumulate(b.table.widths.begin(), b.table.widths.end(), 0.0);
                h << "<table class=\"grid\"><thead><tr>";
                for (std::size_t i = 0; i < b.table.headers.size(); ++i)
                    h << "<th style=\"width:" << 100 * b.table.widths[i] / total << "%\">"
                      << xmlEscaped(b.table.headers[i]) << "</th>";
                h << "</tr></thead><tbody>";
                for (const auto& row : b.table.rows) {
                    h << "<tr>";
                    for (const auto& cell : row)
                        h << "<td>" << xmlEscaped(cell) << "</td>";
                    h << "</tr>";
                }
                h << "</tbody></table>\n";
                break;
            }
            case render::BlockKind::Signatures:
                h << "<div class=\"signatures\">";
                for (const auto& s : b.signatures)
                    h << "<div>" << xmlEscaped(s.label) << "<div class=\"line\"></div>" << xmlEscaped(s.date)
                      << "</div>";
                h << "</div>\n";
                break;
            case render::BlockKind::Seal:
                h << "<div class=\"seal\"><div class=\"box\">（盖章）</div>" << xmlEscaped(b.seal.issuer)
                  << "<br>" << xmlEscaped(b.seal.date) << "</div>\n";
                break;
            case render::BlockKind::QrCode:
                h << "<div class=\"qr\">" << qrSvg(b.qrPayload) << "<br>" << xmlEscaped(b.text) << "</div>\n";
                break;
            case render::BlockKind::Spacer:
                h << "<div style=\"height:" << b.spaceMm << "mm\"></div>\n";
                break;
            }
        }
        h << "<div style=\"clear: both\"></div></div>\n";
    }
    h << "</body></html>\n";
    return h.str();
}

std::string toFlatOdt(const render::Document& d) {
    std::ostringstream x;
    x << R"(<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="UMing" svg:font-family="'AR PL UMing CN'"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties style:font-name="UMing" style:font-name-asian="UMing" fo:font-size="11pt" style:font-size-asian="11pt" fo:language="zh" fo:country="CN"/></style:default-style>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="22pt" fo:margin-bottom="2mm" fo:line-height="150%"/></style:style>
 <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="6mm" fo:margin-bottom="6mm"/><style:text-properties fo:font-size="20pt" style:font-size-asian="20pt"/></style:style>
 <style:style style:name="Heading" style:family="paragraph"><style:paragraph-properties fo:keep-with-next="always" fo:margin-top="4mm"/><style:text-properties fo:font-size="12pt" style:font-size-asian="12pt"/></style:style>
 <style:style style:name="Top" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
 <style:style style:name="TopNewCopy" style:family="paragraph" style:parent-style-name="Top"><style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="Right" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="1mm"/></style:style>
 <style:style style:name="HeadCell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="1mm" fo:background-color="#e6e6e6"/></style:style>
 <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" fo:margin-top="20mm" fo:margin-bottom="20mm" fo:margin-left="18mm" fo:margin-right="18mm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles>
<office:body><office:text>
)";
    const auto labels = d.copyLabels.empty() ? std::vector<std::string>{""} : d.copyLabels;
    int tableNo = 0;
    for (std::size_t copy = 0; copy < labels.size(); ++copy) {
        x << "<text:p text:style-name=\"" << (copy ? "TopNewCopy" : "Top") << "\">"
          << xmlEscaped(labels[copy]) << "<text:tab/>" << xmlEscaped(d.number)
          << "</text:p>\n<text:p text:style-name=\"Title\">" << xmlEscaped(d.title) << "</text:p>\n";
        for (const auto& b : d.blocks) {
            switch (b.kind) {
            case render::BlockKind::Heading:
                x << "<text:p text:style-name=\"Heading\">" << xmlEscaped(b.text) << "</text:p>\n";
                break;
            case render::BlockKind::Paragraph:
                x << "<text:p text:style-name=\"Body\">" << xmlEscaped(b.text) << "</text:p>\n";
                break;
            case render::BlockKind::Fields:
                x << "<table:table table:name=\"T" << ++tableNo
                  << "\"><table:table-column table:number-columns-repeated=\"2\"/>";
                for (const auto& f : b.fields)
                    x << "<table:table-row><table:table-cell><text:p>" << xmlEscaped(f.label)
                      << "：</text:p></table:table-cell><table:table-cell><text:p>" << xmlEscaped(f.value)
                      << "</text:p></table:table-cell></table:table-row>";
                x << "</table:table>\n";
                break;
            case render::BlockKind::Table:
                x << "<table:table table:name=\"T" << ++tableNo
                  << "\"><table:table-column table:number-columns-repeated=\"" << b.table.headers.size()
                  << "\"/><table:table-header-rows><table:table-row>";
                for (const auto& head : b.table.headers)
                    x << "<table:table-cell table:style-name=\"HeadCell\"><text:p>" << xmlEscaped(head)
                      << "</text:p></table:table-cell>";
                x << "</table:table-row></table:table-header-rows>";
                for (const auto& row : b.table.rows) {
                    x << "<table:table-row>";
                    for (const auto& cell : row)
                        x << "<table:table-cell table:style-name=\"Cell\"><text:p>" << xmlEscaped(cell)
                          << "</text:p></table:table-cell>";
                    x << "</table:table-row>";
                }
                x << "</table:table>\n";
                break;
            case render::BlockKind::Signatures:
                for (const auto& s : b.signatures)
                    x << "<text:p>" << xmlEscaped(s.label) << "：________________　" << xmlEscaped(s.date)
                      << "</text:p>\n";
                break;
            case render::BlockKind::Seal:
                x << "<text:p text:style-name=\"Right\">（盖章）</text:p><text:p text:style-name=\"Right\">"
                  << xmlEscaped(b.seal.issuer) << "</text:p><text:p text:style-name=\"Right\">"
                  << xmlEscaped(b.seal.date) << "</text:p>\n";
                break;
            case render::BlockKind::QrCode:
                x << "<text:p text:style-name=\"Right\"><draw:frame draw:name=\"QR" << copy
                  << "\" text:anchor-type=\"as-char\" svg:width=\"30mm\" "
                  << "svg:height=\"30mm\"><draw:image><office:binary-data>" << base64(qrSvg(b.qrPayload))
                  << "</office:binary-data></draw:image></draw:frame></text:p><text:p "
                     "text:style-name=\"Right\">"
                  << xmlEscaped(b.text) << "</text:p>\n";
                break;
            case render::BlockKind::Spacer:
                x << "<text:p/>\n";
                break;
            }
        }
    }
    x << "</office:text></office:body></office:document>\n";
    return x.str();
}

// ---- the case: a food-business licence whose checklist grew to 20 materials, every one a gap ------------

core::Item twentyMaterialItem(const core::Catalogue& catalogue) {
    core::Item item = *catalogue.find("SCJG-XK-001");
    item.materials.resize(std::min<std::size_t>(item.materials.size(), 20));
    for (const auto& other : catalogue.items()) {
        for (const auto& m : other.materials) {
            if (item.materials.size() >= 20)
                break;
            if (std::any_of(item.materials.begin(), item.materials.end(),
                            [&](const core::Material& have) { return have.name == m.name; }))
                continue;
            core::Material added = m;
            char id[8];
            std::snprintf(id, sizeof id, "M%02zu", item.materials.size() + 1);
            added.id = id;
            added.requirement = core::MaterialRequirement::Required;
            added.elicence.clear();
            added.appliesWhen.clear();
            item.materials.push_back(std::move(added));
        }
    }
    item.code = "SCJG-XK-001";
    return item;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DIR [RENDERS] [PROCESS_RUNS]\n", argv[0]);
        return 2;
    }
    const fs::path dir = fs::absolute(argv[1]);
    const int renders = argc > 2 ? std::atoi(argv[2]) : 200;
    const int processRuns = argc > 3 ? std::atoi(argv[3]) : 7;
    fs::remove_all(dir);
    fs::create_directories(dir / "store");

    const fs::path source = YWTB_SOURCE_DATA_DIR;
    auto centre = core::parseCentreConfig(readFile(source / "forms" / "centre.json"), "centre.json");
    if (!centre.ok())
        die("forms/centre.json: " + centre.errors.front().str());
    auto calendars = services::loadCalendars(source / "forms" / "calendar");
    core::FixedClock clock(*core::CivilDate::parse("2026-09-28"), "2026-09-28T01:00:00Z");
    auto store = need(store::LocalStore::open(dir / "store"), "store");
    auto catalogue =
        need(services::loadCatalogueOrSeed(*store, source / "forms", {"bench", "-"}, clock), "catalogue");
    {
        store::Transaction tx(store->db());
        for (const auto& kind : core::numberedDocumentKinds())
            (void)store::reserveDocumentBlock(tx, {kind, 2026, "W01", 1, 1000000, 1});
        tx.commit();
    }
    const auto item = twentyMaterialItem(catalogue);
    services::IntakeService intake(*store, centre.config, calendars.calendar, clock, {"S001", "W01"});
    const core::Applicant applicant{core::ApplicantKind::Organisation,
                                    "上海某某餐饮有限公司",
                                    "",
                                    "91350100M000100Y43",
                                    "张三",
                                    "021-64871234",
                                    ""};
    const auto correctionCase = [&] {
        auto c = need(intake.open(item, applicant, std::nullopt), "open");
        for (const auto& m : item.materials)
            need(intake.recordMaterial(c.number, m.id, core::MaterialStatus::NonConforming, "",
                                       "未加盖申请人公章"),
                 "material");
        core::Decision correction;
        correction.kind = core::DecisionKind::Correction;
        return need(intake.decide(c.number, correction), "correction");
    };
    const auto c = correctionCase();
    std::string templateSha;
    const auto documentTemplate = need(
        services::loadDocumentTemplate(source / "templates", render::DocumentKind::Correction, templateSha),
        "template");
    render::DocumentInputs inputs;
    inputs.c = &c;
    inputs.centre = &centre.config;
    inputs.today = clock.today();
    inputs.document = &c.documents.back();
    const render::FontSet fonts;
    // One copy: the notice of the comparison is the applicant's two pages (the template's archive copy
    // doubles every figure for every renderer alike).
    auto singleCopy = documentTemplate;
    singleCopy.copies.clear();

    // Ours: the template filled and the PDF drawn, in this process, one thread.
    std::string pdf;
    for (int i = 0; i < 3; ++i) // warm the page cache for the font files
        pdf =
            need(render::renderPdf(need(render::fillTemplate(singleCopy, inputs), "fill"), fonts), "render");
    std::vector<double> oursMs;
    for (int i = 0; i < renders; ++i) {
        const auto start = Steady::now();
        pdf =
            need(render::renderPdf(need(render::fillTemplate(singleCopy, inputs), "fill"), fonts), "render");
        oursMs.push_back(msSince(start));
    }
    writeFile(dir / "ours.pdf", pdf);
    const auto ours = timing(oursMs);

    // Ours, issued for real: rendered, the PDF fsynced into the blob store, registered with audit and outbox.
    services::DocumentService documents(*store, centre.config, source / "templates", {fonts, {}}, clock,
                                        {"S001", "W01"});
    std::vector<double> issueMs;
    for (int i = 0; i < std::max(5, renders / 10); ++i) {
        const auto fresh = correctionCase();
        const auto start = Steady::now();
        auto paper = need(documents.issue(fresh.number, render::DocumentKind::Correction), "issue");
        issueMs.push_back(msSince(start));
        writeFile(dir / "issued.pdf", paper.pdf);
    }
    const auto issued = timing(issueMs);

    const auto document = need(render::fillTemplate(singleCopy, inputs), "fill");
    writeFile(dir / "notice.html", toHtml(document));
    writeFile(dir / "notice.fodt", toFlatOdt(document));

    std::printf("| renderer | pages | size | median per notice | mean | notices/s | ours is faster by "
                "|\n|---|---:|---:|---:|---:|---:|---:|\n");
    const auto row = [&](const char* what, const fs::path& out, const Timing& t) {
        const auto size = fs::exists(out) ? fs::file_size(out) : 0;
        std::printf(
            "| %s | %d | %ju KB | %.2f ms | %.2f ms | %.1f | %s |\n", what, pdfPages(out),
            static_cast<std::uintmax_t>(size / 1024), t.medianMs, t.meanMs, 1000.0 / t.meanMs,
            (&t == &ours || &t == &issued)
                ? "—"
                : (std::to_string(static_cast<long>(t.medianMs / ours.medianMs + 0.5)) + "×").c_str());
        std::fflush(stdout);
    };
    row("ywtb render (fill + layout + PDF), in process", dir / "ours.pdf", ours);
    row("ywtb issue: both copies (申请人联 + 存档联) rendered, PDF fsynced to the blob store, registered",
        dir / "issued.pdf", issued);

    const auto timeCommand = [&](const std::string& command, int runs) {
        std::vector<double> ms;
        for (int i = 0; i < runs; ++i) {
            const auto start = Steady::now();
            if (std::system(command.c_str()) != 0)
                die("failed: " + command);
            ms.push_back(msSince(start));
        }
        return timing(ms);
    };
    if (processRuns <= 0) {
        std::printf("| (PROCESS_RUNS 0: LibreOffice and Chromium not run) | | | | | | |\n");
    } else if (std::system("command -v soffice >/dev/null") == 0) {
        const auto profile = "-env:UserInstallation=file://" + (dir / "lo-profile").string();
        const auto convert = "soffice " + shellQuoted(profile) + " --headless --convert-to pdf --outdir " +
                             shellQuoted((dir / "lo").string()) + " " +
                             shellQuoted((dir / "notice.fodt").string()) + " >/dev/null 2>&1";
        timeCommand(convert, 1); // the first start creates the profile: not measured
        row("LibreOffice 7 headless, .fodt → PDF, one process per notice", dir / "lo" / "notice.pdf",
            timeCommand(convert, processRuns));
        std::string batch = "soffice " + shellQuoted(profile) + " --headless --convert-to pdf --outdir " +
                            shellQuoted((dir / "lo-batch").string());
        fs::create_directories(dir / "batch");
        for (int i = 0; i < 20; ++i) {
            const auto copy = dir / "batch" / ("notice" + std::to_string(i) + ".fodt");
            fs::copy_file(dir / "notice.fodt", copy, fs::copy_options::overwrite_existing);
            batch += " " + shellQuoted(copy.string());
        }
        batch += " >/dev/null 2>&1";
        auto perBatch = timeCommand(batch, std::max(1, processRuns / 3));
        perBatch.medianMs /= 20;
        perBatch.meanMs /= 20;
        row("LibreOffice 7 headless, 20 notices in one call (per notice)", dir / "lo-batch" / "notice0.pdf",
            perBatch);
    } else {
        std::printf("| LibreOffice | not installed (apt-get install libreoffice-writer-nogui) | | | | | |\n");
    }
    if (processRuns <= 0) {
    } else if (std::system("command -v chromium >/dev/null") == 0) {
        const auto print =
            "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
            "--disable-background-networking "
            "--disable-component-update --disable-sync --user-data-dir=" +
            shellQuoted((dir / "chromium-profile").string()) +
            " --no-pdf-header-footer --print-to-pdf=" + shellQuoted((dir / "chromium.pdf").string()) + " " +
            shellQuoted("file://" + (dir / "notice.html").string()) + " >/dev/null 2>&1";
        timeCommand(print, 1); // the first start creates the profile: not measured
        row("Chromium headless, HTML → PDF, one process per notice", dir / "chromium.pdf",
            timeCommand(print, processRuns));
    } else {
        std::printf("| Chromium | not installed (apt-get install chromium) | | | | | |\n");
    }
    std::printf("\nours: %d renders (min %.2f ms); issue: %d notices (min %.2f ms); processes: %d runs each. "
                "Outputs in %s\n",
                ours.runs, ours.minMs, issued.runs, issued.minMs, processRuns, dir.c_str());
    return 0;
}
