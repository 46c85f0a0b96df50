#pragma once
// How a command that talks to the central server (sync once, sync run, numbers pull, case fetch, queue) signs
// in: with the session `login` kept for the server and window while it is valid, else with a password read
// from
// --password-file or standard input, never from the command line (services::Counter::serverSession).

#include "services/counter_types.h"

#include <optional>
#include <string>

namespace ywtb::cli {

class Arguments;
class Context;

struct ServerArguments {
    std::string server;
    std::string ca;
    std::string passwordFile;
};

/// Takes --server URL, --ca FILE and --password-file F from `args`; `problem` is set when one lacks its
/// value.
ServerArguments takeServerArguments(Arguments& args, std::string& problem);
/// The first line of `path`, or of standard input when `path` is empty; false when there is none.
bool readPassword(const std::string& path, std::string& password);
/// The sync options for the context's window: the kept session's token and staff unless --password-file is
/// given, else the password. Null after printing why not (no password at hand).
std::optional<services::SyncOptions> serverOptions(Context& context, const ServerArguments& given);
/// After a failure with `errorCode`: a kept token the server refused is forgotten, so the next command asks
/// for a password.
void forgetRefusedSession(Context& context, const services::SyncOptions& options,
                          const std::string& errorCode);

} // namespace ywtb::cli
