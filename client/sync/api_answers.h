#pragma once
// Reading the central server's answers (docs/api.md section 1): JSON bodies, error bodies, and the errors the
// sync reports for them. Shared by the sync engine and the hall queue; internal to client/sync.

#include "core/error.h"
#include "sync/http_client.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>
#include <string>

namespace ywtb::sync {

/// The JSON object `text` holds, or null.
Poco::JSON::Object::Ptr parseObject(const std::string& text);
/// `value` as compact JSON.
std::string stringify(const Poco::Dynamic::Var& value);
/// "code: message" of an error body, or the status and the first bytes of an answer that is not one.
std::string describeAnswer(const HttpResponse& response);
/// error.code of an error body, "" when there is none.
std::string errorCodeOf(const HttpResponse& response);
/// A 5xx, a garbled or an unexpected answer: "sync.server_trouble", tried again.
core::Error serverTrouble(const HttpResponse& response, const std::string& url);
/// A 401: the token ran out; the caller signs in again at once.
core::Error tokenExpired(const std::string& url);

} // namespace ywtb::sync
