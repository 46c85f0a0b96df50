// ywtb-counter-cli validate (id|uscc|phone) VALUE

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/masking.h"
#include "core/phone_number.h"
#include "core/region_codes.h"

#include <ostream>

namespace ywtb::cli {
namespace {

Poco::JSON::Object::Ptr validDocument(const char* kind) {
    Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    doc->set("ok", true);
    doc->set("kind", kind);
    return doc;
}

int validateId(Context& context, const std::string& value) {
    auto parsed = core::parseIdNumber(value, context.clock->today());
    if (!parsed)
        return context.fail(parsed.error());
    const auto& id = *parsed;
    const auto province = std::string(core::provinceName(id.regionCode.substr(0, 2)));
    const char* sex = id.sex == core::Sex::Male ? N_("male") : N_("female");
    if (context.json) {
        auto doc = validDocument("id");
        doc->set("number", core::maskIdNumber(id.number));
        doc->set("region_code", id.regionCode);
        doc->set("province", province);
        doc->set("birth_date", id.birthDate.iso());
        doc->set("sex", id.sex == core::Sex::Male ? "male" : "female");
        context.printJson(doc);
    } else {
        context.out()
            << core::fillPlaceholders(
                   tr(N_("valid ID number {number}: born {birth}, {sex}, region {region} ({province})")),
                   {{"number", core::maskIdNumber(id.number)},
                    {"birth", id.birthDate.iso()},
                    {"sex", tr(sex)},
                    {"region", id.regionCode},
                    {"province", province}})
            << "\n";
    }
    return kExitOk;
}

int validateCreditCode(Context& context, const std::string& value) {
    auto parsed = core::parseCreditCode(value);
    if (!parsed)
        return context.fail(parsed.error());
    if (context.json) {
        auto doc = validDocument("uscc");
        doc->set("code", parsed->code);
        doc->set("registration_authority", std::string(1, parsed->registrationAuthority));
        doc->set("category", std::string(1, parsed->category));
        doc->set("region_code", parsed->regionCode);
        doc->set("organisation_code", parsed->organisationCode);
        context.printJson(doc);
    } else {
        context.out()
            << core::fillPlaceholders(
                   tr(N_(
                       "valid unified social credit code {code}: region {region}, organisation code {org}")),
                   {{"code", parsed->code},
                    {"region", parsed->regionCode},
                    {"org", parsed->organisationCode}})
            << "\n";
    }
    return kExitOk;
}

int validatePhone(Context& context, const std::string& value) {
    auto parsed = core::parsePhoneNumber(value);
    if (!parsed)
        return context.fail(parsed.error());
    const char* kind = parsed->kind == core::PhoneKind::Mobile     ? "mobile"
                       : parsed->kind == core::PhoneKind::Landline ? "landline"
                                                                   : "service";
    if (context.json) {
        auto doc = validDocument("phone");
        doc->set("type", kind);
        doc->set("number", parsed->normalised());
        context.printJson(doc);
    } else {
        const char* label = parsed->kind == core::PhoneKind::Mobile     ? N_("valid mobile number {number}")
                            : parsed->kind == core::PhoneKind::Landline ? N_("valid landline number {number}")
                                                                        : N_("valid service number {number}");
        context.out() << core::fillPlaceholders(tr(label), {{"number", parsed->normalised()}}) << "\n";
    }
    return kExitOk;
}

} // namespace

int runValidate(Context& context, Arguments& args) {
    const auto kind = args.next();
    const auto value = args.next();
    if (kind.empty() || value.empty())
        return context.usage(tr(N_("validate needs a kind and a value")), "validate");
    if (!args.empty())
        return context.usage(tr(N_("validate takes one value; quote a value that holds spaces")), "validate");
    if (kind == "id")
        return validateId(context, value);
    if (kind == "uscc")
        return validateCreditCode(context, value);
    if (kind == "phone")
        return validatePhone(context, value);
    return context.usage(
        core::fillPlaceholders(tr(N_("unknown kind \"{kind}\": use id, uscc or phone")), {{"kind", kind}}),
        "validate");
}

} // namespace ywtb::cli
