#pragma once
// The counter's one HTTP client: a small interface, and its implementation on a reused libcurl easy handle.

#include "core/error.h"

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ywtb::sync {

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::string body;
    std::string contentType = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
};

struct HttpResponse {
    long status = 0;
    std::string body;
    std::map<std::string, std::string> headers; ///< names lower-case
};

/// Sends one request and waits for the answer. A transport failure (no connection, timeout, TLS refused) is
/// an Error with code "http.unreachable", "http.timeout" or "http.tls", an answer larger than the limit
/// "http.too_large"; any other HTTP answer, 5xx included, is a value.
class HttpClient {
public:
    virtual ~HttpClient() = default;
    virtual core::Expected<HttpResponse> send(const HttpRequest& request) = 0;
};

struct HttpOptions {
    long connectTimeoutMs = 5000;
    long totalTimeoutMs = 30000;
    std::string caFile; ///< a centre's own CA (PEM); empty: the system CAs. Verification is always on.
    /// The largest answer body taken; a larger one is cut off and refused (a hostile or broken server must
    /// not fill the counter's memory). The largest real answers, reference bundles, are far below it.
    std::size_t maxResponseBytes = 64 * 1024 * 1024;
};

/// libcurl with one easy handle, so consecutive requests reuse the connection (keep-alive). Not thread-safe.
class CurlHttpClient : public HttpClient {
public:
    explicit CurlHttpClient(HttpOptions options = {});
    ~CurlHttpClient() override;
    CurlHttpClient(const CurlHttpClient&) = delete;
    CurlHttpClient& operator=(const CurlHttpClient&) = delete;

    core::Expected<HttpResponse> send(const HttpRequest& request) override;

private:
    HttpOptions m_options;
    void* m_curl = nullptr;
};

std::unique_ptr<HttpClient> makeHttpClient(HttpOptions options = {});

} // namespace ywtb::sync
