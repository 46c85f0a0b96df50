// ywtb-counter-cli credit flag ID_OR_CODE --reason TEXT

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/masking.h"
#include "services/counter.h"

#include <ostream>

namespace ywtb::cli {

int runCredit(Context& context, Arguments& args) {
    std::string reason, problem;
    args.option("--reason", reason, problem);
    const auto action = args.next();
    const auto key = args.next();
    if (!problem.empty() || action != "flag" || key.empty() || reason.empty() || !args.empty())
        return context.usage(
            problem.empty() ? tr(N_("credit flag needs an ID number or credit code and --reason")) : problem,
            "credit");
    std::string normalised;
    if (auto code = core::parseCreditCode(key))
        normalised = code->code;
    else if (auto id = core::parseIdNumber(key, context.clock->today()))
        normalised = id->number;
    else
        // Either may be what was meant (credit codes can be all digits, an ID's check character can be
        // mistyped as a letter): say why it is neither.
        return context.fail(std::vector<core::Error>{id.error(), code.error()});
    if (!context.store())
        return kExitFailure;
    if (auto flagged = context.counter().flagCredit(normalised, reason); !flagged)
        return context.fail(flagged.error());
    context.out() << core::fillPlaceholders(
                         tr(N_("{key} is on the local credit list: no conditional acceptance")),
                         {{"key", core::maskIdNumber(normalised)}})
                  << "\n";
    return kExitOk;
}

} // namespace ywtb::cli
