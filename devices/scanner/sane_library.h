#pragma once
// A thin C++ skin over the SANE C API (sane/sane.h): the same calls, status codes and option
// descriptors, with owned strings instead of pointers into the backend. No scanning logic lives here;
// that is in sane_scanner.cpp, which is tested against SANE's `test` backend and against fakes of these
// two classes. The SANE headers stay inside sane_library.cpp.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ywtb::devices::sane {

/// SANE_Status, one to one, and one of ours: the scanning helper process stopped answering, died or
/// answered nonsense (sane_helper_library.h); it is then gone, and the next open starts a new one.
enum class Status {
    Good,
    Unsupported,
    Cancelled,
    DeviceBusy,
    Invalid,
    EndOfFile,
    Jammed,
    NoDocs,
    CoverOpen,
    IoError,
    NoMemory,
    AccessDenied,
    NotResponding
};
/// SANE's own English words for a status (sane_strstatus); ours for NotResponding.
const char* statusText(Status status);

enum class ValueType { Bool, Int, Fixed, String, Button, Group };
enum class Unit { None, Pixel, Bit, Mm, Dpi, Percent, Microsecond };

struct Range {
    double min = 0;
    double max = 0;
    double quant = 0;
};

/// SANE_Option_Descriptor with its constraint; numbers of Fixed options already unfixed to double.
struct OptionDescriptor {
    int index = 0;
    std::string name;
    std::string title;
    ValueType type = ValueType::Int;
    Unit unit = Unit::None;
    bool settable = false; ///< SANE_OPTION_IS_SETTABLE
    bool active = false;   ///< SANE_OPTION_IS_ACTIVE
    std::vector<std::string> stringList;
    std::vector<double> wordList;
    std::optional<Range> range;
};

/// SANE_Frame, the ones a frontend meets.
enum class Frame { Gray, Rgb, Red, Green, Blue, Other };

/// SANE_Parameters.
struct Parameters {
    Frame format = Frame::Gray;
    bool lastFrame = true;
    int bytesPerLine = 0;
    int pixelsPerLine = 0;
    int lines = 0; ///< -1 when the device does not know (hand scanners)
    int depth = 8;
};

/// SANE_Device.
struct DeviceDescription {
    std::string name;
    std::string vendor;
    std::string model;
    std::string type;
};

/// One open SANE handle; the destructor calls sane_close.
class Device {
public:
    virtual ~Device() = default;
    /// Every option (sane_get_option_descriptor from index 1 on); descriptors change after setting some
    /// options.
    virtual std::vector<OptionDescriptor> options() = 0;
    /// sane_control_option(SANE_ACTION_SET_VALUE) with a string value.
    virtual Status setString(int option, const std::string& value) = 0;
    /// sane_control_option(SANE_ACTION_SET_VALUE) with a number, converted to the option's Bool/Int/Fixed.
    virtual Status setNumber(int option, double value) = 0;
    virtual Status start() = 0;
    virtual Status parameters(Parameters& out) = 0;
    /// sane_read into `buffer`; `length` receives the number of bytes read.
    virtual Status read(std::uint8_t* buffer, int maxLength, int& length) = 0;
    virtual void cancel() = 0;
    /// sane_get_select_fd: a descriptor that turns readable when sane_read has data; -1 when the device
    /// offers none.
    virtual int selectFd() = 0;
    /// From any thread: a call being waited for should give up soon (the counter cancels). The helper
    /// process's device then kills a helper that does not answer within its grace; libsane itself has no
    /// such call, so the in-process device does nothing.
    virtual void interrupt() {}
};

/// sane_init … sane_exit: devices to list and to open.
class Library {
public:
    virtual ~Library() = default;
    virtual Status devices(std::vector<DeviceDescription>& out) = 0;
    virtual Status open(const std::string& name, std::unique_ptr<Device>& out) = 0;
};

/// The process's libsane: sane_init on first use, sane_exit when the last user lets go.
/// SANE reads SANE_CONFIG_DIR at the first sane_init of the process.
std::shared_ptr<Library> systemLibrary();

} // namespace ywtb::devices::sane
