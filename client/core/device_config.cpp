#include "core/device_config.h"

#include "core/json_reader.h"
#include "core/message.h"

#include <regex>

namespace ywtb::core {

bool isWebSocketAddress(const std::string& address) { return address.rfind("ws://", 0) == 0 || address.rfind("wss://", 0) == 0; }

Expected<Done> checkDeviceAddress(const std::string& address, const std::string& device) {
    static const std::regex com("COM[0-9]{1,3}");
    static const std::regex ws("wss?://[A-Za-z0-9.\\-\\[\\]:]+(:[0-9]{1,5})?(/[^\\s]*)?");
    if ((address.size() > 1 && address[0] == '/') || std::regex_match(address, com) || std::regex_match(address, ws))
        return Done{};
    return Error{"devices.address", Message(N_("\"{address}\" is neither a serial port nor a ws:// address"), {{"address", address}}), device,
                 Message(N_("write a port such as /dev/ttyUSB0, /dev/serial/by-id/…, COM3, or an address such as ws://127.0.0.1:30089/"))};
}

DeviceConfigResult parseDeviceConfig(std::string_view text, const std::string& file) {
    DeviceConfigResult result;
    JsonProblems problems(file);
    auto opened = openDataFile(text, problems, {"ywtb-devices", 1, "devices", N_("the counter's device settings (forms/devices.json)")});
    if (!opened) {
        result.errors = problems.errors();
        return result;
    }
    auto& top = *opened;
    auto read = [&](const char* key, std::string& into) {
        into = top.text(key, Presence::Optional);
        if (into.empty())
            return;
        if (auto checked = checkDeviceAddress(into, key); !checked)
            top.problem(key, "devices.address", checked.error().what, checked.error().fix);
    };
    read("idcard", result.addresses.idcard);
    read("rating", result.addresses.rating);
    read("signature", result.addresses.signature);
    top.finish();
    result.errors = problems.errors();
    return result;
}

} // namespace ywtb::core
