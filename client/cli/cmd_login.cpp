// ywtb-counter-cli login --server URL --user NAME [--ca FILE]: the password on the first line of standard
// input

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "cli/server_session.h"
#include "services/counter.h"

#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

int runLogin(Context& context, Arguments& args) {
    std::string user, problem;
    args.option("--user", user, problem);
    const auto given = takeServerArguments(args, problem);
    // The password never comes from the command line (it would show in the process list and the shell
    // history).
    if (!problem.empty() || !args.empty() || given.server.empty() || user.empty() ||
        !given.passwordFile.empty())
        return context.usage(
            problem.empty()
                ? tr(N_(
                      "login needs --server URL and --user STAFF; the password is read from standard input"))
                : problem,
            "login");
    std::string password;
    if (!readPassword("", password) || password.empty())
        return context.fail(core::Error{"signin.no_password", core::Message(N_("no password was given")),
                                        user, core::Message(N_("type the password on standard input"))});
    if (!context.store())
        return kExitFailure;
    auto result = context.counter().logIn({given.server, given.ca}, user, password);
    if (!result)
        return context.fail(result.error());
    const bool online = result->route == services::SignInRoute::Online;
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("staff", result->staff);
        doc->set("window", context.actor.window);
        doc->set("route", online ? "online" : "offline");
        if (online)
            doc->set("expires_at", result->expiresAt);
        else
            doc->set("unreachable", errorJson(result->unreachable, [](const char* id) { return tr(id); }));
        context.printJson(doc);
        return kExitOk;
    }
    if (online)
        context.out() << fillPlaceholders(tr(N_("signed in online as {staff} ({name}) at window {window}; "
                                                "sync uses this sign-in until {expires}")),
                                          {{"staff", result->staff},
                                           {"name", result->staffName},
                                           {"window", context.actor.window},
                                           {"expires", result->expiresAt}})
                      << "\n";
    else
        context.out()
            << fillPlaceholders(
                   tr(N_("signed in offline as {staff} at window {window} (server unreachable: {reason})")),
                   {{"staff", result->staff},
                    {"window", context.actor.window},
                    {"reason", context.text(result->unreachable)}})
            << "\n";
    return kExitOk;
}

} // namespace ywtb::cli
