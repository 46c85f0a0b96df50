#include "sync/api_answers.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <sstream>

namespace ywtb::sync {

Poco::JSON::Object::Ptr parseObject(const std::string& text) {
    try {
        Poco::JSON::Parser parser;
        return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        return nullptr;
    } catch (...) {
        return nullptr;
    }
}

std::string stringify(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(value, out);
    return out.str();
}

std::string describeAnswer(const HttpResponse& response) {
    if (auto doc = parseObject(response.body)) {
        if (auto error = doc->getObject("error"))
            return error->optValue<std::string>("code", "") + ": " +
                   error->optValue<std::string>("message", "");
    }
    return "HTTP " + std::to_string(response.status) + ": " + response.body.substr(0, 200);
}

std::string errorCodeOf(const HttpResponse& response) {
    if (auto doc = parseObject(response.body))
        if (auto error = doc->getObject("error"))
            return error->optValue<std::string>("code", "");
    return {};
}

core::Error serverTrouble(const HttpResponse& response, const std::string& url) {
    return {
        "sync.server_trouble",
        core::Message(N_("the server answered {status}: {detail}"),
                      {{"status", std::to_string(response.status)}, {"detail", describeAnswer(response)}}),
        url, core::Message(N_("nothing to do: the counter tries again by itself"))};
}

core::Error tokenExpired(const std::string& url) {
    return {"sync.token_expired", core::Message(N_("the server asked to sign in again")), url, {}};
}

} // namespace ywtb::sync
