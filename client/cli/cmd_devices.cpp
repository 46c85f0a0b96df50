// ywtb-counter-cli devices | idcard read | rate CASE --stage S | sign CASE --document KIND | ratings | rating
// answer ID Device addresses come from forms/devices.json and can be overridden with --idcard, --rating,
// --signature.

#include "cli/case_commands.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "core/masking.h"
#include "services/counter.h"
#include "services/counter_devices.h"
#include "services/rating_service.h"
#include "services/signature_service.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <charconv>
#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

namespace {

/// How long the applicant has at the device (--wait SECONDS, default 120).
constexpr int kDefaultApplicantSeconds = 120;

/// Device lines (dropped frames, reconnections) go to standard error; drivers mask personal data.
devices::DeviceLog deviceLog(Context& context) {
    return [&context](const std::string& line) { context.err() << "device: " << line << "\n"; };
}

/// forms/devices.json overridden by --idcard, --rating and --signature; false after printing the problem.
bool deviceAddresses(Context& context, Arguments& args, core::DeviceAddresses& addresses,
                     std::string& problem) {
    auto configured = services::loadDeviceAddresses(context.paths.formsDir);
    if (!configured) {
        context.fail(configured.error());
        return false;
    }
    addresses = *configured;
    args.option("--idcard", addresses.idcard, problem);
    args.option("--rating", addresses.rating, problem);
    args.option("--signature", addresses.signature, problem);
    return true;
}

bool waitSeconds(Arguments& args, std::chrono::milliseconds& wait, std::string& problem) {
    std::string text;
    int seconds = kDefaultApplicantSeconds;
    if (args.option("--wait", text, problem)) {
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
        if (ec != std::errc() || end != text.data() + text.size() || seconds < 1 || seconds > 3600) {
            problem = fillPlaceholders(tr(N_("--wait takes seconds from 1 to 3600, not \"{value}\"")),
                                       {{"value", text}});
            return false;
        }
    }
    wait = std::chrono::seconds(seconds);
    return true;
}

Poco::JSON::Object::Ptr cardJson(const devices::IdCard& card) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("name", card.name);
    o->set("sex", card.sex == core::Sex::Male ? "male" : "female");
    o->set("nation", card.nation);
    o->set("birth_date", card.birthDate.iso());
    o->set("address", card.address);
    o->set("id_number", card.idNumber.number);
    o->set("issuing_authority", card.issuingAuthority);
    o->set("valid_from", card.validFrom.iso());
    o->set("valid_until", card.validUntil ? card.validUntil->iso() : std::string("长期"));
    o->set("photo_bytes", static_cast<int>(card.photoWlt.size()));
    o->set("photo_needs_vendor_decoder", card.photoNeedsVendorDecoder);
    return o;
}

std::string tagsText(const services::RatingRecord& r) {
    std::string out;
    for (const auto& tag : r.tags)
        out += (out.empty() ? "" : "、") + (tag.name.empty() ? "#" + std::to_string(tag.code) : tag.name);
    return out;
}

Poco::JSON::Object::Ptr ratingOutput(const services::RatingRecord& r) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("id", r.id);
    o->set("case", r.caseNumber);
    o->set("item", r.itemCode);
    o->set("stage", r.stage);
    o->set("level", r.level);
    o->set("bad", core::isBadLevel(r.level));
    Poco::JSON::Array::Ptr tags = new Poco::JSON::Array;
    for (const auto& tag : r.tags)
        tags->add(tag.code);
    o->set("tags", tags);
    o->set("indicator_version", r.indicatorVersion);
    o->set("window", r.window);
    o->set("staff", r.staff);
    o->set("device", r.device);
    o->set("rated_at", r.ratedAt);
    if (r.rectification) {
        o->set("contact_due", r.rectification->contactDue);
        o->set("simple_due", r.rectification->simpleDue);
        o->set("complex_due", r.rectification->complexDue);
        o->set("answered_at", r.rectification->answeredAt);
        o->set("answer", r.rectification->answer);
    }
    return o;
}

void printRating(Context& context, const services::RatingRecord& r) {
    auto& out = context.out();
    out << r.id << "  " << r.caseNumber << "  " << tr(core::stageName(*core::ratingStageFrom(r.stage)))
        << "  " << r.level << " " << tr(core::levelName(r.level));
    if (!r.tags.empty())
        out << "  " << tagsText(r);
    out << "  " << r.window << " " << r.staff << "  " << r.ratedAt << "\n";
    if (r.rectification) {
        if (r.rectification->answeredAt.empty())
            out << "    "
                << fillPlaceholders(
                       tr(N_("open: contact by {contact}, simple fix by {simple}, complex fix by {complex}")),
                       {{"contact", r.rectification->contactDue},
                        {"simple", r.rectification->simpleDue},
                        {"complex", r.rectification->complexDue}})
                << "\n";
        else
            out << "    "
                << fillPlaceholders(tr(N_("answered {at} by {staff}: {answer}")),
                                    {{"at", r.rectification->answeredAt},
                                     {"staff", r.rectification->answeredBy},
                                     {"answer", r.rectification->answer}})
                << "\n";
    }
}

std::optional<services::RatingService> makeRatings(Context& context) {
    const auto* centre = context.store() ? context.centre() : nullptr;
    const auto* calendar = centre ? context.calendar() : nullptr;
    const auto* indicators = calendar ? context.indicators() : nullptr;
    if (!indicators)
        return std::nullopt;
    auto ratings = context.counter().ratingService();
    if (!ratings) {
        context.fail(ratings.error());
        return std::nullopt;
    }
    return std::move(ratings).value();
}

int readCard(Context& context, const std::string& address, std::optional<devices::IdCard>& card) {
    auto reader = services::openIdCardReader(address, deviceLog(context));
    if (!reader)
        return context.fail(reader.error());
    (*reader)->waitForState(devices::DeviceState::Connected, std::chrono::seconds(2));
    auto read = (*reader)->readCard();
    if (!read) {
        auto error = read.error();
        if (error.where.empty())
            error.where = address;
        return context.fail(error);
    }
    card = std::move(read).value();
    return kExitOk;
}

} // namespace

std::optional<devices::IdCard> readIdCard(Context& context, const std::string& port) {
    std::string address = port;
    if (address.empty()) {
        auto configured = services::loadDeviceAddresses(context.paths.formsDir);
        if (!configured) {
            context.fail(configured.error());
            return std::nullopt;
        }
        address = configured->idcard;
    }
    std::optional<devices::IdCard> card;
    if (readCard(context, address, card) != kExitOk)
        return std::nullopt;
    return card;
}

int runDevices(Context& context, Arguments& args) {
    core::DeviceAddresses addresses;
    std::string problem;
    if (!deviceAddresses(context, args, addresses, problem))
        return kExitFailure;
    if (!problem.empty() || !args.empty())
        return context.usage(
            problem.empty() ? tr(N_("devices takes no arguments besides the device addresses")) : problem,
            "devices");
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    auto show = [&](const char* kind, const std::string& address, auto open) {
        std::string state = "not configured";
        std::string why;
        if (!address.empty()) {
            auto device = open();
            if (!device) {
                state = "unusable";
                why = context.text(device.error());
            } else {
                state =
                    (*device)->waitForState(devices::DeviceState::Connected, std::chrono::milliseconds(1500))
                        ? devices::toString(devices::DeviceState::Connected)
                        : devices::toString(devices::DeviceState::Disconnected);
            }
        }
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("device", kind);
        o->set("address", address);
        o->set("state", state);
        if (!why.empty())
            o->set("problem", why);
        list->add(o);
        if (!context.json)
            context.out() << kind << "  " << (address.empty() ? "-" : address) << "  " << tr(state.c_str())
                          << (why.empty() ? "" : "  " + why) << "\n";
    };
    devices::DeviceLog quiet = [](const std::string&) {};
    show("idcard", addresses.idcard, [&] { return services::openIdCardReader(addresses.idcard, quiet); });
    show("rating", addresses.rating, [&] {
        return services::openRatingDevice(addresses.rating, context.actor.staff, context.actor.window, quiet);
    });
    show("signature", addresses.signature,
         [&] { return services::openSignaturePad(addresses.signature, quiet); });
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object;
        doc->set("devices", list);
        context.printJson(doc);
    }
    return kExitOk;
}

int runIdCard(Context& context, Arguments& args) {
    std::string port, problem;
    if (args.next() != "read")
        return context.usage(tr(N_("idcard needs: read")), "idcard");
    args.option("--idcard", port, problem);
    if (!problem.empty() || !args.empty())
        return context.usage(problem.empty() ? tr(N_("idcard read takes no arguments besides --idcard PORT"))
                                             : problem,
                             "idcard");
    auto card = readIdCard(context, port);
    if (!card)
        return kExitFailure;
    if (context.json) {
        context.printJson(cardJson(*card));
        return kExitOk;
    }
    auto& out = context.out();
    out << card->name << "  " << (card->sex == core::Sex::Male ? tr(N_("male")) : tr(N_("female"))) << "  "
        << card->nation << "  " << card->birthDate.iso() << "\n"
        << card->idNumber.number << "\n"
        << card->address << "\n"
        << card->issuingAuthority << "  " << card->validFrom.iso() << " – "
        << (card->validUntil ? card->validUntil->iso() : "长期") << "\n"
        << fillPlaceholders(
               tr(N_("photo: {bytes} bytes kept as read; showing it needs the reader vendor's decoder")),
               {{"bytes", std::to_string(card->photoWlt.size())}})
        << "\n";
    return kExitOk;
}

int runRate(Context& context, Arguments& args) {
    core::DeviceAddresses addresses;
    std::string stageText, problem;
    std::chrono::milliseconds wait{};
    if (!deviceAddresses(context, args, addresses, problem))
        return kExitFailure;
    args.option("--stage", stageText, problem);
    waitSeconds(args, wait, problem);
    const auto number = args.next();
    if (!problem.empty() || number.empty() || stageText.empty() || !args.empty())
        return context.usage(
            problem.empty() ? tr(N_("rate needs CASE and --stage receive|accept|release")) : problem, "rate");
    const auto stage = core::ratingStageFrom(stageText);
    if (!stage)
        return context.usage(
            fillPlaceholders(tr(N_("unknown stage \"{stage}\": use receive, accept or release")),
                             {{"stage", stageText}}),
            "rate");
    auto ratings = makeRatings(context);
    if (!ratings)
        return kExitFailure;
    auto device = services::openRatingDevice(addresses.rating, context.actor.staff, context.actor.window,
                                             deviceLog(context));
    if (!device)
        return context.fail(device.error());
    (*device)->waitForState(devices::DeviceState::Connected, std::chrono::seconds(2));
    if (!context.json)
        context.out() << tr(N_("waiting for the applicant to rate on the device …")) << std::endl;
    auto rated = ratings->rate(**device, addresses.rating, number, *stage, wait);
    if (!rated)
        return context.fail(rated.error());
    if (context.json)
        context.printJson(ratingOutput(*rated));
    else
        printRating(context, *rated);
    return kExitOk;
}

int runSign(Context& context, Arguments& args) {
    core::DeviceAddresses addresses;
    std::string kindText, problem;
    std::chrono::milliseconds wait{};
    if (!deviceAddresses(context, args, addresses, problem))
        return kExitFailure;
    args.option("--document", kindText, problem);
    waitSeconds(args, wait, problem);
    const auto number = args.next();
    if (!problem.empty() || number.empty() || kindText.empty() || !args.empty())
        return context.usage(
            problem.empty() ? tr(N_("sign needs CASE and --document pledge|delivery-receipt")) : problem,
            "sign");
    const auto kind = render::documentKindFromString(kindText);
    if (!kind)
        return context.usage(
            fillPlaceholders(tr(N_("unknown document \"{kind}\": use pledge or delivery-receipt")),
                             {{"kind", kindText}}),
            "sign");
    if (!context.store())
        return kExitFailure;
    auto pad = services::openSignaturePad(addresses.signature, deviceLog(context));
    if (!pad)
        return context.fail(pad.error());
    (*pad)->waitForState(devices::DeviceState::Connected, std::chrono::seconds(2));
    if (!context.json)
        context.out() << tr(N_("waiting for the applicant to sign on the pad …")) << std::endl;
    auto signatures = context.counter().signatures();
    if (!signatures)
        return context.fail(signatures.error());
    auto signature = signatures.value().capture(**pad, addresses.signature, number, *kind, wait);
    if (!signature)
        return context.fail(signature.error());
    if (context.json) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("uuid", signature->uuid);
        o->set("case", signature->caseNumber);
        o->set("document", signature->documentKind);
        o->set("strokes_sha256", signature->strokesSha256);
        o->set("png_sha256", signature->pngSha256);
        context.printJson(o);
    } else {
        context.out() << fillPlaceholders(tr(N_("signature {uuid} kept for the {kind} of case {number}; it "
                                                "goes on the document when it is issued")),
                                          {{"uuid", signature->uuid},
                                           {"kind", signature->documentKind},
                                           {"number", number}})
                      << "\n";
    }
    return kExitOk;
}

int runRatings(Context& context, Arguments& args) {
    services::RatingQuery query;
    std::string problem;
    query.badOnly = args.flag("--bad");
    const bool overdue = args.flag("--overdue");
    args.option("--case", query.caseNumber, problem);
    if (!problem.empty() || !args.empty())
        return context.usage(
            problem.empty() ? tr(N_("ratings takes --bad, --overdue and --case CASE")) : problem, "ratings");
    auto ratings = makeRatings(context);
    if (!ratings)
        return kExitFailure;
    if (overdue) {
        query.openOnly = true;
        query.dueBefore = context.clock->today().iso();
    }
    auto list = ratings->list(query);
    if (!list)
        return context.fail(list.error());
    if (context.json) {
        Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
        for (const auto& r : *list)
            array->add(ratingOutput(r));
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object;
        doc->set("ratings", array);
        context.printJson(doc);
    } else {
        for (const auto& r : *list)
            printRating(context, r);
        if (list->empty())
            context.out() << tr(N_("no ratings")) << "\n";
    }
    return kExitOk;
}

int runRating(Context& context, Arguments& args) {
    std::string text, problem;
    if (args.next() != "answer")
        return context.usage(tr(N_("rating needs: answer ID --text TEXT")), "rating");
    args.option("--text", text, problem);
    const auto idText = args.next();
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(idText.data(), idText.data() + idText.size(), id);
    if (!problem.empty() || idText.empty() || text.empty() || !args.empty() || ec != std::errc() ||
        end != idText.data() + idText.size())
        return context.usage(problem.empty() ? tr(N_("rating answer needs the rating's ID and --text TEXT"))
                                             : problem,
                             "rating");
    auto ratings = makeRatings(context);
    if (!ratings)
        return kExitFailure;
    auto answered = ratings->answer(id, text);
    if (!answered)
        return context.fail(answered.error());
    if (context.json)
        context.printJson(ratingOutput(*answered));
    else
        printRating(context, *answered);
    return kExitOk;
}

} // namespace ywtb::cli
