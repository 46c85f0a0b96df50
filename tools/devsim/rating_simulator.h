#pragma once
// A 好差评 rating keypad speaking the keypad protocol of devices/PROTOCOLS.md.
//
// Script commands:  press LEVEL [TAG...]  the applicant presses a level (1–5) and indicator tags; before
//                                         any prompt it waits for the next one
//                   leave                 the applicant walks away without rating (the same way)
//                   heartbeat MS          heartbeat interval (1000; 0: none)

#include "tools/devsim/device_simulator.h"

namespace ywtb::devsim {

std::unique_ptr<DeviceBehaviour> makeRatingKeypad();

} // namespace ywtb::devsim
