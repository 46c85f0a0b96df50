// One server per port and per data directory (issue 26): a second ywtb-counter-server is refused with exit
// status 1 and a message naming what is taken, before it writes anything; the first keeps serving; the lock
// of a killed server is taken over. Real processes on loopback ports the kernel picks.

#include "server/server_process.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>

using namespace ywtb::testing;
namespace fs = std::filesystem;

namespace {

// A second server that is wrongly let through would serve for ever: `timeout` ends it and the test sees 124.
CliRun runSecondServer(const std::vector<std::string>& args) {
    std::vector<std::string> command{"20", serverBinary()};
    command.insert(command.end(), args.begin(), args.end());
    return runCli("timeout", command);
}

// Every file in `dir` with its size and modification time: what "nothing was written" is checked against.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file())
            files[entry.path().string()] = std::to_string(entry.file_size()) + "@" +
                                           std::to_string(entry.last_write_time().time_since_epoch().count());
    return files;
}

bool answersHealth(int port) {
    ApiClient client(port);
    client.setTimeout(5000);
    const auto health = client.get("/api/v1/health");
    return health.status == 200 && health.json()->getValue<std::string>("status") == "ok";
}

} // namespace

TEST_CASE("instances: a second server on a port in use is refused with exit 1 and the first keeps serving") {
    TempDir dir;
    ServerProcess first(dir / "first");
    const std::string port = std::to_string(first.port());

    const CliRun second =
        runSecondServer({"--data-dir", (dir / "second").string(), "--port", port, "--seed-demo"});
    INFO("stdout: " << second.out << "\nstderr: " << second.err);
    CHECK(second.exitCode == 1);
    CHECK(second.err.find("port " + port + " is in use by another process") != std::string::npos);
    CHECK(second.out.find("listening on") == std::string::npos);
    // Refused before anything was written: not even its data directory was made.
    CHECK_FALSE(fs::exists(dir / "second"));

    // The first answers every new connection: none of them goes to a second listener.
    for (int i = 0; i < 5; ++i)
        CHECK(answersHealth(first.port()));
    CHECK(first.stop() == 0);
}

TEST_CASE("instances: a second server on a data directory in use is refused, naming the holder's pid and "
          "start time") {
    TempDir dir;
    ServerProcess first(dir / "data");
    const std::string lockText = readFile(dir / "data" / "server.lock");
    CHECK(lockText.find("pid=" + std::to_string(first.pid()) + "\n") != std::string::npos);
    CHECK(lockText.find("listening=http://127.0.0.1:" + std::to_string(first.port()) + "\n") !=
          std::string::npos);
    CHECK(lockText.find("started=20") != std::string::npos);
    const auto before = snapshot(dir / "data");

    const CliRun second =
        runSecondServer({"--data-dir", (dir / "data").string(), "--port", "0", "--seed-demo"});
    INFO("stdout: " << second.out << "\nstderr: " << second.err);
    CHECK(second.exitCode == 1);
    CHECK(second.err.find("is in use by another ywtb-counter-server (pid " + std::to_string(first.pid()) +
                          ", started 20") != std::string::npos);
    CHECK(second.err.find("listening on http://127.0.0.1:" + std::to_string(first.port())) !=
          std::string::npos);
    CHECK(second.out.find("listening on") == std::string::npos);
    // The store, its WAL and the lock file are as the first server left them.
    CHECK(snapshot(dir / "data") == before);

    CHECK(answersHealth(first.port()));
    ApiClient client(first.port());
    client.signIn("S001", "s001-demo-pass", "W01");
    CHECK(client.get("/api/v1/status-changes").status == 200);
    CHECK(first.stop() == 0);
    // An orderly stop leaves the file empty: the next start takes nothing over.
    CHECK(readFile(dir / "data" / "server.lock").empty());
    first.restart();
    CHECK(first.log().find("took over") == std::string::npos);
    CHECK(answersHealth(first.port()));
}

TEST_CASE("instances: the lock of a server killed with SIGKILL is taken over by the next start") {
    TempDir dir;
    ServerProcess server(dir / "data");
    const std::string killedPid = std::to_string(server.pid());
    server.kill();
    // The killed server could not empty its lock file; the operating system released the lock itself.
    REQUIRE(readFile(dir / "data" / "server.lock").find("pid=" + killedPid + "\n") != std::string::npos);

    server.restart();
    CHECK(server.log().find("from a server that ended without releasing it (pid " + killedPid) !=
          std::string::npos);
    CHECK(readFile(dir / "data" / "server.lock").find("pid=" + std::to_string(server.pid()) + "\n") !=
          std::string::npos);
    CHECK(answersHealth(server.port()));

    // And the one that took over is the only one: a third is refused, naming it.
    const CliRun third = runSecondServer({"--data-dir", (dir / "data").string(), "--port", "0"});
    CHECK(third.exitCode == 1);
    CHECK(third.err.find("(pid " + std::to_string(server.pid()) + ",") != std::string::npos);
    CHECK(server.stop() == 0);
}
