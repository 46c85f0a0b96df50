#include "render/block_layout.h"

#include <algorithm>
#include <cmath>

namespace ywtb::render {

using namespace geometry;

namespace {

constexpr double cellLineHeight = tableSize * 1.4;
constexpr double cellPaddingX = 3;
constexpr double cellPaddingY = 3;
constexpr double ruleWidth = 0.5;
constexpr double headerGrey = 0.85;

// One row of the table with its cells measured and broken into lines.
struct MeasuredRow {
    std::vector<WrappedText> cells;
    std::size_t lineCount = 1; ///< the tallest cell; an empty row still has one line

    double height(std::size_t from, std::size_t to) const {
        return static_cast<double>(to - from) * cellLineHeight + 2 * cellPaddingY;
    }
};

std::size_t columnCount(const Table& table) {
    std::size_t columns = table.headers.size();
    for (const auto& row : table.rows)
        columns = std::max(columns, row.size());
    return columns;
}

// Absolute column widths from the relative ones; missing or unusable widths share the line equally.
std::vector<double> columnWidths(const Table& table, std::size_t columns) {
    const bool usable =
        table.widths.size() == columns && std::all_of(table.widths.begin(), table.widths.end(),
                                                      [](double w) { return std::isfinite(w) && w > 0; });
    std::vector<double> widths(columns, 1.0);
    if (usable)
        widths = table.widths;
    double total = 0;
    for (const double w : widths)
        total += w;
    for (double& w : widths)
        w = w / total * contentWidth;
    return widths;
}

MeasuredRow measureRow(const PageFlow& flow, const std::vector<std::string>& cells,
                       const std::vector<double>& widths) {
    MeasuredRow row;
    for (std::size_t c = 0; c < widths.size(); ++c) {
        const double inner = std::max(widths[c] - 2 * cellPaddingX, tableSize);
        row.cells.push_back(
            wrapText(flow.coverage(), c < cells.size() ? cells[c] : std::string(), tableSize, inner));
        row.lineCount = std::max(row.lineCount, row.cells.back().lines.size());
    }
    return row;
}

// Draws lines [from, to) of `row` as one band of ruled cells at the cursor.
void drawBand(PageFlow& flow, const MeasuredRow& row, const std::vector<double>& widths, std::size_t from,
              std::size_t to, bool shaded) {
    const double height = row.height(from, to);
    const double top = flow.cursor();
    PageContent& page = flow.page();
    if (shaded)
        page.fills.push_back({{{flow.left(), top - height, contentWidth, height}}, headerGrey});
    double x = flow.left();
    for (std::size_t c = 0; c < widths.size(); ++c) {
        page.boxes.push_back({{x, top - height, widths[c], height}, ruleWidth, false});
        const WrappedText& cell = row.cells[c];
        for (std::size_t i = from; i < std::min(to, cell.lines.size()); ++i) {
            const double lineTop = top - cellPaddingY - static_cast<double>(i - from) * cellLineHeight;
            const auto& [piece, line] = cell.lines[i];
            flow.addLine(cell.pieces[piece], line, x + cellPaddingX,
                         baselineIn(lineTop, cellLineHeight, tableSize));
        }
        x += widths[c];
    }
    flow.advance(height);
}

} // namespace

void layoutTable(PageFlow& flow, const Table& table) {
    const std::size_t columns = columnCount(table);
    if (columns == 0)
        return;
    const std::vector<double> widths = columnWidths(table, columns);
    const bool hasHeader = !table.headers.empty();
    const MeasuredRow header = measureRow(flow, table.headers, widths);
    const double headerHeight = hasHeader ? header.height(0, header.lineCount) : 0;

    bool needHeader = hasHeader;
    // Whether this page's part of the table began at the page top and holds no body row yet: only then
    // may a row split, because moving it to a new page would not make it fit.
    bool splittable = flow.atTop();
    for (const auto& cells : table.rows) {
        const MeasuredRow row = measureRow(flow, cells, widths);
        std::size_t from = 0;
        while (from < row.lineCount) {
            const double rest = row.height(from, row.lineCount);
            if (needHeader) {
                flow.keepTogether(headerHeight + rest); // no header alone at the foot of a page
                splittable = flow.atTop();
                drawBand(flow, header, widths, 0, header.lineCount, true);
                needHeader = false;
            }
            if (rest <= flow.remaining() + 1e-6) {
                drawBand(flow, row, widths, from, row.lineCount, false);
                from = row.lineCount;
                splittable = false;
                continue;
            }
            if (!splittable && !flow.atTop()) {
                flow.newPage();
                needHeader = hasHeader;
                splittable = true;
                continue;
            }
            // At least one line per page, so that the loop always ends.
            const auto fit = static_cast<std::size_t>(
                std::max(1.0, std::floor((flow.remaining() - 2 * cellPaddingY) / cellLineHeight)));
            const std::size_t to = std::min(row.lineCount, from + fit);
            drawBand(flow, row, widths, from, to, false);
            from = to;
            splittable = false;
            if (from < row.lineCount) {
                flow.newPage();
                needHeader = hasHeader;
                splittable = true;
            }
        }
    }
    if (needHeader && table.rows.empty()) {
        flow.keepTogether(headerHeight);
        drawBand(flow, header, widths, 0, header.lineCount, true);
    }
    flow.gap(blockGap);
}

} // namespace ywtb::render
