#include "render/printed_text.h"

#include "render/text_layout.h"
#include "render/utf8.h"

#include <algorithm>

namespace ywtb::render {

namespace {

// What the layout draws besides the document's own text: field colons, the blank date, the empty seal box,
// page numbers.
const std::string fixedWording = "：年月日（盖章）第页共0123456789 ";

// Up to 20 characters either side of `at`, so that a long paragraph is quoted only where it matters.
std::string excerptAround(const std::u32string& chars, std::size_t at) {
    constexpr std::size_t reach = 20;
    const std::size_t from = at > reach ? at - reach : 0;
    const std::size_t to = std::min(chars.size(), at + reach + 1);
    return (from > 0 ? "…" : "") + encodeUtf8(std::u32string_view(chars).substr(from, to - from)) +
           (to < chars.size() ? "…" : "");
}

template <typename Visit> void forEachCharacter(const Document& document, Visit visit) {
    for (const PrintedText& printed : printedTexts(document))
        for (const char32_t c : printableText(*printed.text))
            if (c != U'\n')
                visit(c, printed);
}

} // namespace

std::vector<PrintedText> printedTexts(const Document& document) {
    std::vector<PrintedText> texts{{&document.title, "title"}, {&document.number, "number"}};
    for (const std::string& label : document.copyLabels)
        texts.push_back({&label, "copy label"});
    for (std::size_t b = 0; b < document.blocks.size(); ++b) {
        const Block& block = document.blocks[b];
        const std::string at = "block " + std::to_string(b + 1);
        texts.push_back({&block.text, at});
        for (const FieldRow& row : block.fields) {
            texts.push_back({&row.label, at + ", field " + row.label});
            texts.push_back({&row.value, at + ", field " + row.label});
        }
        for (const std::string& header : block.table.headers)
            texts.push_back({&header, at + ", table header"});
        for (std::size_t r = 0; r < block.table.rows.size(); ++r)
            for (const std::string& cell : block.table.rows[r])
                texts.push_back({&cell, at + ", table row " + std::to_string(r + 1)});
        for (const SignatureArea& area : block.signatures) {
            texts.push_back({&area.label, at + ", signature " + area.label});
            texts.push_back({&area.date, at + ", signature " + area.label});
        }
        texts.push_back({&block.seal.issuer, at + ", seal"});
        texts.push_back({&block.seal.date, at + ", seal"});
    }
    texts.push_back({&fixedWording, "layout"});
    return texts;
}

std::vector<char32_t> missingCharacters(const Document& document, const GlyphCoverage& coverage) {
    std::vector<char32_t> missing;
    forEachCharacter(document, [&](char32_t c, const PrintedText&) {
        if (!coverage.fontFor(c) && std::find(missing.begin(), missing.end(), c) == missing.end())
            missing.push_back(c);
    });
    return missing;
}

core::Error unprintableError(const Document& document, const std::vector<char32_t>& missing) {
    std::string names;
    for (const char32_t c : missing) {
        if (!names.empty())
            names += ", ";
        names += encodeUtf8(std::u32string(1, c)) + " (" + codePointName(c) + ")";
    }
    std::string where;
    for (const PrintedText& printed : printedTexts(document)) {
        const std::u32string chars = decodeUtf8(*printed.text);
        const auto found = std::find(chars.begin(), chars.end(), missing.front());
        if (found != chars.end()) {
            where =
                printed.where + ": " + excerptAround(chars, static_cast<std::size_t>(found - chars.begin()));
            break;
        }
    }
    return core::Error{"render.unprintable",
                       core::Message(N_("no installed font can print {characters}"), {{"characters", names}}),
                       where,
                       core::Message(N_("check the name against the ID card, or ask the applicant for the "
                                        "standard form of the character"))};
}

} // namespace ywtb::render
