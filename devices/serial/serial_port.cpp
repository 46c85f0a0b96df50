#include "devices/serial/serial_port.h"

#include "devices/serial/backends.h"

#include <filesystem>
#include <system_error>

namespace ywtb::devices {

using core::Error;
using core::Message;

core::Error serialDisconnected(const std::string& path) {
    return Error{"serial.disconnected", Message(N_("the device is disconnected")), path,
                 Message(N_("check the cable; the device is used again as soon as it is plugged back in"))};
}

namespace backend {
core::Error cannotOpen(const std::string& path, const std::string& detail) {
    return Error{
        "serial.open", Message(N_("cannot open the serial port: {detail}"), {{"detail", detail}}), path,
        Message(N_("check that the device is plugged in, that the port in the configuration is right, "
                   "and that this user may use it (group dialout)"))};
}
} // namespace backend

core::Expected<std::unique_ptr<SerialPort>> openSerialPort(const std::string& path,
                                                           const SerialSettings& settings) {
    // Stable names such as /dev/serial/by-id/… are links; libserialport only knows the /dev/ttyXXX they point
    // at. (Windows port names, COM3 or \\.\COM10, are not files and are not resolved.)
#ifdef _WIN32
    const std::string device = path;
#else
    std::error_code ec;
    const std::string device = std::filesystem::canonical(path, ec).string();
    if (ec)
        return backend::cannotOpen(path, ec.message());
#endif
    if (device.rfind("/dev/pts/", 0) == 0)
        return backend::openTerminalPort(path, device, settings);
    return backend::openLibSerialPort(path, device, settings);
}

} // namespace ywtb::devices
