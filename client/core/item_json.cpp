#include "core/item_json.h"

#include <Poco/JSON/Array.h>

namespace ywtb::core {
namespace {

Poco::JSON::Object::Ptr newObject() {
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

template <typename T, typename F> Poco::JSON::Array::Ptr arrayOf(const std::vector<T>& values, F convert) {
    Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
    for (const auto& v : values)
        array->add(convert(v));
    return array;
}

auto asIs = [](const std::string& s) { return s; };

} // namespace

Poco::JSON::Object::Ptr itemToJson(const Item& item) {
    auto o = newObject();
    o->set("code", item.code);
    o->set("name", item.name);
    o->set("department", item.department);
    o->set("type", toString(item.type));
    o->set("legal_basis", arrayOf(item.legalBasis, asIs));
    auto limits = newObject();
    limits->set("statutory", item.limits.statutory);
    limits->set("promised", item.limits.promised);
    if (item.limits.unit == LimitUnit::Days)
        limits->set("unit", "days");
    o->set("time_limits", limits);
    if (!item.specialSteps.empty())
        o->set("special_steps", arrayOf(item.specialSteps, [](const SpecialStep& s) {
                   auto step = newObject();
                   step->set("name", s.name);
                   step->set("counts_in_limit", s.countsInLimit);
                   if (s.maxDays)
                       step->set("max_days", *s.maxDays);
                   if (!s.basis.empty())
                       step->set("basis", s.basis);
                   return step;
               }));
    o->set("conditions", arrayOf(item.conditions, asIs));
    auto fee = newObject();
    fee->set("free", item.fee.free);
    if (!item.fee.basis.empty())
        fee->set("basis", item.fee.basis);
    if (!item.fee.free)
        fee->set("items", arrayOf(item.fee.items, [](const FeeItem& f) {
                     auto entry = newObject();
                     entry->set("name", f.name);
                     entry->set("amount", f.amount);
                     if (!f.unit.empty())
                         entry->set("unit", f.unit);
                     entry->set("basis", f.basis);
                     return entry;
                 }));
    o->set("fee", fee);
    o->set("windows", arrayOf(item.windows, [](WindowType w) { return std::string(toString(w)); }));
    o->set("visits", item.visits);
    o->set("on_the_spot", item.onTheSpot);
    if (item.inPerson)
        o->set("in_person", true);
    if (item.result) {
        auto result = newObject();
        result->set("document", item.result->document);
        result->set("delivery",
                    arrayOf(item.result->delivery, [](Delivery d) { return std::string(toString(d)); }));
        o->set("result", result);
    }
    if (!item.keywords.empty())
        o->set("keywords", arrayOf(item.keywords, asIs));
    o->set("materials", arrayOf(item.materials, [](const Material& m) {
               auto material = newObject();
               material->set("id", m.id);
               material->set("name", m.name);
               material->set("requirement", toString(m.requirement));
               material->set("form", toString(m.form));
               material->set("copies", m.copies);
               material->set("standard", m.standard);
               if (!m.elicence.empty())
                   material->set("elicence", m.elicence);
               if (!m.appliesWhen.empty())
                   material->set("applies_when", m.appliesWhen);
               return material;
           }));
    return o;
}

} // namespace ywtb::core
