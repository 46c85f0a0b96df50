#include "devices/rating/rating_ws_message.h"

#include "devices/websocket/json_message.h"

#include <Poco/JSON/Array.h>

namespace ywtb::devices {
namespace {

namespace json = json_message;
constexpr const char* errorCode = "rating.message";

core::Error bad(const std::string& field, const char* expected) {
    return json::malformed(errorCode, "\"" + field + "\" is missing or not " + expected);
}

std::optional<RatingStage> stageFromWire(const std::string& name) {
    if (name == "receive")
        return RatingStage::Receive;
    if (name == "accept")
        return RatingStage::Accept;
    if (name == "release")
        return RatingStage::Release;
    return std::nullopt;
}

std::optional<core::Error> parseData(RatingWsMessage& m, const json::ObjectPtr& data) {
    const bool request = !m.success.has_value();
    const auto requestId = [&]() -> std::optional<core::Error> {
        const auto id = json::integer(data, "request_id", 1, 65535);
        if (!id)
            return bad("request_id", "an integer from 1 to 65535");
        m.requestId = static_cast<unsigned>(*id);
        return std::nullopt;
    };
    switch (m.code) {
    case rating_ws::heartbeat: {
        const auto time = json::integer(data, "time", 0, INT64_MAX);
        if (!time)
            return bad("time", "a time in ms");
        m.time = *time;
        return std::nullopt;
    }
    case rating_ws::login:
        if (request) {
            const auto workNo = json::text(data, "work_no", rating_ws::maxWorkNo);
            const auto window = json::text(data, "window", rating_ws::maxWindow);
            if (!workNo || workNo->empty())
                return bad("work_no", "a staff number of 1 to 32 bytes");
            if (!window || window->empty())
                return bad("window", "a window of 1 to 32 bytes");
            m.workNo = *workNo;
            m.window = *window;
        } else if (data->has("device")) {
            const auto device = json::text(data, "device", 64);
            if (!device)
                return bad("device", "a serial number of up to 64 bytes");
            m.deviceId = *device;
        }
        return std::nullopt;
    case rating_ws::badPacket:
    case rating_ws::unknownCommand:
        return std::nullopt;
    case rating_ws::rate:
        if (auto e = requestId())
            return e;
        if (request) {
            const auto caseNumber = json::text(data, "case_no", rating_ws::maxCaseNumber);
            if (!caseNumber || caseNumber->empty())
                return bad("case_no", "a case number of 1 to 64 bytes");
            const auto stageName = json::text(data, "stage", 16);
            const auto stage = stageName ? stageFromWire(*stageName) : std::nullopt;
            if (!stage)
                return bad("stage", "receive, accept or release");
            m.caseNumber = *caseNumber;
            m.stage = *stage;
        } else if (!*m.success) {
            const auto reason = json::text(data, "reason", 32);
            if (!reason)
                return bad("reason", "a string");
            m.reason = *reason;
        }
        return std::nullopt;
    case rating_ws::result: {
        if (auto e = requestId())
            return e;
        if (request) // the client's acknowledgement
            return std::nullopt;
        const auto rated = json::boolean(data, "rated");
        if (!rated)
            return bad("rated", "true or false");
        m.rated = *rated;
        if (!m.rated)
            return std::nullopt;
        const auto level = json::integer(data, "level", 1, 5);
        if (!level)
            return bad("level", "a level from 1 to 5");
        m.result.level = static_cast<int>(*level);
        if (!data->has("tags"))
            return std::nullopt;
        const auto tags = data->getArray("tags");
        if (!tags || tags->size() > rating_ws::maxTags)
            return bad("tags", "a list of at most 32 tag codes");
        for (std::size_t i = 0; i < tags->size(); ++i) {
            const auto tag = tags->get(static_cast<unsigned>(i));
            if (!tag.isInteger() || tag.convert<Poco::Int64>() < 1 || tag.convert<Poco::Int64>() > 255)
                return bad("tags", "a list of tag codes from 1 to 255");
            m.result.tags.push_back(tag.convert<int>());
        }
        return std::nullopt;
    }
    case rating_ws::cancel:
        return requestId();
    default:
        break;
    }
    return json::malformed(errorCode, "unknown code " + std::to_string(m.code));
}

} // namespace

const char* toWireName(RatingStage stage) {
    switch (stage) {
    case RatingStage::Receive:
        return "receive";
    case RatingStage::Release:
        return "release";
    case RatingStage::Accept:
        break;
    }
    return "accept";
}

core::Expected<RatingWsMessage> parseRatingWsMessage(std::string_view text) {
    auto object = json::parseObject(text, errorCode);
    if (!object.ok())
        return object.error();
    const auto& o = object.value();
    RatingWsMessage m;
    const auto code = json::integer(o, "code", 0, 99999);
    if (!code)
        return bad("code", "an integer");
    m.code = static_cast<int>(*code);
    if (o->has("state")) {
        const auto state = json::integer(o, "state", 0, 1);
        if (!state)
            return bad("state", "0 or 1");
        m.success = *state == 1;
    }
    if (o->has("msg")) {
        const auto msg = json::text(o, "msg", 1024);
        if (!msg)
            return bad("msg", "a string of up to 1024 bytes");
        m.msg = *msg;
    }
    const auto data = json::object(o, "data");
    if (!data)
        return bad("data", "an object");
    if (auto e = parseData(m, *data))
        return *e;
    return m;
}

std::string encodeRatingWsMessage(const RatingWsMessage& m) {
    auto o = json::newObject();
    o->set("code", m.code);
    if (m.success)
        o->set("state", *m.success ? 1 : 0);
    if (!m.msg.empty())
        o->set("msg", m.msg);
    auto data = json::newObject();
    const bool request = !m.success.has_value();
    switch (m.code) {
    case rating_ws::heartbeat:
        data->set("time", static_cast<Poco::Int64>(m.time));
        break;
    case rating_ws::login:
        if (request) {
            data->set("work_no", m.workNo);
            data->set("window", m.window);
        } else if (!m.deviceId.empty()) {
            data->set("device", m.deviceId);
        }
        break;
    case rating_ws::rate:
        data->set("request_id", m.requestId);
        if (request) {
            data->set("case_no", m.caseNumber);
            data->set("stage", std::string(toWireName(m.stage)));
        } else if (!*m.success) {
            data->set("reason", m.reason);
        }
        break;
    case rating_ws::result:
        data->set("request_id", m.requestId);
        if (!request) {
            data->set("rated", m.rated);
            if (m.rated) {
                data->set("level", m.result.level);
                Poco::JSON::Array::Ptr tags = new Poco::JSON::Array;
                for (const int tag : m.result.tags)
                    tags->add(tag);
                data->set("tags", tags);
            }
        }
        break;
    case rating_ws::cancel:
        data->set("request_id", m.requestId);
        break;
    default:
        break;
    }
    if (data->size() > 0)
        o->set("data", data);
    return json::stringify(o);
}

} // namespace ywtb::devices
