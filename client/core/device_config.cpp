#include "core/device_config.h"

#include "core/json_reader.h"
#include "core/message.h"

#include <algorithm>
#include <string_view>

namespace ywtb::core {

bool isWebSocketAddress(const std::string& address) {
    return address.rfind("ws://", 0) == 0 || address.rfind("wss://", 0) == 0;
}

namespace {

bool isComPort(std::string_view text) {
    if (text.size() < 4 || text.size() > 6 || text.substr(0, 3) != "COM")
        return false;
    return std::all_of(text.begin() + 3, text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// ws:// or wss://, a host (letters, digits, '.', '-', an [IPv6] address) with an optional :port, then an
/// optional path without spaces.
bool isWebSocketUrl(std::string_view text) {
    const auto scheme = text.find("://");
    if (scheme == std::string_view::npos ||
        (text.substr(0, scheme) != "ws" && text.substr(0, scheme) != "wss"))
        return false;
    const auto rest = text.substr(scheme + 3);
    const auto slash = rest.find('/');
    const auto host = rest.substr(0, slash);
    if (host.empty())
        return false;
    const auto hostChar = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
               c == '-' || c == '[' || c == ']' || c == ':';
    };
    if (!std::all_of(host.begin(), host.end(), hostChar))
        return false;
    const auto path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    return std::none_of(path.begin(), path.end(),
                        [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

} // namespace

Expected<Done> checkDeviceAddress(const std::string& address, const std::string& device) {
    if ((address.size() > 1 && address[0] == '/') || isComPort(address) || isWebSocketUrl(address))
        return Done{};
    return Error{
        "devices.address",
        Message(N_("\"{address}\" is neither a serial port nor a ws:// address"), {{"address", address}}),
        device,
        Message(N_("write a port such as /dev/ttyUSB0, /dev/serial/by-id/…, COM3, or an address such as "
                   "ws://127.0.0.1:30089/"))};
}

DeviceConfigResult parseDeviceConfig(std::string_view text, const std::string& file) {
    DeviceConfigResult result;
    JsonProblems problems(file);
    auto opened = openDataFile(
        text, problems,
        {"ywtb-devices", 1, "devices", N_("the counter's device settings (forms/devices.json)")});
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
    // A SANE device name, not an address: whatever SANE calls it (checked when the scanner is opened).
    result.addresses.scanner = top.text("scanner", Presence::Optional);
    top.finish();
    result.errors = problems.errors();
    return result;
}

} // namespace ywtb::core
