#include "services/counter_devices.h"

#include "core/message.h"
#include "services/text_file.h"

namespace ywtb::services {

using core::Error;
using core::Message;

namespace {

core::Expected<core::Done> usable(const std::string& address, const char* device, const char* option) {
    if (address.empty())
        return deviceNotConfigured(device, option);
    return core::checkDeviceAddress(address, device);
}

Error serialOnly(const std::string& address, const char* device) {
    return Error{"devices.kind",
                 Message(N_("the {device} is a serial device; \"{address}\" is a WebSocket address"),
                         {{"device", device}, {"address", address}}),
                 address, Message(N_("give the serial port of the reader, e.g. /dev/ttyUSB0"))};
}

} // namespace

Error deviceNotConfigured(const char* device, const char* option) {
    return Error{
        "devices.not_configured",
        Message(N_("no {device} is configured for this counter"), {{"device", device}}), "forms/devices.json",
        Message(N_("give its port in forms/devices.json, or with {option} PORT"), {{"option", option}})};
}

core::Expected<core::DeviceAddresses> loadDeviceAddresses(const std::filesystem::path& formsDir) {
    const auto file = formsDir / "devices.json";
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return core::DeviceAddresses{};
    auto text = readTextFile(file);
    if (!text)
        return text.error();
    auto parsed = core::parseDeviceConfig(*text, file.string());
    if (!parsed.ok())
        return parsed.errors.front();
    return parsed.addresses;
}

core::Expected<std::unique_ptr<devices::IdCardReader>> openIdCardReader(const std::string& address,
                                                                        devices::DeviceLog log) {
    if (auto ok = usable(address, "ID-card reader", "--idcard"); !ok)
        return ok.error();
    if (core::isWebSocketAddress(address))
        return serialOnly(address, "ID-card reader");
    devices::IdCardReaderOptions options;
    options.path = address;
    options.log = std::move(log);
    return std::make_unique<devices::IdCardReader>(std::move(options));
}

core::Expected<std::unique_ptr<devices::RatingDevice>> openRatingDevice(const std::string& address,
                                                                        const std::string& staff,
                                                                        const std::string& window,
                                                                        devices::DeviceLog log) {
    if (auto ok = usable(address, "rating device", "--rating"); !ok)
        return ok.error();
    if (core::isWebSocketAddress(address)) {
        devices::RatingWebSocketOptions options;
        options.url = address;
        options.workNo = staff;
        options.window = window;
        options.log = std::move(log);
        return devices::openRatingWebSocket(std::move(options));
    }
    devices::RatingKeypadOptions options;
    options.path = address;
    options.log = std::move(log);
    return devices::openRatingKeypad(std::move(options));
}

core::Expected<std::unique_ptr<devices::SignaturePad>> openSignaturePad(const std::string& address,
                                                                        devices::DeviceLog log) {
    if (auto ok = usable(address, "signature pad", "--signature"); !ok)
        return ok.error();
    if (core::isWebSocketAddress(address)) {
        devices::SignatureWebSocketOptions options;
        options.url = address;
        options.log = std::move(log);
        return devices::openSignatureWebSocket(std::move(options));
    }
    devices::SignaturePadOptions options;
    options.path = address;
    options.log = std::move(log);
    return devices::openSerialSignaturePad(std::move(options));
}

core::Applicant applicantFromCard(const devices::IdCard& card) {
    core::Applicant applicant;
    applicant.kind = core::ApplicantKind::Person;
    applicant.name = card.name;
    applicant.idNumber = card.idNumber.number;
    applicant.address = card.address;
    return applicant;
}

} // namespace ywtb::services
