#pragma once
// A document ready to be drawn: every text already final (templates filled), only layout left.
// client/render turns it into an A4 PDF; it knows nothing of cases, templates or the store.

#include "core/error.h"

#include <string>
#include <vector>

namespace ywtb::render {

/// "label: value" rows, e.g. 申请人 / 上海某某餐饮有限公司.
struct FieldRow {
    std::string label;
    std::string value;
};

/// A table that continues on the next page with its header repeated.
struct Table {
    std::vector<std::string> headers;
    std::vector<double> widths; ///< relative column widths, one per header (need not sum to 1)
    std::vector<std::vector<std::string>> rows;
};

/// Where someone signs: a label, the signature image when captured (PNG bytes), and a date line.
struct SignatureArea {
    std::string label; ///< e.g. "申请人（签名）"
    std::string png;   ///< empty: a blank line to sign on paper
    std::string date;  ///< e.g. "2026年9月28日"; empty: a blank date line
};

/// The issuing body's seal: its name and date under a seal image, or an empty seal box when none is
/// configured.
struct SealArea {
    std::string issuer; ///< e.g. "上海市徐汇区行政服务中心"
    std::string png;    ///< empty: draw an empty box labelled （盖章）
    std::string date;
};

enum class BlockKind { Heading, Paragraph, Fields, Table, Signatures, Seal, QrCode, Spacer };

/// One piece of the page, drawn top to bottom in order.
struct Block {
    BlockKind kind = BlockKind::Paragraph;
    std::string text;                      ///< Heading, Paragraph; QrCode: the caption under the code
    std::vector<FieldRow> fields;          ///< Fields
    Table table;                           ///< Table
    std::vector<SignatureArea> signatures; ///< Signatures (side by side, at most 2)
    SealArea seal;                         ///< Seal
    std::string qrPayload;                 ///< QrCode: the text encoded (case number and lookup URL)
    double spaceMm = 0;                    ///< Spacer
};

/// A document: a centred title, the document number at the top right, the blocks, and one copy per label
/// (申请人联, 存档联): each copy is the whole document again with its label at the top left.
struct Document {
    std::string title;
    std::string number;
    std::vector<Block> blocks;
    std::vector<std::string> copyLabels; ///< empty: a single copy without label
};

/// The fonts to draw with: TrueType files (a .ttc with its index) from Debian font packages.
struct FontSet {
    std::string primaryPath =
        "/usr/share/fonts/truetype/arphic/uming.ttc"; ///< AR PL UMing: a Ming (宋体-like) face, as notices
                                                      ///< are set
    int primaryIndex = 0;
    std::string fallbackPath =
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"; ///< WenQuanYi Zen Hei: all of URO and Ext-A
    int fallbackIndex = 0;
};

/// The characters of `document` that no font of `fonts` can draw (e.g. 𠮷 U+20BB7), so that the clerk is
/// warned before printing instead of the applicant getting a blank or a box.
std::vector<char32_t> unprintableCharacters(const Document& document, const FontSet& fonts);

/// The document as PDF bytes (A4, fonts embedded). Fails, naming the character, when one cannot be drawn;
/// never draws a box or a blank instead.
core::Expected<std::string> renderPdf(const Document& document, const FontSet& fonts);

} // namespace ywtb::render
