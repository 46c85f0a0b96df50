#pragma once
// The 好差评 rating device at the window: the client asks it to rate a case at one stage; the applicant
// presses a level (5 非常满意 … 1 非常不满意) and the indicator tags; the device sends the result back.
// RatingDevice is the interface; the serial keypad (rating_keypad.cpp) and the networked device over
// WebSocket + JSON (rating_websocket.cpp) are its backends (devices/PROTOCOLS.md).

#include "core/error.h"
#include "devices/device_status.h"
#include "devices/serial/serial_port.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ywtb::devices {

/// The case steps that are rated, one rating per step ("一事多评": 接件, 受理, 办结).
enum class RatingStage : std::uint8_t { Receive = 1, Accept = 2, Release = 3 };

struct RatingRequest {
    std::string caseNumber;
    RatingStage stage = RatingStage::Accept;
};

/// What the applicant chose. Level: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意 (the stars).
struct RatingResult {
    int level = 0;
    std::vector<int> tags; ///< indicator codes of the device's indicator set (PROTOCOLS.md)
};

/// 不满意 and 非常不满意 are bad ratings (差评).
inline bool isBadRating(int level) {
    return level <= 2;
}

class RatingDevice {
public:
    virtual ~RatingDevice() = default;
    /// Shows the prompt for `request` and waits up to `applicantTimeout` for the applicant. Error codes:
    /// rating.timeout (the device does not answer or stopped sending heartbeats), rating.busy,
    /// rating.not_rated (the applicant left without rating), rating.no_answer (`applicantTimeout` passed),
    /// serial.disconnected and serial.io (keypad), websocket.disconnected and websocket.io (networked).
    virtual core::Expected<RatingResult> requestRating(const RatingRequest& request,
                                                       std::chrono::milliseconds applicantTimeout) = 0;
    /// From any thread: takes back the prompt a requestRating is waiting on; that call tells the device to
    /// drop it and returns rating.cancelled within about 100 ms. Nothing happens when no rating is under way.
    virtual void cancel() = 0;
    virtual DeviceState state() const = 0;
    virtual void onStateChange(DeviceStateListener listener) = 0;
    virtual bool waitForState(DeviceState wanted, std::chrono::milliseconds timeout) const = 0;
};

struct RatingKeypadOptions {
    std::string path;
    SerialSettings settings;                          ///< 115200 8N1 unless the keypad says otherwise
    std::chrono::milliseconds answerTimeout{500};     ///< for the acknowledgement of a command
    std::chrono::milliseconds heartbeatTimeout{3500}; ///< the keypad sends one every second
    std::chrono::milliseconds reconnectInterval{500};
    int retries = 2; ///< times a command is sent again after a damaged answer
    DeviceLog log;
};

/// The serial 好差评 keypad.
std::unique_ptr<RatingDevice> openRatingKeypad(RatingKeypadOptions options);

struct RatingWebSocketOptions {
    std::string url;    ///< the device's service, e.g. ws://127.0.0.1:30090/rating
    std::string workNo; ///< staff number (工号) the device logs the ratings under
    std::string window; ///< the window, e.g. "W03"
    std::chrono::milliseconds connectTimeout{1000};
    std::chrono::milliseconds answerTimeout{1000}; ///< for the answer to login and to a rating request
    std::chrono::milliseconds heartbeatInterval{
        1000}; ///< the client sends one this often; the device echoes it
    std::chrono::milliseconds heartbeatTimeout{3500}; ///< silence after which the device counts as gone
    std::chrono::milliseconds reconnectInterval{500};
    DeviceLog log;
};

/// The networked 评价器: WebSocket + JSON, the device being the server (PROTOCOLS.md "Rating device over
/// WebSocket"). Logs in with `workNo` and `window` on every connection.
std::unique_ptr<RatingDevice> openRatingWebSocket(RatingWebSocketOptions options);

/// Commands of the keypad protocol (devices/PROTOCOLS.md "Rating keypad").
namespace rating_protocol {
inline constexpr std::uint8_t status = 0x01, rate = 0x10, cancel = 0x11, resultAck = 0x20; // client → keypad
inline constexpr std::uint8_t heartbeat = 0x80, statusAnswer = 0x81, rateAck = 0x90, cancelAck = 0x91,
                              result = 0xA0,
                              notRated = 0xA1;                        // keypad → client
inline constexpr std::uint8_t accepted = 0, busy = 1, badRequest = 2; // rateAck codes
} // namespace rating_protocol

} // namespace ywtb::devices
