#include "cli/server_session.h"

#include "cli/commands.h"
#include "cli/context.h"
#include "services/counter.h"

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

std::optional<services::SyncOptions> serverOptions(Context& context, const ServerArguments& given) {
    if (!context.store())
        return std::nullopt;
    services::PasswordSource password{given.passwordFile, [] {
                                          std::string typed;
                                          return readPassword("", typed) ? std::optional<std::string>(typed)
                                                                         : std::nullopt;
                                      }};
    auto options = context.counter().serverSession({given.server, given.ca}, password);
    if (!options) {
        context.fail(options.error());
        return std::nullopt;
    }
    return std::move(options).value();
}

void forgetRefusedSession(Context& context, const services::SyncOptions& options,
                          const std::string& errorCode) {
    if (context.store())
        context.counter().forgetRefusedSession(options, errorCode);
}

} // namespace ywtb::cli
