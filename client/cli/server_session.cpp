#include "cli/server_session.h"

#include "core/clock.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "store/database.h"
#include "store/local_store.h"
#include "store/sync_state.h"

#include <fstream>
#include <iostream>

namespace ywtb::cli {

ServerArguments takeServerArguments(Arguments& args, std::string& problem) {
    ServerArguments given;
    args.option("--server", given.server, problem);
    args.option("--ca", given.ca, problem);
    args.option("--password-file", given.passwordFile, problem);
    return given;
}

bool readPassword(const std::string& path, std::string& password) {
    if (path.empty())
        return static_cast<bool>(std::getline(std::cin, password));
    std::ifstream in(path);
    return in && std::getline(in, password);
}

std::optional<sync::SyncOptions> serverOptions(Context& context, const ServerArguments& given) {
    sync::SyncOptions options;
    options.serverUrl = sync::serverBase(given.server);
    options.staff = context.actor.staff;
    options.window = context.actor.window;
    options.http.caFile = given.ca;
    auto* store = context.store();
    if (!store)
        return std::nullopt;
    if (given.passwordFile.empty()) {
        if (auto kept = store::keptSession(store->db(), options.serverUrl, options.window, core::utcNow())) {
            options.staff = kept->staff;
            options.token = kept->token;
            return options;
        }
    }
    if (!readPassword(given.passwordFile, options.password) || options.password.empty()) {
        context.fail(core::Error{"sync.no_password", core::Message(N_("no password was given and no sign-in is kept for this server and window")),
                                 given.passwordFile.empty() ? options.serverUrl : given.passwordFile,
                                 core::Message(N_("sign in with: ywtb-counter-cli login --server URL --user STAFF; or put the password on the "
                                                  "first line of --password-file, or type it on standard input"))});
        return std::nullopt;
    }
    return options;
}

void forgetRefusedSession(Context& context, const sync::SyncOptions& options, const std::string& errorCode) {
    if (options.token.empty() || errorCode != "sync.sign_in_needed")
        return;
    if (auto* store = context.store()) {
        store::Transaction tx(store->db());
        store::forgetSession(tx, options.serverUrl, options.window);
        tx.commit();
    }
}

} // namespace ywtb::cli
