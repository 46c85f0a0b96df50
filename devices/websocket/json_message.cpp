#include "devices/websocket/json_message.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <sstream>

namespace ywtb::devices::json_message {

core::Error malformed(const char* code, const std::string& detail) {
    return core::Error{
        code,
        core::Message(N_("a message from the device is malformed: {detail}"), {{"detail", detail}}),
        {},
        core::Message(N_("check that the device's firmware speaks the protocol in devices/PROTOCOLS.md"))};
}

core::Expected<ObjectPtr> parseObject(std::string_view text, const char* code) {
    try {
        Poco::JSON::Parser parser;
        const auto value = parser.parse(std::string(text));
        if (value.type() != typeid(ObjectPtr))
            return malformed(code, "not a JSON object");
        return value.extract<ObjectPtr>();
    } catch (const Poco::Exception&) {
        return malformed(code, "not JSON");
    } catch (const std::exception&) {
        return malformed(code, "not JSON");
    }
}

std::optional<ObjectPtr> object(const ObjectPtr& o, const std::string& name) {
    if (!o->has(name))
        return newObject();
    if (!o->isObject(name))
        return std::nullopt;
    return o->getObject(name);
}

std::optional<long long> integer(const ObjectPtr& o, const std::string& name, long long min, long long max) {
    if (!o->has(name))
        return std::nullopt;
    const auto value = o->get(name);
    if (!value.isInteger())
        return std::nullopt;
    try {
        const auto n = value.convert<Poco::Int64>();
        if (n < min || n > max)
            return std::nullopt;
        return n;
    } catch (const Poco::Exception&) { // beyond 64 bits
        return std::nullopt;
    }
}

std::optional<std::string> text(const ObjectPtr& o, const std::string& name, std::size_t maxBytes) {
    if (!o->has(name))
        return std::nullopt;
    const auto value = o->get(name);
    if (!value.isString())
        return std::nullopt;
    auto s = value.convert<std::string>();
    if (s.size() > maxBytes)
        return std::nullopt;
    return s;
}

std::optional<bool> boolean(const ObjectPtr& o, const std::string& name) {
    if (!o->has(name))
        return std::nullopt;
    const auto value = o->get(name);
    if (!value.isBoolean())
        return std::nullopt;
    return value.convert<bool>();
}

std::string stringify(const ObjectPtr& o) {
    std::ostringstream out;
    o->stringify(out);
    return out.str();
}

ObjectPtr newObject() {
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

} // namespace ywtb::devices::json_message
