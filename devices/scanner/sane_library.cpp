// The real Library and Device: nothing but calls into libsane and the copying of its answers.

#include "devices/scanner/sane_library.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>
#include <sane/sane.h>

namespace ywtb::devices::sane {
namespace {

// sane_init, sane_exit, sane_get_devices, sane_open and sane_close touch the dll backend's global lists.
std::mutex& globalCalls() {
    static std::mutex m;
    return m;
}

Status statusOf(SANE_Status status) {
    switch (status) {
    case SANE_STATUS_GOOD:
        return Status::Good;
    case SANE_STATUS_UNSUPPORTED:
        return Status::Unsupported;
    case SANE_STATUS_CANCELLED:
        return Status::Cancelled;
    case SANE_STATUS_DEVICE_BUSY:
        return Status::DeviceBusy;
    case SANE_STATUS_INVAL:
        return Status::Invalid;
    case SANE_STATUS_EOF:
        return Status::EndOfFile;
    case SANE_STATUS_JAMMED:
        return Status::Jammed;
    case SANE_STATUS_NO_DOCS:
        return Status::NoDocs;
    case SANE_STATUS_COVER_OPEN:
        return Status::CoverOpen;
    case SANE_STATUS_IO_ERROR:
        return Status::IoError;
    case SANE_STATUS_NO_MEM:
        return Status::NoMemory;
    case SANE_STATUS_ACCESS_DENIED:
        return Status::AccessDenied;
    }
    return Status::IoError;
}

// SANE_FIX / SANE_UNFIX without their C casts.
SANE_Word toFixed(double value) {
    return static_cast<SANE_Word>(std::lround(value * (1 << SANE_FIXED_SCALE_SHIFT)));
}
double fromFixed(SANE_Word word) {
    return static_cast<double>(word) / (1 << SANE_FIXED_SCALE_SHIFT);
}

ValueType typeOf(SANE_Value_Type type) {
    switch (type) {
    case SANE_TYPE_BOOL:
        return ValueType::Bool;
    case SANE_TYPE_INT:
        return ValueType::Int;
    case SANE_TYPE_FIXED:
        return ValueType::Fixed;
    case SANE_TYPE_STRING:
        return ValueType::String;
    case SANE_TYPE_BUTTON:
        return ValueType::Button;
    case SANE_TYPE_GROUP:
        return ValueType::Group;
    }
    return ValueType::Group;
}

Unit unitOf(SANE_Unit unit) {
    switch (unit) {
    case SANE_UNIT_NONE:
        return Unit::None;
    case SANE_UNIT_PIXEL:
        return Unit::Pixel;
    case SANE_UNIT_BIT:
        return Unit::Bit;
    case SANE_UNIT_MM:
        return Unit::Mm;
    case SANE_UNIT_DPI:
        return Unit::Dpi;
    case SANE_UNIT_PERCENT:
        return Unit::Percent;
    case SANE_UNIT_MICROSECOND:
        return Unit::Microsecond;
    }
    return Unit::None;
}

Frame frameOf(SANE_Frame frame) {
    switch (frame) {
    case SANE_FRAME_GRAY:
        return Frame::Gray;
    case SANE_FRAME_RGB:
        return Frame::Rgb;
    case SANE_FRAME_RED:
        return Frame::Red;
    case SANE_FRAME_GREEN:
        return Frame::Green;
    case SANE_FRAME_BLUE:
        return Frame::Blue;
    }
    return Frame::Other;
}

class SaneLibrary;

class SaneDevice : public Device {
public:
    SaneDevice(std::shared_ptr<SaneLibrary> library, SANE_Handle handle)
        : m_library(std::move(library)), m_handle(handle) {}
    ~SaneDevice() override {
        std::lock_guard lock(globalCalls());
        sane_close(m_handle);
    }
    SaneDevice(const SaneDevice&) = delete;
    SaneDevice& operator=(const SaneDevice&) = delete;

    std::vector<OptionDescriptor> options() override {
        std::vector<OptionDescriptor> out;
        // Option 0 is the number of options (SANE standard 4.3.4).
        SANE_Int count = 0;
        if (sane_control_option(m_handle, 0, SANE_ACTION_GET_VALUE, &count, nullptr) != SANE_STATUS_GOOD)
            return out;
        for (SANE_Int i = 1; i < count; ++i) {
            const SANE_Option_Descriptor* d = sane_get_option_descriptor(m_handle, i);
            if (!d)
                continue;
            OptionDescriptor o;
            o.index = i;
            o.name = d->name ? d->name : "";
            o.title = d->title ? d->title : "";
            o.type = typeOf(d->type);
            o.unit = unitOf(d->unit);
            o.settable = SANE_OPTION_IS_SETTABLE(d->cap);
            o.active = SANE_OPTION_IS_ACTIVE(d->cap);
            const bool fixed = d->type == SANE_TYPE_FIXED;
            auto number = [fixed](SANE_Word w) { return fixed ? fromFixed(w) : static_cast<double>(w); };
            switch (d->constraint_type) {
            case SANE_CONSTRAINT_RANGE:
                o.range = Range{number(d->constraint.range->min), number(d->constraint.range->max),
                                number(d->constraint.range->quant)};
                break;
            case SANE_CONSTRAINT_WORD_LIST:
                for (SANE_Int k = 1; k <= d->constraint.word_list[0]; ++k)
                    o.wordList.push_back(number(d->constraint.word_list[k]));
                break;
            case SANE_CONSTRAINT_STRING_LIST:
                for (const SANE_String_Const* s = d->constraint.string_list; *s; ++s)
                    o.stringList.emplace_back(*s);
                break;
            case SANE_CONSTRAINT_NONE:
                break;
            }
            m_sizes.resize(static_cast<std::size_t>(count));
            m_sizes[static_cast<std::size_t>(i)] = d->size;
            out.push_back(std::move(o));
        }
        return out;
    }

    Status setString(int option, const std::string& value) override {
        // The backend may write the value back into the buffer, so give it the option's full size.
        std::vector<char> buffer(std::max<std::size_t>(sizeOf(option), value.size() + 1), '\0');
        std::memcpy(buffer.data(), value.data(), value.size());
        return statusOf(sane_control_option(m_handle, option, SANE_ACTION_SET_VALUE, buffer.data(), nullptr));
    }

    Status setNumber(int option, double value) override {
        const SANE_Option_Descriptor* d = sane_get_option_descriptor(m_handle, option);
        if (!d)
            return Status::Invalid;
        SANE_Word word =
            d->type == SANE_TYPE_FIXED ? toFixed(value) : static_cast<SANE_Word>(std::lround(value));
        // An array option (e.g. a gamma table) takes the value in every element.
        std::vector<SANE_Word> words(
            std::max<std::size_t>(1, static_cast<std::size_t>(d->size) / sizeof(SANE_Word)), word);
        return statusOf(sane_control_option(m_handle, option, SANE_ACTION_SET_VALUE, words.data(), nullptr));
    }

    Status start() override { return statusOf(sane_start(m_handle)); }

    Status parameters(Parameters& out) override {
        SANE_Parameters p{};
        const auto status = statusOf(sane_get_parameters(m_handle, &p));
        out = Parameters{frameOf(p.format), p.last_frame != 0, p.bytes_per_line,
                         p.pixels_per_line, p.lines,           p.depth};
        return status;
    }

    Status read(std::uint8_t* buffer, int maxLength, int& length) override {
        SANE_Int got = 0;
        const auto status = statusOf(sane_read(m_handle, buffer, maxLength, &got));
        length = got;
        return status;
    }

    void cancel() override { sane_cancel(m_handle); }

    int selectFd() override {
        SANE_Int fd = -1;
        return sane_get_select_fd(m_handle, &fd) == SANE_STATUS_GOOD ? fd : -1;
    }

private:
    std::size_t sizeOf(int option) {
        if (option >= 0 && static_cast<std::size_t>(option) < m_sizes.size() &&
            m_sizes[static_cast<std::size_t>(option)] > 0)
            return static_cast<std::size_t>(m_sizes[static_cast<std::size_t>(option)]);
        const SANE_Option_Descriptor* d = sane_get_option_descriptor(m_handle, option);
        return d && d->size > 0 ? static_cast<std::size_t>(d->size) : 0;
    }

    std::shared_ptr<SaneLibrary> m_library; // keeps sane_exit away while the handle is open
    SANE_Handle m_handle;
    std::vector<SANE_Int> m_sizes;
};

class SaneLibrary : public Library, public std::enable_shared_from_this<SaneLibrary> {
public:
    SaneLibrary() {
        std::lock_guard lock(globalCalls());
        SANE_Int version = 0;
        m_status = statusOf(sane_init(&version, nullptr));
    }
    ~SaneLibrary() override {
        std::lock_guard lock(globalCalls());
        if (m_status == Status::Good)
            sane_exit();
    }
    SaneLibrary(const SaneLibrary&) = delete;
    SaneLibrary& operator=(const SaneLibrary&) = delete;

    Status devices(std::vector<DeviceDescription>& out) override {
        if (m_status != Status::Good)
            return m_status;
        std::lock_guard lock(globalCalls());
        const SANE_Device** list = nullptr;
        const auto status = statusOf(sane_get_devices(&list, SANE_FALSE));
        out.clear();
        for (; status == Status::Good && list && *list; ++list) {
            const SANE_Device* d = *list;
            out.push_back({d->name ? d->name : "", d->vendor ? d->vendor : "", d->model ? d->model : "",
                           d->type ? d->type : ""});
        }
        return status;
    }

    Status open(const std::string& name, std::unique_ptr<Device>& out) override {
        if (m_status != Status::Good)
            return m_status;
        SANE_Handle handle = nullptr;
        Status status;
        {
            std::lock_guard lock(globalCalls());
            status = statusOf(sane_open(name.c_str(), &handle));
        }
        if (status == Status::Good)
            out = std::make_unique<SaneDevice>(shared_from_this(), handle);
        return status;
    }

private:
    Status m_status = Status::Good;
};

} // namespace

const char* statusText(Status status) {
    switch (status) {
    case Status::Good:
        return sane_strstatus(SANE_STATUS_GOOD);
    case Status::Unsupported:
        return sane_strstatus(SANE_STATUS_UNSUPPORTED);
    case Status::Cancelled:
        return sane_strstatus(SANE_STATUS_CANCELLED);
    case Status::DeviceBusy:
        return sane_strstatus(SANE_STATUS_DEVICE_BUSY);
    case Status::Invalid:
        return sane_strstatus(SANE_STATUS_INVAL);
    case Status::EndOfFile:
        return sane_strstatus(SANE_STATUS_EOF);
    case Status::Jammed:
        return sane_strstatus(SANE_STATUS_JAMMED);
    case Status::NoDocs:
        return sane_strstatus(SANE_STATUS_NO_DOCS);
    case Status::CoverOpen:
        return sane_strstatus(SANE_STATUS_COVER_OPEN);
    case Status::IoError:
        return sane_strstatus(SANE_STATUS_IO_ERROR);
    case Status::NoMemory:
        return sane_strstatus(SANE_STATUS_NO_MEM);
    case Status::AccessDenied:
        return sane_strstatus(SANE_STATUS_ACCESS_DENIED);
    case Status::NotResponding:
        return "Scanner stopped answering";
    }
    return "";
}

std::shared_ptr<Library> systemLibrary() {
    // One sane_init per process at a time; sane_exit when the last Scanner and Device let go.
    static std::mutex guard;
    static std::weak_ptr<SaneLibrary> current;
    std::lock_guard lock(guard);
    if (auto existing = current.lock())
        return existing;
    auto library = std::make_shared<SaneLibrary>();
    current = library;
    return library;
}

} // namespace ywtb::devices::sane
