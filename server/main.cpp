// ywtb-counter-server: the reference central server of docs/api.md, or its admin commands.

#include "server/admin_commands.h"
#include "server/api_handler.h"
#include "server/blob_uploads.h"
#include "server/connection_gate.h"
#include "server/data_dir_lock.h"
#include "server/fault_injection.h"
#include "server/listen_socket.h"
#include "server/security.h"
#include "server/server_store.h"
#include "server/stop_request.h"
#include "store/database.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage =
    "usage: ywtb-counter-server --data-dir DIR --port N [--bind ADDRESS] [--tls-cert PEM --tls-key PEM] "
    "[--seed-demo|--demo]\n"
    "       ywtb-counter-server admin COMMAND --data-dir DIR …   (ywtb-counter-server admin help)\n"
    "  --port 0 picks a free port; the first line printed is \"listening on http://ADDRESS:PORT\".\n"
    "  --bind defaults to 127.0.0.1 (this machine only); 0.0.0.0 serves the whole network, and then needs "
    "TLS\n"
    "  (--tls-cert/--tls-key) unless --insecure-http forces plain HTTP.\n"
    "  --tls-cert/--tls-key serve HTTPS (TLS 1.2 or later) with that certificate chain and private key "
    "(PEM).\n"
    "  --inject-faults error=N,drop=N,garble=N,slow=N:MS  for tests of clients: every Nth request fails on "
    "purpose.\n"
    "  --seed-demo creates demo staff S001, S007 and demo, windows W01-W03, e-licences and credit records.\n"
    "  Against slow and greedy clients (server/README.md), with their defaults:\n"
    "  --head-timeout 10s  a request's head must arrive whole within this; --request-timeout 300s  body, "
    "work "
    "and answer\n"
    "  --connections-per-address 64  open connections one client address may have (at most 8 served at "
    "once)\n"
    "  --upload-expiry 24h  an unfinished upload with no chunk for this long is discarded\n"
    "  --upload-quota-mib 1024  the unfinished uploads of one window together (and at most 100 of them)\n"
    "  Durations are a number with s, m or h.\n";

// TLS 1.2 with forward secrecy and authenticated encryption only (ECDHE, AES-GCM, ChaCha20-Poly1305): no CBC,
// no SHA-1, no static RSA key exchange. TLS 1.3's suites are OpenSSL's defaults, all of them AEAD.
constexpr const char* kTls12Ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                      "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// Worker threads serving requests; the connection gate's thread comes on top.
constexpr int kWorkers = 16;

int usage(const std::string& problem) {
    std::cerr << "ywtb-counter-server: " << problem << "\n" << kUsage << ywtb::server::securityUsage();
    return 2;
}

bool parseCount(const std::string& text, long long min, long long max, long long& value) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && value >= min && value <= max;
}

/// "90s", "15m", "24h": at least 1 s, at most 30 days.
bool parseDuration(const std::string& text, std::chrono::seconds& duration) {
    if (text.size() < 2)
        return false;
    const char unit = text.back();
    const long long scale = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : 0;
    long long count = 0;
    if (scale == 0 || !parseCount(text.substr(0, text.size() - 1), 1, 30LL * 24 * 3600 / scale, count))
        return false;
    duration = std::chrono::seconds(count * scale);
    return true;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "admin")
        return ywtb::server::runAdminCommand({args.begin() + 1, args.end()}, std::cin, std::cout, std::cerr);

    std::string dataDir;
    std::string bind = "127.0.0.1";
    int port = -1;
    bool seed = false;
    bool insecureHttp = false;
    std::string tlsCert;
    std::string tlsKey;
    ywtb::server::FaultPlan faults;
    ywtb::server::SecuritySettings securitySettings;
    ywtb::server::ConnectionLimits connectionLimits;
    ywtb::server::UploadLimits uploadLimits;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            std::cout << kUsage << ywtb::server::securityUsage();
            return 0;
        }
        if (a == "--seed-demo" || a == "--demo") {
            seed = true;
            continue;
        }
        if (a == "--insecure-http") {
            insecureHttp = true;
            continue;
        }
        if (a != "--data-dir" && a != "--port" && a != "--bind" && a != "--tls-cert" && a != "--tls-key" &&
            a != "--inject-faults" && !ywtb::server::isSecurityOption(a) && a != "--head-timeout" &&
            a != "--request-timeout" && a != "--connections-per-address" && a != "--upload-expiry" &&
            a != "--upload-quota-mib")
            return usage("unknown option " + a);
        if (i + 1 >= args.size())
            return usage(a + " needs a value");
        const std::string& value = args[++i];
        if (ywtb::server::isSecurityOption(a)) {
            std::string problem;
            if (!ywtb::server::takeSecurityOption(a, value, securitySettings, problem))
                return usage(problem);
        } else if (a == "--data-dir") {
            dataDir = value;
        } else if (a == "--bind") {
            bind = value;
        } else if (a == "--tls-cert") {
            tlsCert = value;
        } else if (a == "--tls-key") {
            tlsKey = value;
        } else if (a == "--head-timeout" || a == "--request-timeout" || a == "--upload-expiry") {
            std::chrono::seconds duration{};
            if (!parseDuration(value, duration))
                return usage(a + " takes a duration such as 10s, 5m or 24h");
            if (a == "--head-timeout")
                connectionLimits.headDeadline = duration;
            else if (a == "--request-timeout")
                connectionLimits.requestDeadline = duration;
            else
                uploadLimits.expiry = duration;
        } else if (a == "--connections-per-address") {
            long long count = 0;
            if (!parseCount(value, 1, 100000, count))
                return usage("--connections-per-address takes a number from 1 to 100000");
            // Raised past the default, the one address is a proxy in front (nginx), which does the per-client
            // limiting: it may then use every worker.
            const ywtb::server::ConnectionLimits defaults;
            connectionLimits.maxOpenPerAddress = static_cast<int>(count);
            connectionLimits.maxActivePerAddress =
                count > defaults.maxOpenPerAddress
                    ? kWorkers
                    : std::min(defaults.maxActivePerAddress, static_cast<int>(count));
        } else if (a == "--upload-quota-mib") {
            long long mib = 0;
            if (!parseCount(value, 1, 1024 * 1024, mib))
                return usage("--upload-quota-mib takes a number of MiB from 1 to 1048576");
            uploadLimits.quotaPerWindow = mib * 1024 * 1024;
        } else if (a == "--inject-faults") {
            std::string problem;
            if (!faults.configure(value, problem))
                return usage("--inject-faults: " + problem);
        } else {
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), port);
            if (ec != std::errc() || end != value.data() + value.size() || port < 0 || port > 65535)
                return usage("--port must be a number from 0 to 65535");
        }
    }
    if (dataDir.empty())
        return usage("--data-dir DIR is required: the server keeps its database and blobs there");
    if (port < 0)
        return usage("--port N is required (0 picks a free port)");
    if (tlsCert.empty() != tlsKey.empty())
        return usage("--tls-cert and --tls-key go together: give both for HTTPS, neither for plain HTTP");
    const bool tls = !tlsCert.empty();
    std::optional<Poco::Net::SocketAddress> address;
    try {
        address.emplace(bind, static_cast<Poco::UInt16>(port));
    } catch (const Poco::Exception& e) {
        return usage("--bind " + bind + " is not an address of this machine: " + e.displayText());
    }
    // Staff passwords, tokens and personal data must not cross a network in clear text (issue 20 item 4).
    const bool loopback = address->host().isLoopback();
    if (!tls && !loopback && !insecureHttp)
        return usage(
            "plain HTTP on " + bind +
            " would send passwords, tokens and personal data over the network unencrypted: give --tls-cert "
            "and --tls-key, or bind 127.0.0.1 behind a TLS proxy (server/README.md); --insecure-http "
            "forces it");
    if (!tls && !loopback)
        std::cerr
            << "WARNING: serving plain HTTP on " << bind
            << " (--insecure-http): passwords, tokens and personal data cross the network unencrypted\n";

    // Before any thread starts, so that only waitForStopRequest below hears the stop request.
    ywtb::server::prepareForStopRequest();

    try {
        // In this order, so that a refused start writes nothing: the port first (a second server on it is
        // refused before it touches any file), then the data directory's lock (a second server on it is
        // refused before it opens the store), and only then the store.
        Poco::Net::Context::Ptr context;
        if (tls) {
            Poco::Net::initializeSSL();
            context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, tlsKey, tlsCert, "",
                                             Poco::Net::Context::VERIFY_NONE, 9, false, kTls12Ciphers);
            context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
            context->preferServerCiphers();
            Poco::Net::SSLManager::instance().initializeServer(
                nullptr, new Poco::Net::RejectCertificateHandler(true), context);
        }
        const std::unique_ptr<Poco::Net::ServerSocket> listener =
            ywtb::server::listenExclusively(*address, context);
        const std::string listening = std::string(tls ? "https" : "http") + "://" + bind + ":" +
                                      std::to_string(listener->address().port());
        const ywtb::server::DataDirLock lock(dataDir, listening);
        if (const auto& previous = lock.takenOverFrom())
            std::cerr << "took over " << lock.path().string()
                      << " from a server that ended without releasing it (" << previous->describe()
                      << "): it was killed or crashed\n";

        ywtb::server::ServerStore store(dataDir);
        ywtb::server::ServerSecurity security(securitySettings);
        for (const auto& warning : ywtb::server::securityWarnings(securitySettings))
            std::cerr << warning << "\n";
        store.setPasswordIterations(securitySettings.kdfIterations);
        if (seed) {
            store.seedDemo();
            std::cerr << "demo data seeded: staff";
            for (const auto& account : ywtb::server::demoAccounts())
                std::cerr << " " << account.staffId;
            std::cerr << ", windows W01 W02 W03 (passwords in server/README.md)\n";
        }
        ywtb::server::BlobUploads blobs(store, uploadLimits);
        if (faults.active())
            std::cerr << "fault injection is on (--inject-faults): this server fails on purpose; never use "
                         "it for a centre\n";

        Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(kWorkers);
        params->setMaxQueued(256);
        params->setKeepAlive(true);
        params->setTimeout(Poco::Timespan(30, 0));
        Poco::ThreadPool pool(2, kWorkers);
        ywtb::server::ConnectionGate gate(*listener,
                                          new ywtb::server::ApiHandlerFactory(store, blobs, faults, security),
                                          params, pool, connectionLimits, tls);
        gate.start();
        std::cout << "listening on " << listening << std::endl;

        const int received = ywtb::server::waitForStopRequest();
        std::cerr << "stopping (signal " << received << ")\n";
        gate.stop();
        pool.joinAll();
        if (tls)
            Poco::Net::uninitializeSSL();
        return 0;
    } catch (const ywtb::store::StoreFailure& e) {
        std::cerr << "ywtb-counter-server: " << e.error().str() << "\n";
    } catch (const Poco::Exception& e) {
        std::cerr << "ywtb-counter-server: " << e.displayText() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "ywtb-counter-server: " << e.what() << "\n";
    }
    return 1;
}
