#include "render/sample_documents.h"

#include <catch2/catch.hpp>

namespace ywtb::testing {

using namespace render;

Block textBlock(BlockKind kind, std::string text) {
    Block block;
    block.kind = kind;
    block.text = std::move(text);
    return block;
}

Document acceptanceNotice(int materialRows) {
    Document document;
    document.title = "受理通知书";
    document.number = "徐行服受〔2026〕第0921号";

    Block fields;
    fields.kind = BlockKind::Fields;
    fields.fields = {{"申请人", "上海某某餐饮有限公司"},
                     {"统一社会信用代码", "91310104MA1FR2XK3Q"},
                     {"事项名称", "食品经营许可证核发（新办）"},
                     {"办件编号", "XH-W01-20261128-0001"},
                     {"联系地址", "上海市徐汇区漕溪北路331号中金国际广场A座12楼1203室，邮编200030"}};
    document.blocks.push_back(fields);

    document.blocks.push_back(textBlock(
        BlockKind::Paragraph,
        "你单位于2026年11月28日提交的食品经营许可证核发（新办）申请，经审查，申请材料齐全、符合法定形式，"
        "根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。我中心将在20个工作日内作出决定，"
        "请凭本通知书查询办理进度。"));

    document.blocks.push_back(textBlock(BlockKind::Heading, "已收材料"));
    Block table;
    table.kind = BlockKind::Table;
    table.table.headers = {"序号", "材料名称", "份数", "备注"};
    table.table.widths = {1, 5, 1, 3};
    for (int i = 1; i <= materialRows; ++i)
        table.table.rows.push_back({std::to_string(i), "材料" + std::to_string(i) + "：食品经营许可申请书",
                                    "1", "原件" + std::to_string(i)});
    document.blocks.push_back(table);

    Block spacer;
    spacer.kind = BlockKind::Spacer;
    spacer.spaceMm = 5;
    document.blocks.push_back(spacer);

    Block signatures;
    signatures.kind = BlockKind::Signatures;
    signatures.signatures = {{"申请人（签名）", "", ""}, {"受理人（签名）", "", "2026年11月28日"}};
    document.blocks.push_back(signatures);

    Block seal;
    seal.kind = BlockKind::Seal;
    seal.seal = {"上海市徐汇区行政服务中心", "", "2026年11月28日"};
    document.blocks.push_back(seal);

    Block qr = textBlock(BlockKind::QrCode, "扫码查询办理进度");
    qr.qrPayload = "https://zwdt.sh.gov.cn/case/XH-W01-20261128-0001";
    document.blocks.push_back(qr);

    document.copyLabels = {"申请人联", "存档联"};
    return document;
}

Document longTable(int rows) {
    Document document;
    document.title = "材料清单";
    document.number = "XH-W01-20261128-0002";
    Block table;
    table.kind = BlockKind::Table;
    table.table.headers = {"行号", "材料名称", "核验结果"};
    table.table.widths = {1, 3, 2};
    for (int i = 1; i <= rows; ++i)
        table.table.rows.push_back({"第" + std::to_string(i) + "行", "材料" + std::to_string(i), "原件已核"});
    document.blocks.push_back(table);
    return document;
}

render::GlyphCoverage defaultCoverage() {
    auto coverage = render::GlyphCoverage::open(render::FontSet{});
    REQUIRE(coverage.ok());
    return std::move(coverage).value();
}

} // namespace ywtb::testing
