#pragma once
// A second-generation ID-card reader speaking the public SAM protocol, with a small set of demo cards.
//
// Script commands:  present KEY   (a demo card: zhang, li, wang, badcheck — the last fails GB 11643)
//                   remove        (no card on the reader)
//                   unauthorised  (the SAM module answers 66 "not authorised" from now on)

#include "tools/devsim/device_simulator.h"

#include <string>
#include <vector>

namespace ywtb::devsim {

/// The printed fields of a card, as the simulator puts them into the 256-byte text block.
struct DemoCard {
    std::string key;
    std::string name;
    std::string sexCode;    ///< "1" male, "2" female
    std::string nationCode; ///< "01" 汉
    std::string birth;      ///< YYYYMMDD
    std::string address;
    std::string idNumber;
    std::string authority;
    std::string validFrom; ///< YYYYMMDD
    std::string validTo;   ///< YYYYMMDD or 长期
};

/// The demo cards (fictitious people; numbers with correct check digits except "badcheck").
const std::vector<DemoCard>& demoCards();
/// The 256-byte UCS-2LE text block for `card`.
Bytes encodeCardText(const DemoCard& card);
/// The 1024-byte stand-in for the WLT photo: a recognisable pattern, not a real WLT image.
Bytes demoPhoto();

std::unique_ptr<DeviceBehaviour> makeIdCardReader();

} // namespace ywtb::devsim
