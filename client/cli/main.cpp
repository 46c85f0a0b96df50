// ywtb-counter-cli: every flow of the counter without a display (DESIGN.md: anything the GUI does, the CLI
// does).

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "core/message.h"
#include "services/counter.h"

#include <iostream>

int main(int argc, char** argv) {
    using namespace ywtb;
    cli::Context context(std::cout, std::cerr);
    context.paths = services::ResourcePaths::locate(argc > 0 ? argv[0] : "");
    cli::initLanguage(context.paths.localeDir);

    std::vector<std::string> words(argv + 1, argv + argc);
    cli::Arguments globals(words);
    std::string value, problem;
    if (globals.option("--data-dir", value, problem))
        context.dataDir = value;
    std::string window, staff;
    globals.option("--window", window, problem);
    globals.option("--staff", staff, problem);
    if (!problem.empty())
        return context.usage(problem);
    words = globals.rest();
    std::vector<std::string> remaining;
    bool help = false;
    for (const auto& word : words) {
        if (word == "--json")
            context.json = true;
        else if (word == "--help" || word == "-h")
            help = true;
        else
            remaining.push_back(word);
    }
    if (context.dataDir.empty())
        context.dataDir = services::defaultDataDir();
    // A training room (培训模式) works on a fixed date; said on every run so that nobody uses it unknowingly.
    if (const char* training = std::getenv("YWTB_TRAINING_DATE"); training && *training) {
        auto date = core::CivilDate::parse(training);
        if (!date)
            return context.usage("YWTB_TRAINING_DATE: " + context.text(date.error()));
        context.clock = std::make_unique<core::FixedClock>(*date, date->iso() + "T00:00:00Z");
        std::cerr << core::fillPlaceholders(
                         cli::tr(N_("training date {date} in effect (YWTB_TRAINING_DATE)")),
                         {{"date", date->iso()}})
                  << "\n";
    }
    // Who acts and where, for the audit log: options, then YWTB_STAFF / YWTB_WINDOW (set at sign-in).
    const auto fromEnvironment = [](const char* name) {
        const char* v = std::getenv(name);
        return std::string(v ? v : "");
    };
    if (staff.empty())
        staff = fromEnvironment("YWTB_STAFF");
    if (staff.empty())
        staff = "cli:" + (fromEnvironment("USER").empty() ? std::string("unknown") : fromEnvironment("USER"));
    if (window.empty())
        window = fromEnvironment("YWTB_WINDOW");
    context.actor = {staff, window.empty() ? "W01" : window};

    if (remaining.empty() || remaining.front() == "help") {
        if (help || !remaining.empty()) {
            std::cout << cli::usageText(remaining.size() > 1 ? remaining[1] : std::string());
            return cli::kExitOk;
        }
        return context.usage(cli::tr(N_("no command given")));
    }
    std::string name = remaining.front();
    if (name == "--version")
        name = "version";
    if (name.starts_with("-"))
        return context.usage(
            core::fillPlaceholders(cli::tr(N_("unknown option {option}")), {{"option", name}}));
    for (const auto& command : cli::commands()) {
        if (name != command.name)
            continue;
        if (help) {
            std::cout << cli::usageText(name);
            return cli::kExitOk;
        }
        cli::Arguments args(std::vector<std::string>(remaining.begin() + 1, remaining.end()));
        // A failure of the store under a command (disk full, a corrupt file) is shown as its error.
        return services::Counter::guarded([&] { return command.run(context, args); },
                                          [&](const core::Error& error) { return context.fail(error); });
    }
    return context.usage(
        core::fillPlaceholders(cli::tr(N_("unknown command \"{command}\"")), {{"command", name}}));
}
