#pragma once
// A 好差评 rating keypad speaking the keypad protocol of devices/PROTOCOLS.md.
//
// Script commands:  press LEVEL [TAG...]  the applicant presses a level (1–5) and indicator tags; before
//                                         any prompt it waits for the next one
//                   leave                 the applicant walks away without rating (the same way)
//                   heartbeat MS          heartbeat interval (1000; 0: none)

#include "devices/rating/rating_device.h"
#include "tools/devsim/device_simulator.h"
#include "tools/devsim/ws_simulator.h"

namespace ywtb::devsim {

std::unique_ptr<DeviceBehaviour> makeRatingKeypad();

/// The networked 评价器 speaking the WebSocket protocol of devices/PROTOCOLS.md, on the path /rating; the
/// same script commands (heartbeat aside: the client sends those, the device echoes them).
std::unique_ptr<MessageBehaviour> makeRatingWebSocketDevice();

/// "press LEVEL [TAG...]": the level and the tags, 0–255 each (a level outside 1–5 is for testing drivers).
core::Expected<devices::RatingResult> parsePress(const Words& words);

} // namespace ywtb::devsim
