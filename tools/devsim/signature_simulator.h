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

#include "tools/devsim/device_simulator.h"

namespace ywtb::devsim {

std::unique_ptr<DeviceBehaviour> makeSignaturePad();

} // namespace ywtb::devsim
