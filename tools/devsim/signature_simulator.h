#pragma once
// A signature pad speaking the stroke protocol of devices/PROTOCOLS.md; its drawing area is
// 2000 × 800 with pressure up to 1023.
//
// Script commands:  sign X,Y,P X,Y,P … [| X,Y,P …]   strokes (pen down at the first point, up at the last),
//                                                    10 ms apart; before a prompt they wait for it
//                   sign-demo                        a short demo signature
//                   confirm                          the applicant presses 确认 (the same way)
//                   erase                            the applicant presses 重写: strokes so far are void
//                   heartbeat MS                     heartbeat interval (1000; 0: none)

#include "devices/signature/signature_pad.h"
#include "tools/devsim/device_simulator.h"
#include "tools/devsim/ws_simulator.h"

namespace ywtb::devsim {

std::unique_ptr<DeviceBehaviour> makeSignaturePad();

/// The 签批屏 local WebSocket service of devices/PROTOCOLS.md, on the path /signature, with the same
/// drawing area and script commands (heartbeat aside: the client sends those, the service echoes them).
std::unique_ptr<MessageBehaviour> makeSignatureWebSocketService();

/// The strokes of "sign X,Y,P X,Y,P … [| X,Y,P …]" (times left 0: the simulators number the samples).
core::Expected<std::vector<devices::Stroke>> parseStrokes(const Words& words);
/// The strokes of "sign-demo".
std::vector<devices::Stroke> demoStrokes();

} // namespace ywtb::devsim
