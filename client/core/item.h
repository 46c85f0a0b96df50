#pragma once
// An item (进驻事项) and its guide (办事指南): what a counter needs to take an application for it.

#include <optional>
#include <string>
#include <vector>

namespace ywtb::core {

enum class ItemType { Licence, Confirmation, Payment, Award, Adjudication, OtherPower, PublicService };
enum class WindowType { Universal, Domain, CrossProvince };
enum class MaterialRequirement { Required, Secondary };
enum class MaterialForm { Original, Copy, OriginalAndCopy };
enum class Delivery { Window, Mail, Locker, Electronic };

/// How a statute counts its limit: 工作日 (行政许可法 art. 82, the default), or 日, calendar days (护照法
/// art. 6: 15 日; 居民身份证法 art. 10: 60 日; 环境影响评价法 art. 22: 30 日 …).
enum class LimitUnit { WorkingDays, Days };

/// The limits of the guide (DB31/T 862 8.1.6): statutory by law, promised by the centre, in the statute's
/// unit.
struct TimeLimits {
    int statutory = 0;
    int promised = 0;
    LimitUnit unit = LimitUnit::WorkingDays;
};

/// A step outside the normal review (现场核查, 专家评审, 公示 …), which may not count in the limit.
struct SpecialStep {
    std::string name;
    bool countsInLimit = false;
    std::optional<int> maxDays;
    std::string basis;
};

struct FeeItem {
    std::string name;
    std::string amount; ///< yuan, as written in the guide: "10" or "10.50"
    std::string unit;
    std::string basis; ///< DB31/T 862 8.2.7: every charge names its legal basis
};

struct Fee {
    bool free = true;
    std::string basis;
    std::vector<FeeItem> items;
};

/// One material of the material list.
struct Material {
    std::string id;
    std::string name;
    MaterialRequirement requirement = MaterialRequirement::Required;
    MaterialForm form = MaterialForm::Original;
    int copies = 1;
    std::string standard;    ///< what it must meet to be complete, consistent and accurate (8.1.1)
    std::string elicence;    ///< e-licence type that makes it exempt (8.1.7); empty when none
    std::string appliesWhen; ///< the circumstance that calls for it; empty when always
};

struct ItemResult {
    std::string document;
    std::vector<Delivery> delivery;
};

/// An item with its guide.
struct Item {
    std::string code;
    std::string name;
    std::string department;
    ItemType type = ItemType::Licence;
    std::vector<std::string> legalBasis;
    TimeLimits limits;
    std::vector<SpecialStep> specialSteps;
    std::vector<std::string> conditions;
    Fee fee;
    std::vector<WindowType> windows;
    int visits = 0;
    bool onTheSpot = false;
    bool inPerson =
        false; ///< the applicant(s) must come in person (结婚登记: both parties): no agent, no proxy
    std::optional<ItemResult> result;
    std::vector<std::string> keywords;
    std::vector<Material> materials;

    const Material* material(const std::string& id) const;
    bool allowsWindow(WindowType window) const;
};

/// Identifiers as written in the data files ("licence", "cross_province" …).
const char* toString(ItemType type);
const char* toString(WindowType window);
const char* toString(MaterialRequirement requirement);
const char* toString(MaterialForm form);
const char* toString(Delivery delivery);

/// Chinese names as the guide prints them (行政许可, 跨省通办窗口 …); msgids are English.
const char* displayName(ItemType type);
const char* displayName(WindowType window);
const char* displayName(MaterialForm form);

} // namespace ywtb::core
