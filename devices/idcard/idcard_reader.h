#pragma once
// The ID-card reader driver: find → select → read over the public SAM protocol (devices/PROTOCOLS.md),
// on a serial link that reconnects by itself.

#include "core/civil_date.h"
#include "core/error.h"
#include "devices/device_status.h"
#include "devices/idcard/id_card.h"
#include "devices/serial/serial_link.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace ywtb::devices {

struct IdCardReaderOptions {
    std::string path;                              ///< serial port of the reader
    SerialSettings settings;                       ///< 115200 8N1, as readers ship
    std::chrono::milliseconds answerTimeout{1500}; ///< per command; reading a card takes up to about 1 s
    std::chrono::milliseconds reconnectInterval{500};
    int retries = 2;                        ///< times a command is sent again after a damaged answer
    DeviceLog log;                          ///< dropped frames, timeouts; personal data masked
    std::function<core::CivilDate()> today; ///< empty: the system clock (bounds the birth date)
};

class IdCardReader {
public:
    explicit IdCardReader(IdCardReaderOptions options);

    /// Reads the card on the reader. Error codes: idcard.no_card, idcard.timeout, idcard.not_authorised,
    /// idcard.status, idcard.answer, serial.disconnected, serial.io, idcard.text and id.* (a card whose
    /// data does not hold together).
    core::Expected<IdCard> readCard();

    DeviceState state() const { return m_link->state(); }
    void onStateChange(DeviceStateListener listener) { m_link->onStateChange(std::move(listener)); }
    bool waitForState(DeviceState wanted, std::chrono::milliseconds timeout) const {
        return m_link->waitForState(wanted, timeout);
    }

private:
    IdCardReaderOptions m_options;
    std::unique_ptr<SerialLink> m_link;
};

} // namespace ywtb::devices
