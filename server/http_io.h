#pragma once
// What every handler shares: the error body of docs/api.md, bounded body reading, JSON fields checked one by
// one.

#include "core/clock.h"

#include <Poco/JSON/Object.h>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
} // namespace Poco::Net

namespace ywtb::server {

constexpr std::size_t kMaxJsonBody = 1024 * 1024;
constexpr std::size_t kMaxChunk = 8 * 1024 * 1024;
constexpr std::int64_t kMaxBlob = 256LL * 1024 * 1024;

/// A request the server refuses: the HTTP status and the {"error": {code, message, fix}} body.
/// Thrown inside a handler and turned into the answer at one place (ApiHandler::handleRequest).
struct ApiError : std::runtime_error {
    int status;
    std::string code;
    std::string fix;
    std::string extraHeader; ///< "Name: value" added to the answer, e.g. Upload-Offset
    std::string extraField;  ///< a field added to the error object, e.g. "offset"
    std::int64_t extraValue = 0;

    ApiError(int httpStatus, std::string errorCode, const std::string& message, std::string howToFix)
        : std::runtime_error(message), status(httpStatus), code(std::move(errorCode)),
          fix(std::move(howToFix)) {}
};

/// The error body as JSON text.
std::string errorBody(const std::string& code, const std::string& message, const std::string& fix);
/// The error object (without the outer "error" key), for per-change results.
Poco::JSON::Object::Ptr errorObject(const std::string& code, const std::string& message,
                                    const std::string& fix);

/// Reads the whole body, at most `limit` bytes; a larger body is drained and refused with 413.
std::string readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit);
/// Parses a JSON object body; 415 for another content type, 400 for malformed JSON or a non-object.
Poco::JSON::Object::Ptr readJsonObject(Poco::Net::HTTPServerRequest& request);

/// Fault injection (fault_injection.h) for JSON answers sent by this thread until reset: Drop sends nothing,
/// Garble sends a body that is not JSON.
enum class AnswerFault { None, Drop, Garble };
void setAnswerFault(AnswerFault fault);
/// True when an answer was dropped on this thread since the last setAnswerFault.
bool answerDropped();

void sendJson(Poco::Net::HTTPServerResponse& response, int status, const std::string& json);
void sendJson(Poco::Net::HTTPServerResponse& response, int status, const Poco::JSON::Object::Ptr& json);
std::string toJson(const Poco::JSON::Object::Ptr& json);

/// Characters a field may hold.
enum class Charset { Identifier, LowerWords, Any };

/// The string field `name`, 1..maxLength bytes of `charset`; 400 when missing, not a string or invalid.
std::string requireString(const Poco::JSON::Object::Ptr& json, const std::string& name, std::size_t maxLength,
                          Charset charset = Charset::Any);
/// Like requireString, but "" when the field is absent.
std::string optionalString(const Poco::JSON::Object::Ptr& json, const std::string& name,
                           std::size_t maxLength, Charset charset = Charset::Any);
/// The integer field `name` within [min, max]; 400 otherwise.
std::int64_t requireInteger(const Poco::JSON::Object::Ptr& json, const std::string& name, std::int64_t min,
                            std::int64_t max);
/// A decimal integer from a query parameter within [min, max]; 400 otherwise.
std::int64_t parseInteger(const std::string& text, const std::string& name, std::int64_t min,
                          std::int64_t max);

bool isUuid(const std::string& text);
bool isSha256(const std::string& text);
bool matches(const std::string& text, Charset charset);

/// Now in UTC as 2026-11-28T09:30:00Z, `plusSeconds` into the future: core's one reading of the clock.
using core::utcNow;

} // namespace ywtb::server
