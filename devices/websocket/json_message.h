#pragma once
// Reading and writing the JSON messages of the WebSocket devices (rating_ws_message.h,
// signature_ws_message.h): a text is an object or an error, a field is there with the right type and
// range or it is not. Errors name the field, never its value (messages may carry personal data).

#include "core/error.h"

#include <Poco/JSON/Object.h>
#include <optional>
#include <string>
#include <string_view>

namespace ywtb::devices::json_message {

using ObjectPtr = Poco::JSON::Object::Ptr;

/// `detail` under the error `code` ("rating.message", "signature.message").
core::Error malformed(const char* code, const std::string& detail);
/// The JSON object `text` holds; error `code` for anything else (not JSON, not an object, too deep).
core::Expected<ObjectPtr> parseObject(std::string_view text, const char* code);
/// The object `name` of `o`, an empty object when absent; none when it is there but not an object.
std::optional<ObjectPtr> object(const ObjectPtr& o, const std::string& name);
/// Integer field in [min, max]; none when absent, of another type or out of range.
std::optional<long long> integer(const ObjectPtr& o, const std::string& name, long long min, long long max);
/// String field of at most `maxBytes`; none when absent, of another type or longer.
std::optional<std::string> text(const ObjectPtr& o, const std::string& name, std::size_t maxBytes);
std::optional<bool> boolean(const ObjectPtr& o, const std::string& name);
/// The object as compact JSON text, keys in insertion order.
std::string stringify(const ObjectPtr& o);
/// A new object that keeps its keys in insertion order.
ObjectPtr newObject();

} // namespace ywtb::devices::json_message
