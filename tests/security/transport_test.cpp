// Transport (issue 20 item 4): plain HTTP only on loopback unless forced and warned about; TLS 1.2 with
// ECDHE and AEAD suites only, TLS 1.3. The certificate is the TLS test's (tests/server/tls/).

#include "server/server_process.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <catch2/catch.hpp>
#include <filesystem>

using namespace ywtb::testing;

namespace {

const std::string kTlsDir = YWTB_SOURCE_DIR "/tests/server/tls/";

struct SslScope {
    SslScope() { Poco::Net::initializeSSL(); }
    ~SslScope() { Poco::Net::uninitializeSSL(); }
};

/// GET /api/v1/health over HTTPS offering only `ciphers` in TLS 1.2 (empty: OpenSSL's defaults, TLS 1.3 too).
int healthWith(int port, const std::string& ciphers) {
    Poco::Net::Context::Ptr context =
        ciphers.empty()
            ? new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", kTlsDir + "server-cert.pem",
                                     Poco::Net::Context::VERIFY_STRICT, 9, false)
            : new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", kTlsDir + "server-cert.pem",
                                     Poco::Net::Context::VERIFY_STRICT, 9, false, ciphers);
    if (!ciphers.empty())
        context->disableProtocols(Poco::Net::Context::PROTO_TLSV1_3);
    Poco::Net::SSLManager::instance().initializeClient(
        nullptr, new Poco::Net::RejectCertificateHandler(false), context);
    Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port), context);
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest request("GET", "/api/v1/health", Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    return static_cast<int>(response.getStatus());
}

} // namespace

TEST_CASE(
    "transport: plain HTTP off loopback is refused unless --insecure-http, which is warned about on start") {
    TempDir dir;
    const CliRun refused = runCli("timeout", {"20", serverBinary(), "--data-dir", (dir / "data").string(),
                                              "--port", "0", "--bind", "0.0.0.0"});
    INFO(refused.err);
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.find("--insecure-http") != std::string::npos);
    CHECK(refused.err.find("--tls-cert") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "data"));

    ServerProcess forced(dir / "data", {"--bind", "0.0.0.0", "--insecure-http"});
    CHECK(forced.log().find("WARNING: serving plain HTTP on 0.0.0.0 (--insecure-http)") != std::string::npos);
    ApiClient client(forced.port());
    CHECK(client.get("/api/v1/health").status == 200);
    CHECK(forced.stop() == 0);

    // Loopback needs neither.
    ServerProcess local(dir / "local", {});
    CHECK(local.log().find("serving plain HTTP") == std::string::npos);
}

TEST_CASE(
    "transport: TLS 1.2 only with ECDHE and AEAD suites, and TLS 1.3, so CBC and SHA-1 suites are refused") {
    SslScope ssl;
    TempDir dir;
    ServerProcess server(dir / "data", {"--bind", "0.0.0.0", "--tls-cert", kTlsDir + "server-cert.pem",
                                        "--tls-key", kTlsDir + "server-key.pem"});
    CHECK(server.log().find("serving plain HTTP") ==
          std::string::npos); // TLS off loopback is the normal case
    CHECK(healthWith(server.port(), "") == 200);
    CHECK(healthWith(server.port(), "ECDHE-RSA-AES128-GCM-SHA256") == 200);
    CHECK(healthWith(server.port(), "ECDHE-RSA-CHACHA20-POLY1305") == 200);
    for (const std::string weak : {"ECDHE-RSA-AES128-SHA", "AES128-SHA", "AES256-SHA256", "AES128-GCM-SHA256",
                                   "ECDHE-RSA-AES256-SHA384"}) {
        INFO(weak);
        CHECK_THROWS(healthWith(server.port(), weak));
    }
}
