#pragma once
// What every CLI command gets: options, output, the store on demand, the clock and the data folders.

#include "core/catalogue.h"
#include "core/centre_config.h"
#include "core/error.h"
#include "core/rating.h"
#include "core/working_calendar.h"
#include "services/actor.h"
#include "services/resource_paths.h"

#include <Poco/JSON/Object.h>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace ywtb::services {
class Counter;
}

namespace ywtb::cli {

enum Exit { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

class Context {
public:
    Context(std::ostream& out, std::ostream& err);
    ~Context();

    bool json = false;
    std::filesystem::path dataDir;
    services::ResourcePaths paths;
    std::unique_ptr<core::Clock> clock;
    services::Actor actor;

    std::ostream& out() { return m_out; }
    std::ostream& err() { return m_err; }

    /// The counter (services::Counter: the one facade) on dataDir, acting as `actor`, made on first use.
    services::Counter& counter();
    /// Loads the counter's local store on first use; false after printing the error when it cannot be opened.
    bool store();
    /// The catalogue of the store (seeded from forms/ when empty), loaded on first use; null after printing
    /// why not.
    const core::Catalogue* catalogue();
    /// The item with `code` (any case); null after printing an error that says how to find the code.
    const core::Item* item(const std::string& code);
    /// forms/centre.json, loaded on first use; null after printing the errors.
    const core::CentreConfig* centre();
    /// forms/calendar, loaded on first use; null after printing the errors.
    const core::WorkingCalendar* calendar();
    /// The rating indicator set: the centre's published one, else the built-in; null after printing why.
    const core::RatingIndicatorSet* indicators();

    /// Prints errors (text on stderr, or one JSON document on stdout) and returns kExitFailure.
    int fail(const std::vector<core::Error>& errors);
    int fail(const core::Error& error) { return fail(std::vector<core::Error>{error}); }
    /// Prints the usage text of `command` (or of the program) on stderr and returns kExitUsage.
    int usage(const std::string& problem, const std::string& command = {});
    /// Prints a JSON document on stdout.
    void printJson(const Poco::JSON::Object::Ptr& document);
    /// The error in the user's language.
    std::string text(const core::Error& error) const;
    std::string text(const core::Message& message) const;

private:
    std::ostream& m_out;
    std::ostream& m_err;
    std::unique_ptr<services::Counter> m_counter;
    /// Each part's failure is printed once; later asks give null quietly.
    bool m_storeFailed = false, m_catalogueFailed = false, m_centreFailed = false, m_calendarFailed = false,
         m_indicatorsFailed = false;
};

/// The error as a JSON object: code, message, where, fix.
Poco::JSON::Object::Ptr errorJson(const core::Error& error, const core::Translator& translate);

} // namespace ywtb::cli
