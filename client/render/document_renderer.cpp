#include "render/block_layout.h"
#include "render/document_layout.h"
#include "render/page_flow.h"
#include "render/pdf_writer.h"
#include "render/printed_text.h"
#include "render/text_layout.h"
#include "render/utf8.h"

#include <algorithm>
#include <array>

namespace ywtb::render {

namespace {

core::Expected<core::Done> layoutBlock(PageFlow& flow, const Block& block) {
    switch (block.kind) {
    case BlockKind::Heading:
        layoutHeading(flow, block);
        break;
    case BlockKind::Paragraph:
        layoutParagraph(flow, block);
        break;
    case BlockKind::Fields:
        layoutFields(flow, block);
        break;
    case BlockKind::Table:
        layoutTable(flow, block.table);
        break;
    case BlockKind::Signatures:
        return layoutSignatures(flow, block);
    case BlockKind::Seal:
        return layoutSeal(flow, block);
    case BlockKind::QrCode:
        return layoutQrCode(flow, block);
    case BlockKind::Spacer:
        layoutSpacer(flow, block);
        break;
    }
    return core::Done{};
}

// The pages of one copy, without what differs between copies.
core::Expected<std::vector<PageContent>> layoutPages(const Document& document,
                                                     const GlyphCoverage& coverage) {
    PageFlow flow(coverage, document);
    for (const Block& block : document.blocks) {
        auto placed = layoutBlock(flow, block);
        if (!placed)
            return placed.error();
    }
    return flow.takePages();
}

// Per font, the characters drawn with it: what its subset must hold.
class CharactersByFont {
public:
    void add(const PageContent& page) {
        for (const PlacedText& text : page.texts) {
            std::u32string& drawn = m_drawn[static_cast<std::size_t>(text.font)];
            for (const char32_t c : decodeUtf8(text.utf8))
                if (drawn.find(c) == std::u32string::npos)
                    drawn.push_back(c);
        }
    }

    bool used(FontSlot slot) const { return !m_drawn[static_cast<std::size_t>(slot)].empty(); }

    const std::u32string& all(FontSlot slot) const { return m_drawn[static_cast<std::size_t>(slot)]; }

private:
    std::array<std::u32string, 2> m_drawn;
};

} // namespace

std::vector<char32_t> unprintableCharacters(const Document& document, const FontSet& fonts) {
    const auto coverage = GlyphCoverage::shared(fonts);
    if (coverage)
        return missingCharacters(document, **coverage);
    // Without a usable font nothing can be printed: every character is reported.
    std::vector<char32_t> all;
    for (const PrintedText& printed : printedTexts(document))
        for (const char32_t c : printableText(*printed.text))
            if (c != U'\n' && std::find(all.begin(), all.end(), c) == all.end())
                all.push_back(c);
    return all;
}

core::Expected<std::string> renderPdf(const Document& document, const FontSet& fonts) {
    const auto shared = GlyphCoverage::shared(fonts);
    if (!shared)
        return shared.error();
    const GlyphCoverage& coverage = **shared;
    if (const auto missing = missingCharacters(document, coverage); !missing.empty()) {
        // The fallback would perhaps have had them: its own problem is the one to fix first.
        if (coverage.fallbackError())
            return *coverage.fallbackError();
        return unprintableError(document, missing);
    }
    const auto pages = layoutPages(document, coverage);
    if (!pages)
        return pages.error();

    // Every page of every copy before the first is drawn: each font is cut down to what they all draw.
    const std::vector<std::string> unlabelled{std::string()};
    const auto& copies = document.copyLabels.empty() ? unlabelled : document.copyLabels;
    const int pageCount = static_cast<int>(pages->size());
    std::vector<PageContent> printed;
    CharactersByFont characters;
    for (const std::string& label : copies) {
        for (int i = 0; i < pageCount; ++i) {
            PageContent page = (*pages)[static_cast<std::size_t>(i)];
            addCopyFurniture(page, coverage, label, i + 1, pageCount);
            characters.add(page);
            printed.push_back(std::move(page));
        }
    }

    PdfWriter writer(fonts);
    for (const FontSlot slot : {FontSlot::Primary, FontSlot::Fallback})
        if (characters.used(slot))
            writer.embedSubset(slot, characters.all(slot));
    for (const PageContent& page : printed)
        writer.addPage(page);
    return writer.finish();
}

} // namespace ywtb::render
