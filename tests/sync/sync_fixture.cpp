#include "sync/sync_fixture.h"

namespace ywtb::testing {

sync::SyncOptions optionsFor(int port, int onceAttempts) {
    sync::SyncOptions options;
    options.serverUrl = "http://127.0.0.1:" + std::to_string(port);
    options.staff = "S001";
    options.password = "s001-demo-pass";
    options.window = "W01";
    options.firstBackoff = std::chrono::milliseconds(20);
    options.maxBackoff = std::chrono::milliseconds(400);
    options.onceAttempts = onceAttempts;
    return options;
}

std::set<std::string> strings(store::Database& db, const std::string& sql) {
    store::Statement s(db, sql);
    std::set<std::string> out;
    while (s.step())
        out.insert(s.text(0));
    return out;
}

std::set<std::string> serverStrings(const ServerProcess& server, const std::string& sql) {
    store::Database db((server.dataDir() / "server.sqlite").string(), store::Database::Mode::ReadOnly);
    return strings(db, sql);
}

std::int64_t serverCount(const ServerProcess& server, const std::string& sql) {
    store::Database db((server.dataDir() / "server.sqlite").string(), store::Database::Mode::ReadOnly);
    return db.queryInteger(sql);
}

} // namespace ywtb::testing
