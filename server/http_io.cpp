#include "server/http_io.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Timespan.h>
#include <charconv>
#include <istream>
#include <sstream>
#include <vector>

namespace ywtb::server {

namespace {
constexpr std::size_t kMaxDrain = 16 * 1024 * 1024;

std::string tooLarge(std::size_t limit) {
    return std::to_string(limit) + " bytes";
}
} // namespace

Poco::JSON::Object::Ptr errorObject(const std::string& code, const std::string& message,
                                    const std::string& fix) {
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object;
    error->set("code", code);
    error->set("message", message);
    error->set("fix", fix);
    return error;
}

std::string errorBody(const std::string& code, const std::string& message, const std::string& fix) {
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("error", errorObject(code, message, fix));
    return toJson(body);
}

std::string toJson(const Poco::JSON::Object::Ptr& json) {
    std::ostringstream out;
    json->stringify(out);
    return out.str();
}

std::string readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit) {
    const bool hasLength = request.hasContentLength();
    const auto declared = hasLength ? request.getContentLength64() : -1;
    std::istream& in = request.stream();
    if (hasLength && declared > static_cast<std::int64_t>(limit)) {
        // Drain a moderate excess so the client reads our answer instead of a reset; beyond that, hang up.
        if (declared <= static_cast<std::int64_t>(kMaxDrain)) {
            std::vector<char> sink(64 * 1024);
            while (in.read(sink.data(), static_cast<std::streamsize>(sink.size())) || in.gcount() > 0) {
            }
        }
        throw ApiError(
            413, "request.too_large",
            "the request body has " + std::to_string(declared) + " bytes, more than the limit of " +
                tooLarge(limit),
            "send less per request: split the batch or the upload into smaller parts (docs/api.md, Limits)");
    }
    std::string body;
    std::vector<char> buffer(64 * 1024);
    while (true) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got == 0)
            break;
        body.append(buffer.data(), got);
        if (body.size() > limit)
            throw ApiError(413, "request.too_large",
                           "the request body is larger than the limit of " + tooLarge(limit),
                           "send less per request: split the batch or the upload into smaller parts "
                           "(docs/api.md, Limits)");
    }
    if (hasLength && static_cast<std::int64_t>(body.size()) != declared)
        throw ApiError(400, "request.incomplete_body",
                       "the request body ended after " + std::to_string(body.size()) + " of " +
                           std::to_string(declared) + " bytes",
                       "send the request again");
    return body;
}

Poco::JSON::Object::Ptr readJsonObject(Poco::Net::HTTPServerRequest& request) {
    const std::string type = request.getContentType();
    if (type.rfind("application/json", 0) != 0)
        throw ApiError(415, "request.content_type",
                       "the body must be JSON, but Content-Type is '" + type + "'",
                       "send Content-Type: application/json");
    const std::string body = readBody(request, kMaxJsonBody);
    Poco::Dynamic::Var parsed;
    try {
        Poco::JSON::Parser parser;
        parsed = parser.parse(body);
    } catch (const Poco::Exception& e) {
        throw ApiError(400, "request.malformed_json", "the body is not valid JSON: " + e.displayText(),
                       "send a well-formed JSON object (UTF-8)");
    } catch (const std::exception& e) {
        throw ApiError(400, "request.malformed_json", std::string("the body is not valid JSON: ") + e.what(),
                       "send a well-formed JSON object (UTF-8)");
    }
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
        throw ApiError(400, "request.not_an_object", "the body must be a JSON object {…}",
                       "wrap the fields in an object");
    return parsed.extract<Poco::JSON::Object::Ptr>();
}

namespace {
thread_local AnswerFault t_answerFault = AnswerFault::None;
thread_local bool t_answerDropped = false;
} // namespace

void setAnswerFault(AnswerFault fault) {
    t_answerFault = fault;
    t_answerDropped = false;
}

bool answerDropped() {
    return t_answerDropped;
}

void sendJson(Poco::Net::HTTPServerResponse& response, int status, const std::string& json) {
    if (t_answerFault == AnswerFault::Drop) {
        t_answerDropped = true;
        return;
    }
    if (t_answerFault == AnswerFault::Garble) {
        const std::string garbled = json.substr(0, json.size() / 2) + "\x01<garbled by --inject-faults>";
        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
        response.setContentType("application/json; charset=utf-8");
        response.setContentLength64(static_cast<Poco::Int64>(garbled.size()));
        response.send() << garbled;
        return;
    }
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType("application/json; charset=utf-8");
    response.setContentLength64(static_cast<Poco::Int64>(json.size()));
    response.send() << json;
}

void sendJson(Poco::Net::HTTPServerResponse& response, int status, const Poco::JSON::Object::Ptr& json) {
    sendJson(response, status, toJson(json));
}

bool matches(const std::string& text, Charset charset) {
    for (char c : text) {
        const bool lower = c >= 'a' && c <= 'z';
        const bool digit = c >= '0' && c <= '9';
        switch (charset) {
        case Charset::Identifier:
            if (!(lower || digit || (c >= 'A' && c <= 'Z') || c == '_' || c == '-'))
                return false;
            break;
        case Charset::LowerWords:
            if (!(lower || digit || c == '_' || c == '.'))
                return false;
            break;
        case Charset::Any:
            if (static_cast<unsigned char>(c) < 0x20)
                return false;
            break;
        }
    }
    return true;
}

static std::string charsetText(Charset charset) {
    switch (charset) {
    case Charset::Identifier:
        return " of letters, digits, '_' and '-'";
    case Charset::LowerWords:
        return " of lower-case letters, digits, '_' and '.'";
    case Charset::Any:
        return "";
    }
    return "";
}

std::string optionalString(const Poco::JSON::Object::Ptr& json, const std::string& name,
                           std::size_t maxLength, Charset charset) {
    if (!json->has(name) || json->isNull(name))
        return "";
    return requireString(json, name, maxLength, charset);
}

std::string requireString(const Poco::JSON::Object::Ptr& json, const std::string& name, std::size_t maxLength,
                          Charset charset) {
    if (!json->has(name) || json->isNull(name))
        throw ApiError(400, "request.missing_field", "the field '" + name + "' is missing",
                       "add '" + name + "' to the request (docs/api.md)");
    const Poco::Dynamic::Var value = json->get(name);
    if (!value.isString())
        throw ApiError(400, "request.invalid_field", "the field '" + name + "' must be a string",
                       "send '" + name + "' as a JSON string");
    const std::string text = value.extract<std::string>();
    if (text.empty() || text.size() > maxLength || !matches(text, charset))
        throw ApiError(400, "request.invalid_field",
                       "the field '" + name + "' must have 1 to " + std::to_string(maxLength) +
                           " characters" + charsetText(charset),
                       "correct '" + name + "' (docs/api.md)");
    return text;
}

std::int64_t requireInteger(const Poco::JSON::Object::Ptr& json, const std::string& name, std::int64_t min,
                            std::int64_t max) {
    if (!json->has(name) || json->isNull(name))
        throw ApiError(400, "request.missing_field", "the field '" + name + "' is missing",
                       "add '" + name + "' to the request (docs/api.md)");
    const Poco::Dynamic::Var value = json->get(name);
    if (!value.isInteger())
        throw ApiError(400, "request.invalid_field", "the field '" + name + "' must be a whole number",
                       "send '" + name + "' as a JSON integer");
    std::int64_t number = 0;
    bool inRange = true;
    try {
        number = value.convert<Poco::Int64>();
    } catch (const Poco::Exception&) {
        inRange = false; // beyond 64 bits
    }
    if (!inRange || number < min || number > max)
        throw ApiError(400, "request.invalid_field",
                       "the field '" + name + "' must be between " + std::to_string(min) + " and " +
                           std::to_string(max),
                       "correct '" + name + "' (docs/api.md)");
    return number;
}

std::int64_t parseInteger(const std::string& text, const std::string& name, std::int64_t min,
                          std::int64_t max) {
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || number < min ||
        number > max)
        throw ApiError(400, "request.invalid_field",
                       "'" + name + "' must be a whole number between " + std::to_string(min) + " and " +
                           std::to_string(max),
                       "correct '" + name + "' in the query string (docs/api.md)");
    return number;
}

bool isUuid(const std::string& text) {
    if (text.size() != 36)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

bool isSha256(const std::string& text) {
    if (text.size() != 64)
        return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

} // namespace ywtb::server
