#include "devices/signature/signature_ws_message.h"

#include "devices/websocket/json_message.h"

#include <Poco/JSON/Array.h>
#include <array>

namespace ywtb::devices {
namespace {

namespace json = json_message;
namespace w = signature_ws;
constexpr const char* errorCode = "signature.message";

core::Error bad(const std::string& field, const char* expected) {
    return json::malformed(errorCode, "\"" + field + "\" is missing or not " + expected);
}

bool isKnown(const std::string& action) {
    for (const auto known :
         {w::open, w::heartbeat, w::sign, w::clear, w::cancel, w::stroke, w::done, w::cleared, w::error})
        if (action == known)
            return true;
    return false;
}

std::optional<PenPoint> point(const Poco::Dynamic::Var& value) {
    if (value.type() != typeid(Poco::JSON::Array::Ptr))
        return std::nullopt;
    const auto array = value.extract<Poco::JSON::Array::Ptr>();
    if (!array || array->size() != 4)
        return std::nullopt;
    constexpr std::array<long long, 4> max{65535, 65535, 65535, 0xFFFFFFFFLL}; // x, y, pressure, t
    std::array<long long, 4> n{};
    for (unsigned i = 0; i < 4; ++i) {
        const auto v = array->get(i);
        if (!v.isInteger())
            return std::nullopt;
        n[i] = v.convert<Poco::Int64>();
        if (n[i] < 0 || n[i] > max[i])
            return std::nullopt;
    }
    return PenPoint{static_cast<int>(n[0]), static_cast<int>(n[1]), static_cast<int>(n[2]),
                    static_cast<std::uint32_t>(n[3])};
}

} // namespace

core::Expected<SignatureWsMessage> parseSignatureWsMessage(std::string_view text) {
    auto object = json::parseObject(text, errorCode);
    if (!object.ok())
        return object.error();
    const auto& o = object.value();
    SignatureWsMessage m;
    const auto action = json::text(o, "action", 32);
    if (!action)
        return bad("action", "a string");
    if (!isKnown(*action))
        return json::malformed(errorCode, "unknown action");
    m.action = *action;
    if (o->has("ret")) {
        const auto ret = json::text(o, "ret", 2);
        if (!ret || (*ret != "00" && *ret != "01"))
            return bad("ret", "\"00\" or \"01\"");
        m.success = *ret == "00";
    }
    if (o->has("msg")) {
        const auto msg = json::text(o, "msg", 1024);
        if (!msg)
            return bad("msg", "a string of up to 1024 bytes");
        m.msg = *msg;
    }
    const bool request = !m.success;
    if (m.action == w::open && !request && *m.success) {
        const auto width = json::integer(o, "width", 1, 65535);
        const auto height = json::integer(o, "height", 1, 65535);
        const auto maxPressure = json::integer(o, "max_pressure", 1, 65535);
        const auto serial = json::text(o, "serial", 64);
        if (!width)
            return bad("width", "an integer from 1 to 65535");
        if (!height)
            return bad("height", "an integer from 1 to 65535");
        if (!maxPressure)
            return bad("max_pressure", "an integer from 1 to 65535");
        if (!serial)
            return bad("serial", "a serial number of up to 64 bytes");
        m.width = static_cast<int>(*width);
        m.height = static_cast<int>(*height);
        m.maxPressure = static_cast<int>(*maxPressure);
        m.serialNumber = *serial;
    } else if (m.action == w::sign && request) {
        const auto prompt = json::text(o, "prompt", w::maxPrompt);
        if (!prompt)
            return bad("prompt", "a text of up to 1024 bytes");
        m.prompt = *prompt;
    } else if (m.action == w::stroke) {
        const auto points = o->getArray("points");
        if (!points || points->size() == 0 || points->size() > w::maxStrokePoints)
            return bad("points", "a list of 1 to 2000 points");
        for (unsigned i = 0; i < points->size(); ++i) {
            const auto p = point(points->get(i));
            if (!p)
                return bad("points", "a list of [x, y, pressure, t] with non-negative integers");
            m.stroke.points.push_back(*p);
        }
    }
    return m;
}

std::string encodeSignatureWsMessage(const SignatureWsMessage& m) {
    auto o = json::newObject();
    o->set("action", m.action);
    if (m.success)
        o->set("ret", std::string(*m.success ? "00" : "01"));
    if (!m.msg.empty())
        o->set("msg", m.msg);
    if (m.action == w::open && m.success && *m.success) {
        o->set("width", m.width);
        o->set("height", m.height);
        o->set("max_pressure", m.maxPressure);
        o->set("serial", m.serialNumber);
    } else if (m.action == w::sign && !m.success) {
        o->set("prompt", m.prompt);
    } else if (m.action == w::stroke) {
        Poco::JSON::Array::Ptr points = new Poco::JSON::Array;
        for (const auto& p : m.stroke.points) {
            Poco::JSON::Array::Ptr sample = new Poco::JSON::Array;
            sample->add(p.x);
            sample->add(p.y);
            sample->add(p.pressure);
            sample->add(static_cast<Poco::UInt64>(p.timeMs));
            points->add(sample);
        }
        o->set("points", points);
    }
    return json::stringify(o);
}

} // namespace ywtb::devices
