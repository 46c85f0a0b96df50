// HTTPS: the server with --tls-cert/--tls-key; a client that trusts its CA talks, one that does not refuses.
// tests/server/tls/ holds a self-signed test certificate for 127.0.0.1 (and a foreign CA), valid until 2126.

#include "server/server_process.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <catch2/catch.hpp>

using namespace ywtb::testing;

namespace {

const std::string kTlsDir = YWTB_SOURCE_DIR "/tests/server/tls/";

struct SslScope {
    SslScope() { Poco::Net::initializeSSL(); }
    ~SslScope() { Poco::Net::uninitializeSSL(); }
};

int healthOver(int port, const std::string& caFile, std::string& body) {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_CLIENT_USE, "", "", caFile, Poco::Net::Context::VERIFY_STRICT, 9, false);
    Poco::Net::SSLManager::instance().initializeClient(
        nullptr, new Poco::Net::RejectCertificateHandler(false), context);
    Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port), context);
    Poco::Net::HTTPRequest request("GET", "/api/v1/health", Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    return static_cast<int>(response.getStatus());
}

} // namespace

TEST_CASE("tls: the server speaks HTTPS with its certificate, and a client with another CA refuses it") {
    SslScope ssl;
    TempDir dir;
    ServerProcess server(
        dir / "data", {"--tls-cert", kTlsDir + "server-cert.pem", "--tls-key", kTlsDir + "server-key.pem"});

    std::string body;
    CHECK(healthOver(server.port(), kTlsDir + "server-cert.pem", body) == 200);
    CHECK(body.find("\"ok\"") != std::string::npos);

    std::string ignored;
    CHECK_THROWS_AS(healthOver(server.port(), kTlsDir + "other-ca.pem", ignored), Poco::Exception);

    // Plain HTTP to the HTTPS port gets nowhere.
    ApiClient plain(server.port());
    CHECK_THROWS(plain.get("/api/v1/health"));
    CHECK(server.stop() == 0);
}

TEST_CASE("tls: a missing certificate file stops the server with a message instead of serving plain HTTP") {
    TempDir dir;
    const auto missing = (dir / "missing.pem").string();
    auto run = runCli(serverBinary(), {"--data-dir", (dir / "data").string(), "--port", "0", "--tls-cert",
                                       missing, "--tls-key", missing});
    CHECK(run.exitCode == 1);
    CHECK(run.out.empty());
    CHECK(run.err.find("missing.pem") != std::string::npos);
    CHECK(
        runCli(serverBinary(), {"--data-dir", (dir / "data").string(), "--port", "0", "--tls-cert", missing})
            .exitCode == 2);
}
