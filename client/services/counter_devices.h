#pragma once
// The applicant-facing devices of this counter PC, opened from their addresses (forms/devices.json or the
// command line, core/device_config.h): the ID-card reader, the 好差评 device and the signature pad, each by
// the driver its address calls for (serial port, or ws:// for the networked kinds).

#include "core/case.h"
#include "core/device_config.h"
#include "core/error.h"
#include "devices/device_status.h"
#include "devices/idcard/id_card.h"
#include "devices/idcard/idcard_reader.h"
#include "devices/rating/rating_device.h"
#include "devices/signature/signature_pad.h"

#include <filesystem>
#include <memory>

namespace ywtb::services {

/// The error for a device this counter has none of; `option` is the command-line option that gives one.
core::Error deviceNotConfigured(const char* device, const char* option);
/// forms/devices.json of `formsDir`; every address empty when the file is not there.
core::Expected<core::DeviceAddresses> loadDeviceAddresses(const std::filesystem::path& formsDir);

core::Expected<std::unique_ptr<devices::IdCardReader>> openIdCardReader(const std::string& address,
                                                                        devices::DeviceLog log);
core::Expected<std::unique_ptr<devices::RatingDevice>> openRatingDevice(const std::string& address,
                                                                        const std::string& staff,
                                                                        const std::string& window,
                                                                        devices::DeviceLog log);
core::Expected<std::unique_ptr<devices::SignaturePad>> openSignaturePad(const std::string& address,
                                                                        devices::DeviceLog log);

/// The applicant as the card gives it: a person with name, ID number and the card's address.
core::Applicant applicantFromCard(const devices::IdCard& card);

} // namespace ywtb::services
