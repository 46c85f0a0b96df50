#include "sync/http_client.h"

#include <algorithm>
#include <cctype>
#include <curl/curl.h>
#include <mutex>

namespace ywtb::sync {
namespace {

void initialiseCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct BodySink {
    std::string* body;
    std::size_t limit;
    bool tooLarge = false;
};

std::size_t collectBody(char* data, std::size_t size, std::size_t count, void* user) {
    auto& sink = *static_cast<BodySink*>(user);
    if (sink.body->size() + size * count > sink.limit) {
        sink.tooLarge = true;
        return 0; // libcurl stops the transfer with CURLE_WRITE_ERROR
    }
    sink.body->append(data, size * count);
    return size * count;
}

core::Error tooLargeError(const std::string& url, std::size_t limit) {
    return {"http.too_large",
            core::Message(
                N_("the server's answer is larger than {limit} bytes, the most the counter takes: it was "
                   "refused"),
                {{"limit", std::to_string(limit)}}),
            url,
            core::Message(N_("check that the server address is the centre's server; if it is, tell its "
                             "administrator"))};
}

std::size_t collectHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto& headers = *static_cast<std::map<std::string, std::string>*>(user);
    std::string line(data, size * count);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        const auto first = value.find_first_not_of(" \t");
        const auto last = value.find_last_not_of(" \t\r\n");
        headers[name] = first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
    }
    return size * count;
}

/// The host part of an http(s) URL.
std::string hostOf(const std::string& url) {
    const auto start = url.find("://");
    const auto from = start == std::string::npos ? 0 : start + 3;
    const auto end = url.find_first_of(url[from] == '[' ? "]" : ":/", from);
    return url.substr(from,
                      end == std::string::npos ? std::string::npos : end - from + (url[from] == '[' ? 1 : 0));
}

core::Error transportError(CURLcode code, const std::string& url, const char* detail) {
    const std::string text = *detail ? detail : curl_easy_strerror(code);
    // libcurl's own host check (OpenSSL backend): "no alternative certificate subject name matches target
    // host name 'X'" or "certificate subject name 'Y' does not match target host name 'X'".
    if (code == CURLE_PEER_FAILED_VERIFICATION && text.find("host name") != std::string::npos)
        return {"http.tls",
                core::Message(N_("the server's certificate does not name the host {host}, so it may be "
                                 "another server: {detail}"),
                              {{"host", hostOf(url)}, {"detail", text}}),
                url,
                core::Message(N_("use the server address its certificate names (ask the centre's "
                                 "administrator); never turn verification off"))};
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        return {
            "http.timeout",
            core::Message(N_("the server did not answer in time: {detail}"), {{"detail", text}}), url,
            core::Message(N_("check the network and the server; the counter keeps working and sends later"))};
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
        return {"http.tls",
                core::Message(N_("the server's certificate was not accepted: {detail}"), {{"detail", text}}),
                url,
                core::Message(
                    N_("check the server address and the CA file (--ca); never turn verification off"))};
    default:
        return {
            "http.unreachable",
            core::Message(N_("the server cannot be reached: {detail}"), {{"detail", text}}), url,
            core::Message(N_("check the network and the server; the counter keeps working and sends later"))};
    }
}

} // namespace

CurlHttpClient::CurlHttpClient(HttpOptions options) : m_options(std::move(options)) {
    initialiseCurlOnce();
    m_curl = curl_easy_init();
}

CurlHttpClient::~CurlHttpClient() {
    if (m_curl)
        curl_easy_cleanup(static_cast<CURL*>(m_curl));
}

core::Expected<HttpResponse> CurlHttpClient::send(const HttpRequest& request) {
    auto* curl = static_cast<CURL*>(m_curl);
    if (!curl)
        return core::Error{
            "http.init", core::Message(N_("the HTTP library could not start")), request.url, {}};
    curl_easy_reset(curl); // keeps the connection cache: the next request reuses the open connection
    HttpResponse response;
    char errorText[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, m_options.connectTimeoutMs);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, m_options.totalTimeoutMs);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    if (!m_options.caFile.empty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, m_options.caFile.c_str());
    BodySink sink{&response.body, m_options.maxResponseBytes};
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collectBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    // Refused before a byte of the body when Content-Length announces more; collectBody counts otherwise.
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(m_options.maxResponseBytes));
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collectHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);

    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers)
        headers = curl_slist_append(headers, (name + ": " + value).c_str());
    if (request.method == "GET") {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else {
        if (!request.contentType.empty())
            headers = curl_slist_append(headers, ("Content-Type: " + request.contentType).c_str());
        headers = curl_slist_append(headers, "Expect:"); // no 100-continue round trip
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    if (sink.tooLarge || code == CURLE_FILESIZE_EXCEEDED)
        return tooLargeError(request.url, m_options.maxResponseBytes);
    if (code != CURLE_OK)
        return transportError(code, request.url, errorText);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

std::unique_ptr<HttpClient> makeHttpClient(HttpOptions options) {
    return std::make_unique<CurlHttpClient>(std::move(options));
}

} // namespace ywtb::sync
