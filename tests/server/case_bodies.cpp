#include "server/case_bodies.h"

#include "core/case_json.h"
#include "core/case_lifecycle.h"
#include "support/lifecycle_support.h"

#include <Poco/JSON/Stringifier.h>
#include <sstream>
#include <stdexcept>

namespace ywtb::testing {
namespace {

using core::CaseStatus;

core::Item foodLicence() {
    core::Item item;
    item.code = "SCJG-XK-001";
    item.name = "食品经营许可（新办）";
    item.department = "上海市市场监督管理局";
    item.legalBasis = {"《食品经营许可和备案管理办法》"};
    item.conditions = {"有与经营的食品品种、数量相适应的经营场所"};
    item.limits = {10, 5};
    item.windows = {core::WindowType::Universal, core::WindowType::Domain};
    item.materials = {
        {"M01", "申请书", core::MaterialRequirement::Required, core::MaterialForm::Original, 1, "签字", "",
         ""},
        {"M02", "经营场所平面图", core::MaterialRequirement::Secondary, core::MaterialForm::Copy, 1,
         "标明面积", "", ""},
    };
    return item;
}

core::Case take(core::Expected<core::Case> step) {
    if (!step)
        throw std::logic_error("test case body: " + step.error().str());
    return std::move(step).value();
}

core::Decision decision(core::DecisionKind kind) {
    core::Decision d;
    d.kind = kind;
    if (kind == core::DecisionKind::Deny)
        d.reason = "场所不符合卫生要求";
    return d;
}

} // namespace

core::Case caseAt(const std::string& number, CaseStatus status) {
    core::Applicant applicant{core::ApplicantKind::Organisation,
                              "上海某某餐饮有限公司",
                              "",
                              "91310104MA1FL0000X",
                              "张三",
                              "13812345678",
                              ""};
    auto c = take(core::openCase(foodLicence(), number, applicant, std::nullopt, "W01",
                                 core::WindowType::Universal, "S001", *core::CivilDate::parse("2026-09-28")));
    if (status == CaseStatus::Draft)
        return c;
    c = take(core::recordMaterial(c, "M01", core::MaterialStatus::Original, "", ""));
    c = take(core::recordMaterial(c, "M02", core::MaterialStatus::Copy, "", ""));
    if (status == CaseStatus::Received)
        return take(core::decide(c, decision(core::DecisionKind::Receive), on("2026-09-28")));
    c = take(core::decide(c, decision(core::DecisionKind::Accept), on("2026-09-28")));
    if (status == CaseStatus::Accepted)
        return c;
    c = take(core::startReview(c, on("2026-09-29")));
    if (status == CaseStatus::UnderReview)
        return c;
    if (status == CaseStatus::Denied)
        return take(core::decide(c, decision(core::DecisionKind::Deny), on("2026-09-30")));
    c = take(core::decide(c, decision(core::DecisionKind::Approve), on("2026-09-30")));
    if (status == CaseStatus::Approved)
        return c;
    c = take(core::markReady(c, on("2026-09-30")));
    if (status == CaseStatus::AwaitingRelease)
        return c;
    if (status == CaseStatus::Released) {
        core::Release release;
        release.receiverName = "张三";
        release.window = "W03";
        return take(core::releaseResult(c, release, on("2026-10-08")));
    }
    throw std::logic_error(std::string("test case body: no path to ") + core::toString(status));
}

std::string caseBody(const core::Case& c) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(core::caseToJson(c), out);
    return out.str();
}

std::string caseBody(const std::string& number, CaseStatus status) {
    return caseBody(caseAt(number, status));
}

} // namespace ywtb::testing
