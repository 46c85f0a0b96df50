#pragma once
// One function per kind of Block, each placing its block on a PageFlow.

#include "core/error.h"
#include "render/document_layout.h"
#include "render/page_flow.h"

namespace ywtb::render {

/// A section heading, kept on the page of the text that follows it.
void layoutHeading(PageFlow& flow, const Block& block);
/// Body text with a two-character first-line indent; splits across pages line by line.
void layoutParagraph(PageFlow& flow, const Block& block);
/// "label：value" rows with the labels in a column and the values wrapped beside them.
void layoutFields(PageFlow& flow, const Block& block);
/// Vertical space.
void layoutSpacer(PageFlow& flow, const Block& block);
/// A ruled table whose header row repeats on each page it continues on.
void layoutTable(PageFlow& flow, const Table& table);
/// Up to two signature areas side by side (more wrap to further rows); fails on an image that is not PNG.
core::Expected<core::Done> layoutSignatures(PageFlow& flow, const Block& block);
/// The issuer's name and date at the right, under the seal image or an empty seal box.
core::Expected<core::Done> layoutSeal(PageFlow& flow, const Block& block);
/// A QR code at the right with its caption under it; fails when the payload cannot be encoded.
core::Expected<core::Done> layoutQrCode(PageFlow& flow, const Block& block);

} // namespace ywtb::render
