#pragma once
// The CLI's commands: one source file each, all registered here.

#include <string>
#include <vector>

namespace ywtb::cli {

class Context;

/// The words after the command name, with a cursor for options and positional arguments.
class Arguments {
public:
    explicit Arguments(std::vector<std::string> words) : m_words(std::move(words)) {}

    bool empty() const { return m_next >= m_words.size(); }
    /// The next word, consumed; empty when there is none.
    std::string next();
    const std::string& peek() const;
    /// Takes "--name VALUE" or "--name=VALUE" from anywhere among the remaining words.
    /// Returns false when absent; sets `problem` when the option is present without a value.
    bool option(const std::string& name, std::string& value, std::string& problem);
    /// Takes "--name" from anywhere among the remaining words; false when absent.
    bool flag(const std::string& name);
    /// The remaining words that were not consumed.
    std::vector<std::string> rest() const;

private:
    std::vector<std::string> m_words;
    std::size_t m_next = 0;
};

struct Command {
    const char* name;
    const char* synopsis; ///< e.g. "validate (id|uscc|phone) VALUE"
    const char* summary;  ///< msgid
    int (*run)(Context& context, Arguments& args);
};

int runVersion(Context& context, Arguments& args);
int runValidate(Context& context, Arguments& args);
int runCatalogue(Context& context, Arguments& args);
int runDeadline(Context& context, Arguments& args);
int runCalendar(Context& context, Arguments& args);
int runCase(Context& context, Arguments& args);
int runAudit(Context& context, Arguments& args);
int runNumbers(Context& context, Arguments& args);
int runQueue(Context& context, Arguments& args);
int runOutbox(Context& context, Arguments& args);
int runCredit(Context& context, Arguments& args);
int runRender(Context& context, Arguments& args);
int runDocuments(Context& context, Arguments& args);
int runTemplates(Context& context, Arguments& args);
int runPrinters(Context& context, Arguments& args);
int runPrint(Context& context, Arguments& args);
int runSync(Context& context, Arguments& args);
int runLogin(Context& context, Arguments& args);
int runForm(Context& context, Arguments& args);
int runScanners(Context& context, Arguments& args);
int runScan(Context& context, Arguments& args);
int runPages(Context& context, Arguments& args);
int runDevices(Context& context, Arguments& args);
int runIdCard(Context& context, Arguments& args);
int runRate(Context& context, Arguments& args);
int runSign(Context& context, Arguments& args);
int runRatings(Context& context, Arguments& args);
int runRating(Context& context, Arguments& args);

const std::vector<Command>& commands();
/// The usage of one command, or of the whole program when `command` is empty or unknown.
std::string usageText(const std::string& command);

} // namespace ywtb::cli
