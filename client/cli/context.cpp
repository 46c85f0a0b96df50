#include "cli/context.h"

#include "cli/commands.h"
#include "cli/i18n.h"
#include "services/counter.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>
#include <iostream>

namespace ywtb::cli {

namespace {
const core::Translator kTranslate = [](const char* msgid) { return tr(msgid); };
}

Context::Context(std::ostream& out, std::ostream& err)
    : clock(std::make_unique<core::SystemClock>()), m_out(out), m_err(err) {}

Context::~Context() = default;

services::Counter& Context::counter() {
    if (!m_counter)
        m_counter = std::make_unique<services::Counter>(paths, dataDir, *clock);
    m_counter->actAs(actor);
    return *m_counter;
}

namespace {
// A part of the counter, or null after printing its problems the first time it failed.
template <typename Part>
Part* needed(Context& context, bool& failed, Part* (services::Counter::*need)(std::vector<core::Error>&)) {
    if (failed)
        return nullptr;
    std::vector<core::Error> errors;
    auto* part = (context.counter().*need)(errors);
    if (!part) {
        failed = true;
        context.fail(errors);
    }
    return part;
}
} // namespace

bool Context::store() {
    return needed(*this, m_storeFailed, &services::Counter::needStore) != nullptr;
}

const core::Catalogue* Context::catalogue() {
    return needed(*this, m_catalogueFailed, &services::Counter::needCatalogue);
}

const core::Item* Context::item(const std::string& code) {
    const auto* all = catalogue();
    if (!all)
        return nullptr;
    if (const auto* found = all->find(code))
        return found;
    fail(core::Error{"catalogue.unknown_code",
                     core::Message(N_("no item has the code \"{code}\""), {{"code", code}}),
                     {},
                     core::Message(N_("find the code with: catalogue search TEXT"))});
    return nullptr;
}

const core::CentreConfig* Context::centre() {
    return needed(*this, m_centreFailed, &services::Counter::needCentre);
}

const core::WorkingCalendar* Context::calendar() {
    return needed(*this, m_calendarFailed, &services::Counter::needCalendar);
}

const core::RatingIndicatorSet* Context::indicators() {
    return needed(*this, m_indicatorsFailed, &services::Counter::needIndicators);
}

std::string Context::text(const core::Error& error) const {
    return error.render(kTranslate);
}
std::string Context::text(const core::Message& message) const {
    return message.render(kTranslate);
}

Poco::JSON::Object::Ptr errorJson(const core::Error& error, const core::Translator& translate) {
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    object->set("code", error.code);
    object->set("message", error.what.render(translate));
    object->set("where", error.where);
    object->set("fix", error.fix.render(translate));
    return object;
}

int Context::fail(const std::vector<core::Error>& errors) {
    if (json) {
        Poco::JSON::Object::Ptr document = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        document->set("ok", false);
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& e : errors)
            list->add(errorJson(e, kTranslate));
        document->set("errors", list);
        printJson(document);
    } else {
        for (const auto& e : errors)
            m_err << tr(N_("error")) << ": " << text(e) << "\n";
        if (errors.size() > 1)
            m_err << core::fillPlaceholders(tr(N_("{count} problems found")),
                                            {{"count", std::to_string(errors.size())}})
                  << "\n";
    }
    return kExitFailure;
}

int Context::usage(const std::string& problem, const std::string& command) {
    if (!problem.empty())
        m_err << tr(N_("error")) << ": " << problem << "\n\n";
    m_err << usageText(command);
    return kExitUsage;
}

void Context::printJson(const Poco::JSON::Object::Ptr& document) {
    Poco::JSON::Stringifier::stringify(document, m_out, 2);
    m_out << "\n";
}

} // namespace ywtb::cli
