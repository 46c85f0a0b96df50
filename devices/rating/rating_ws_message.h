#pragma once
// The messages of the rating device over WebSocket (devices/PROTOCOLS.md "Rating device over WebSocket"):
// the envelope {code, state, msg, data} of networked 评价器, both directions. Pure functions, so that the
// driver, the simulator and a fuzzer share them.

#include "core/error.h"
#include "devices/rating/rating_device.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ywtb::devices {

namespace rating_ws {
inline constexpr int heartbeat = 40000, login = 40001, badPacket = 40002;                  // link
inline constexpr int unknownCommand = 50000, rate = 50100, result = 50101, cancel = 50102; // ratings
inline constexpr std::size_t maxWorkNo = 32, maxWindow = 32, maxCaseNumber = 64, maxTags = 32;
} // namespace rating_ws

/// One message, either direction. Requests (client → device) carry no state; answers and events do.
struct RatingWsMessage {
    int code = 0;
    std::optional<bool> success; ///< "state": 1 success, 0 failure
    std::string msg;             ///< the device's own words about a failure
    // "data", by code:
    std::int64_t time = 0;                   ///< heartbeat: ms since 1970
    std::string workNo;                      ///< login request: the staff number (工号)
    std::string window;                      ///< login request: the window
    std::string deviceId;                    ///< login answer: the device's serial number
    unsigned requestId = 0;                  ///< rate, result, cancel
    std::string caseNumber;                  ///< rate request
    RatingStage stage = RatingStage::Accept; ///< rate request
    std::string reason;                      ///< refused rate request: "busy" or "bad_request"
    bool rated = false;                      ///< result event: false when the applicant left without rating
    RatingResult result;                     ///< result event when rated
};

/// Parses and checks one message: fields present with the right type and range for its code.
/// Error code rating.message (the error names the field, never a value).
core::Expected<RatingWsMessage> parseRatingWsMessage(std::string_view text);
/// The message as JSON text: the envelope plus the data fields of its code.
std::string encodeRatingWsMessage(const RatingWsMessage& message);

const char* toWireName(RatingStage stage);

} // namespace ywtb::devices
