#include "core/catalogue_parser.h"

#include "core/json_reader.h"

#include <Poco/JSON/Stringifier.h>
#include <algorithm>
#include <map>
#include <sstream>

namespace ywtb::core {
namespace {

template <typename Enum>
Enum enumFrom(const std::string& text, const std::vector<std::pair<std::string_view, Enum>>& table,
              Enum fallback) {
    for (const auto& [name, value] : table)
        if (name == text)
            return value;
    return fallback;
}

template <typename Enum>
std::vector<std::string_view> namesOf(const std::vector<std::pair<std::string_view, Enum>>& table) {
    std::vector<std::string_view> names;
    for (const auto& entry : table)
        names.push_back(entry.first);
    return names;
}

const std::vector<std::pair<std::string_view, ItemType>> kItemTypes{
    {"licence", ItemType::Licence},
    {"confirmation", ItemType::Confirmation},
    {"payment", ItemType::Payment},
    {"award", ItemType::Award},
    {"adjudication", ItemType::Adjudication},
    {"other_power", ItemType::OtherPower},
    {"public_service", ItemType::PublicService}};
const std::vector<std::pair<std::string_view, WindowType>> kWindows{
    {"universal", WindowType::Universal},
    {"domain", WindowType::Domain},
    {"cross_province", WindowType::CrossProvince}};
const std::vector<std::pair<std::string_view, MaterialRequirement>> kRequirements{
    {"required", MaterialRequirement::Required}, {"secondary", MaterialRequirement::Secondary}};
const std::vector<std::pair<std::string_view, MaterialForm>> kForms{
    {"original", MaterialForm::Original},
    {"copy", MaterialForm::Copy},
    {"original_and_copy", MaterialForm::OriginalAndCopy}};
const std::vector<std::pair<std::string_view, Delivery>> kDeliveries{{"window", Delivery::Window},
                                                                     {"mail", Delivery::Mail},
                                                                     {"locker", Delivery::Locker},
                                                                     {"electronic", Delivery::Electronic}};

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isUpperOrDigit(char c) {
    return isDigit(c) || (c >= 'A' && c <= 'Z');
}

// ^[0-9A-Z][0-9A-Z-]{5,39}$
bool isItemCode(const std::string& s) {
    if (s.size() < 6 || s.size() > 40 || !isUpperOrDigit(s[0]))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return isUpperOrDigit(c) || c == '-'; });
}

// ^[A-Za-z0-9_-]{1,32}$
bool isMaterialId(const std::string& s) {
    return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
        return isUpperOrDigit(c) || (c >= 'a' && c <= 'z') || c == '_' || c == '-';
    });
}

// ^[0-9]+(\.[0-9]{1,2})?$ — yuan with at most two decimals
bool isAmount(const std::string& s) {
    const auto dot = s.find('.');
    const std::string whole = s.substr(0, dot);
    const std::string cents = dot == std::string::npos ? std::string("0") : s.substr(dot + 1);
    const auto digitsOnly = [](const std::string& part) {
        return !part.empty() && std::all_of(part.begin(), part.end(), isDigit);
    };
    return digitsOnly(whole) && digitsOnly(cents) && cents.size() <= 2;
}

constexpr int kMaxWorkingDays = 3650;

Material readMaterial(JsonObjectReader& r) {
    Material m;
    m.id = r.text("id");
    if (!m.id.empty() && !isMaterialId(m.id))
        r.problem("id", "catalogue.material_id",
                  Message(N_("material id \"{id}\" may hold only letters, digits, '-' and '_' (at most 32)"),
                          {{"id", m.id}}),
                  Message(N_("use a short id such as \"M01\"")));
    m.name = r.text("name");
    m.requirement = enumFrom(r.choice("requirement", namesOf(kRequirements)), kRequirements,
                             MaterialRequirement::Required);
    m.form = enumFrom(r.choice("form", namesOf(kForms)), kForms, MaterialForm::Original);
    m.copies = static_cast<int>(r.integer("copies", 1, 100).value_or(1));
    m.standard = r.text("standard");
    m.elicence = r.text("elicence", Presence::Optional);
    m.appliesWhen = r.text("applies_when", Presence::Optional);
    r.finish();
    return m;
}

Fee readFee(JsonObjectReader& r) {
    Fee fee;
    fee.free = r.boolean("free").value_or(true);
    fee.basis = r.text("basis", Presence::Optional);
    if (fee.free) {
        if (r.has("items"))
            r.problem("items", "catalogue.fee_items",
                      Message(N_("a free item lists no charges, but \"items\" is present")),
                      Message(N_("remove \"items\", or set \"free\" to false")));
        r.objects("items", Presence::Optional, 0); // marks the key as known; its problem is reported above
    } else {
        for (auto& entry : r.objects("items", Presence::Required, 1)) {
            FeeItem item;
            item.name = entry.text("name");
            item.amount = entry.text("amount");
            if (!item.amount.empty() && !isAmount(item.amount))
                entry.problem(
                    "amount", "catalogue.amount",
                    Message(N_("amount \"{amount}\" is not a sum in yuan"), {{"amount", item.amount}}),
                    Message(N_("write it as digits with at most two decimals, e.g. \"10\" or \"12.50\"")));
            item.unit = entry.text("unit", Presence::Optional);
            item.basis = entry.text("basis");
            entry.finish();
            fee.items.push_back(std::move(item));
        }
    }
    r.finish();
    return fee;
}

Item readItemFields(JsonObjectReader& r) {
    Item item;
    item.code = r.text("code");
    if (!item.code.empty() && !isItemCode(item.code))
        r.problem("code", "catalogue.code",
                  Message(N_("item code \"{code}\" must be 6 to 40 capital letters, digits and '-'"),
                          {{"code", item.code}}),
                  Message(N_("use a code such as \"SCJG-XK-001\"")));
    item.name = r.text("name");
    item.department = r.text("department");
    item.type = enumFrom(r.choice("type", namesOf(kItemTypes)), kItemTypes, ItemType::Licence);
    item.legalBasis = r.texts("legal_basis", Presence::Required, 1);
    if (auto limits = r.object("time_limits")) {
        item.limits.statutory =
            static_cast<int>(limits->integer("statutory", 0, kMaxWorkingDays).value_or(0));
        item.limits.promised = static_cast<int>(limits->integer("promised", 0, kMaxWorkingDays).value_or(0));
        if (limits->choice("unit", {"working_days", "days"}, Presence::Optional) == "days")
            item.limits.unit = LimitUnit::Days;
        if (item.limits.promised > item.limits.statutory)
            limits->problem(
                "promised", "catalogue.promised_over_statutory",
                Message(
                    N_("the promised limit ({promised}) is longer than the statutory limit ({statutory})"),
                    {{"promised", std::to_string(item.limits.promised)},
                     {"statutory", std::to_string(item.limits.statutory)}}),
                Message(N_("a centre may promise less time than the law allows, never more")));
        limits->finish();
    }
    for (auto& s : r.objects("special_steps", Presence::Optional, 0)) {
        SpecialStep step;
        step.name = s.text("name");
        step.countsInLimit = s.boolean("counts_in_limit").value_or(false);
        if (auto days = s.integer("max_days", 1, kMaxWorkingDays, Presence::Optional))
            step.maxDays = static_cast<int>(*days);
        step.basis = s.text("basis", Presence::Optional);
        s.finish();
        item.specialSteps.push_back(std::move(step));
    }
    item.conditions = r.texts("conditions", Presence::Required, 1);
    if (auto fee = r.object("fee"))
        item.fee = readFee(*fee);
    for (const auto& w : r.choices("windows", namesOf(kWindows), Presence::Required, 1))
        item.windows.push_back(enumFrom(w, kWindows, WindowType::Universal));
    item.visits = static_cast<int>(r.integer("visits", 0, 2).value_or(0));
    item.onTheSpot = r.boolean("on_the_spot", Presence::Optional).value_or(false);
    item.inPerson = r.boolean("in_person", Presence::Optional).value_or(false);
    if (r.has("time_limits") && item.limits.statutory == 0 && !item.onTheSpot)
        r.problem("time_limits", "catalogue.zero_limit",
                  Message(N_("a statutory limit of 0 working days means the item is decided at the counter")),
                  Message(N_("add \"on_the_spot\": true, or give the statutory limit")));
    if (auto result = r.object("result", Presence::Optional)) {
        ItemResult out;
        out.document = result->text("document");
        for (const auto& d : result->choices("delivery", namesOf(kDeliveries), Presence::Required, 1))
            out.delivery.push_back(enumFrom(d, kDeliveries, Delivery::Window));
        result->finish();
        item.result = std::move(out);
    }
    item.keywords = r.texts("keywords", Presence::Optional, 0);
    std::map<std::string, std::string> seenMaterials;
    for (auto& m : r.objects("materials", Presence::Required, 1)) {
        auto material = readMaterial(m);
        if (!material.id.empty()) {
            auto [it, inserted] = seenMaterials.emplace(material.id, m.path());
            if (!inserted)
                m.problem("id", "catalogue.duplicate_material",
                          Message(N_("material id \"{id}\" is already used at {other}"),
                                  {{"id", material.id}, {"other", it->second}}),
                          Message(N_("give each material of an item its own id")));
        }
        item.materials.push_back(std::move(material));
    }
    r.finish();
    return item;
}

std::string stringify(const Poco::JSON::Object::Ptr& object) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(object, out);
    return out.str();
}

} // namespace

CatalogueFileResult parseCatalogueFile(std::string_view text, const std::string& file) {
    CatalogueFileResult result;
    JsonProblems problems(file);
    auto opened = openDataFile(text, problems, {"ywtb-catalogue", 1, "catalogue", N_("an item catalogue")});
    if (!opened) {
        result.errors = problems.errors();
        return result;
    }
    auto& top = *opened;
    std::map<std::string, std::string> seenCodes;
    for (auto& itemReader : top.objects("items", Presence::Required, 1)) {
        auto item = readItemFields(itemReader);
        if (!item.code.empty()) {
            auto [it, inserted] = seenCodes.emplace(item.code, itemReader.path());
            if (!inserted)
                itemReader.problem("code", "catalogue.duplicate_code",
                                   Message(N_("item code \"{code}\" is already used at {other}"),
                                           {{"code", item.code}, {"other", it->second}}),
                                   Message(N_("every item needs its own code")));
        }
        result.items.push_back({std::move(item), {}});
    }
    top.finish();
    result.errors = problems.errors();
    if (!result.ok()) {
        result.items.clear();
        return result;
    }
    // Keep each item's JSON as validated, so the store can hand back exactly what was accepted.
    const auto array = top.json()->getArray("items");
    for (std::size_t i = 0; i < result.items.size(); ++i)
        result.items[i].json = stringify(array->getObject(static_cast<unsigned>(i)));
    return result;
}

Item readItemObject(JsonObjectReader& reader) {
    return readItemFields(reader);
}

Expected<Item> parseItemJson(std::string_view json, const std::string& where) {
    JsonProblems problems(where, 1);
    auto root = parseJsonObject(json, problems);
    if (!root)
        return problems.errors().front();
    JsonObjectReader reader(root, "$", problems);
    auto item = readItemFields(reader);
    if (!problems.empty())
        return problems.errors().front();
    return item;
}

std::vector<Error>
findDuplicateCodes(const std::vector<std::pair<std::string, const std::vector<ParsedItem>*>>& files) {
    std::vector<Error> errors;
    std::map<std::string, std::string> seen;
    for (const auto& [file, items] : files) {
        for (std::size_t i = 0; i < items->size(); ++i) {
            const auto& code = (*items)[i].item.code;
            const std::string place = file + " $.items[" + std::to_string(i) + "]";
            auto [it, inserted] = seen.emplace(code, place);
            if (!inserted)
                errors.push_back(Error{"catalogue.duplicate_code",
                                       Message(N_("item code \"{code}\" is already used at {other}"),
                                               {{"code", code}, {"other", it->second}}),
                                       place + ".code", Message(N_("every item needs its own code"))});
        }
    }
    return errors;
}

} // namespace ywtb::core
