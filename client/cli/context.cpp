#include "cli/context.h"

#include "cli/commands.h"
#include "cli/i18n.h"
#include "services/calendar_service.h"
#include "services/reference_data.h"
#include "services/catalogue_service.h"
#include "services/text_file.h"
#include "store/local_store.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>

#include <iostream>

namespace ywtb::cli {

namespace {
const core::Translator kTranslate = [](const char* msgid) { return tr(msgid); };
}

Context::Context(std::ostream& out, std::ostream& err)
    : clock(std::make_unique<services::SystemClock>()), m_out(out), m_err(err) {}

Context::~Context() = default;

store::LocalStore* Context::store() {
    if (m_store || m_storeFailed)
        return m_store.get();
    auto opened = store::LocalStore::open(dataDir);
    if (!opened) {
        m_storeFailed = true;
        fail(opened.error());
        return nullptr;
    }
    m_store = std::move(opened).value();
    return m_store.get();
}

const core::Catalogue* Context::catalogue() {
    if (m_catalogue)
        return m_catalogue.get();
    auto* opened = store();
    if (!opened)
        return nullptr;
    auto loaded = services::loadCatalogueOrSeed(*opened, paths.formsDir, actor, *clock);
    if (!loaded) {
        fail(loaded.error());
        return nullptr;
    }
    m_catalogue = std::make_unique<core::Catalogue>(std::move(loaded).value());
    return m_catalogue.get();
}

const core::Item* Context::item(const std::string& code) {
    const auto* all = catalogue();
    if (!all)
        return nullptr;
    if (const auto* found = all->find(code))
        return found;
    fail(core::Error{"catalogue.unknown_code", core::Message(N_("no item has the code \"{code}\""), {{"code", code}}), {},
                     core::Message(N_("find the code with: catalogue search TEXT"))});
    return nullptr;
}

const core::CentreConfig* Context::centre() {
    if (m_centre)
        return m_centre.get();
    const auto path = paths.formsDir / "centre.json";
    auto text = services::readTextFile(path);
    if (!text) {
        fail(text.error());
        return nullptr;
    }
    auto parsed = core::parseCentreConfig(*text, path.string());
    if (!parsed.ok()) {
        fail(parsed.errors);
        return nullptr;
    }
    m_centre = std::make_unique<core::CentreConfig>(std::move(parsed.config));
    return m_centre.get();
}

const core::WorkingCalendar* Context::calendar() {
    if (m_calendar)
        return m_calendar.get();
    auto loaded = services::loadCalendars(services::calendarFolder(dataDir, paths.formsDir));
    if (!loaded.ok()) {
        fail(loaded.errors);
        return nullptr;
    }
    m_calendar = std::make_unique<core::WorkingCalendar>(std::move(loaded.calendar));
    return m_calendar.get();
}

const core::RatingIndicatorSet* Context::indicators() {
    if (m_indicators)
        return m_indicators.get();
    auto loaded = services::loadIndicatorSet(dataDir);
    if (!loaded) {
        fail(loaded.error());
        return nullptr;
    }
    m_indicators = std::make_unique<core::RatingIndicatorSet>(std::move(loaded).value());
    return m_indicators.get();
}

std::string Context::text(const core::Error& error) const { return error.render(kTranslate); }
std::string Context::text(const core::Message& message) const { return message.render(kTranslate); }

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
            m_err << core::fillPlaceholders(tr(N_("{count} problems found")), {{"count", std::to_string(errors.size())}}) << "\n";
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
