#pragma once
// What the sync tests share: the engine's options for the real server on a loopback port, and reading what
// arrived, counted in the server's own SQLite file.

#include "server/server_process.h"
#include "store/database.h"
#include "sync/sync_engine.h"

#include <cstdint>
#include <set>
#include <string>

namespace ywtb::testing {

/// S001 at W01 with the demo password, short back-off, `onceAttempts` tries before syncOnce gives up.
sync::SyncOptions optionsFor(int port, int onceAttempts = 40);
/// The first column of every row `sql` gives.
std::set<std::string> strings(store::Database& db, const std::string& sql);
/// The same, in the server's store.
std::set<std::string> serverStrings(const ServerProcess& server, const std::string& sql);
/// A count in the server's store.
std::int64_t serverCount(const ServerProcess& server, const std::string& sql);

} // namespace ywtb::testing
