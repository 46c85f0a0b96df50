#pragma once
// Routes /api/v1 requests to their handlers (docs/api.md) and turns every refusal into the error body.

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace ywtb::server {

class ServerStore;
class BlobUploads;
class FaultPlan;
struct ServerSecurity;

class ApiHandler : public Poco::Net::HTTPRequestHandler {
public:
    ApiHandler(ServerStore& store, BlobUploads& blobs, FaultPlan& faults, ServerSecurity& security)
        : m_store(store), m_blobs(blobs), m_faults(faults), m_security(security) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    void route(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

    ServerStore& m_store;
    BlobUploads& m_blobs;
    FaultPlan& m_faults;
    ServerSecurity& m_security;
};

class ApiHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    /// `faults` may be an empty plan (no faults), the normal case; `security` holds the sign-in guard and
    /// the read throttle all handlers share.
    ApiHandlerFactory(ServerStore& store, BlobUploads& blobs, FaultPlan& faults, ServerSecurity& security)
        : m_store(store), m_blobs(blobs), m_faults(faults), m_security(security) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new ApiHandler(m_store, m_blobs, m_faults, m_security);
    }

private:
    ServerStore& m_store;
    BlobUploads& m_blobs;
    FaultPlan& m_faults;
    ServerSecurity& m_security;
};

} // namespace ywtb::server
