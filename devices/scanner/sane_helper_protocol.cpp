#include "devices/scanner/sane_helper_protocol.h"

#include <bit>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>

namespace ywtb::devices::sane::helper {
namespace {

static_assert(std::endian::native == std::endian::little, "the frames are written in the machine's order");

constexpr std::uint32_t kMaxString = 64 * 1024;
constexpr std::uint32_t kMaxList = 4096;

} // namespace

Writer& Writer::u8(std::uint8_t v) {
    m_bytes.push_back(v);
    return *this;
}

Writer& Writer::i32(std::int32_t v) {
    return u32(static_cast<std::uint32_t>(v));
}

Writer& Writer::u32(std::uint32_t v) {
    const auto at = m_bytes.size();
    m_bytes.resize(at + sizeof v);
    std::memcpy(m_bytes.data() + at, &v, sizeof v);
    return *this;
}

Writer& Writer::f64(double v) {
    const auto at = m_bytes.size();
    m_bytes.resize(at + sizeof v);
    std::memcpy(m_bytes.data() + at, &v, sizeof v);
    return *this;
}

Writer& Writer::str(const std::string& v) {
    u32(static_cast<std::uint32_t>(v.size()));
    m_bytes.insert(m_bytes.end(), v.begin(), v.end());
    return *this;
}

const std::vector<std::uint8_t>& Writer::frame() {
    const auto length = static_cast<std::uint32_t>(m_bytes.size() - 4);
    std::memcpy(m_bytes.data(), &length, sizeof length);
    return m_bytes;
}

bool Reader::take(void* out, std::size_t n) {
    if (m_pos > m_size || m_size - m_pos < n) {
        m_pos = m_size + 1; // every later read fails too
        return false;
    }
    std::memcpy(out, m_data + m_pos, n);
    m_pos += n;
    return true;
}

bool Reader::u8(std::uint8_t& v) {
    return take(&v, sizeof v);
}

bool Reader::i32(std::int32_t& v) {
    return take(&v, sizeof v);
}

bool Reader::u32(std::uint32_t& v) {
    return take(&v, sizeof v);
}

bool Reader::f64(double& v) {
    return take(&v, sizeof v);
}

bool Reader::str(std::string& v) {
    std::uint32_t n = 0;
    if (!u32(n) || n > kMaxString)
        return false;
    v.resize(n);
    return take(v.data(), n);
}

bool Reader::flag(bool& v) {
    std::uint8_t b = 0;
    if (!u8(b) || b > 1)
        return false;
    v = b == 1;
    return true;
}

bool Reader::status(Status& v) {
    std::int32_t n = 0;
    if (!i32(n) || n < static_cast<std::int32_t>(Status::Good) ||
        n > static_cast<std::int32_t>(Status::NotResponding))
        return false;
    v = static_cast<Status>(n);
    return true;
}

namespace {

void write(Writer& w, const DeviceDescription& d) {
    w.str(d.name).str(d.vendor).str(d.model).str(d.type);
}

bool read(Reader& r, DeviceDescription& d) {
    return r.str(d.name) && r.str(d.vendor) && r.str(d.model) && r.str(d.type);
}

void write(Writer& w, const OptionDescriptor& o) {
    w.i32(o.index).str(o.name).str(o.title);
    w.u8(static_cast<std::uint8_t>(o.type)).u8(static_cast<std::uint8_t>(o.unit));
    w.u8(o.settable ? 1 : 0).u8(o.active ? 1 : 0);
    w.u32(static_cast<std::uint32_t>(o.stringList.size()));
    for (const auto& s : o.stringList)
        w.str(s);
    w.u32(static_cast<std::uint32_t>(o.wordList.size()));
    for (double v : o.wordList)
        w.f64(v);
    w.u8(o.range ? 1 : 0);
    if (o.range)
        w.f64(o.range->min).f64(o.range->max).f64(o.range->quant);
}

bool read(Reader& r, OptionDescriptor& o) {
    std::int32_t index = 0;
    std::uint8_t type = 0, unit = 0;
    bool hasRange = false;
    std::uint32_t strings = 0, words = 0;
    if (!r.i32(index) || !r.str(o.name) || !r.str(o.title) || !r.u8(type) || !r.u8(unit) ||
        !r.flag(o.settable) || !r.flag(o.active) || type > static_cast<std::uint8_t>(ValueType::Group) ||
        unit > static_cast<std::uint8_t>(Unit::Microsecond))
        return false;
    o.index = index;
    o.type = static_cast<ValueType>(type);
    o.unit = static_cast<Unit>(unit);
    if (!r.u32(strings) || strings > kMaxList)
        return false;
    o.stringList.resize(strings);
    for (auto& s : o.stringList)
        if (!r.str(s))
            return false;
    if (!r.u32(words) || words > kMaxList)
        return false;
    o.wordList.resize(words);
    for (auto& v : o.wordList)
        if (!r.f64(v))
            return false;
    if (!r.flag(hasRange))
        return false;
    if (hasRange) {
        Range range;
        if (!r.f64(range.min) || !r.f64(range.max) || !r.f64(range.quant))
            return false;
        o.range = range;
    }
    return true;
}

void write(Writer& w, const Parameters& p) {
    w.u8(static_cast<std::uint8_t>(p.format)).u8(p.lastFrame ? 1 : 0);
    w.i32(p.bytesPerLine).i32(p.pixelsPerLine).i32(p.lines).i32(p.depth);
}

bool read(Reader& r, Parameters& p) {
    std::uint8_t format = 0;
    if (!r.u8(format) || format > static_cast<std::uint8_t>(Frame::Other) || !r.flag(p.lastFrame))
        return false;
    p.format = static_cast<Frame>(format);
    std::int32_t bpl = 0, ppl = 0, lines = 0, depth = 0;
    if (!r.i32(bpl) || !r.i32(ppl) || !r.i32(lines) || !r.i32(depth))
        return false;
    p.bytesPerLine = bpl;
    p.pixelsPerLine = ppl;
    p.lines = lines;
    p.depth = depth;
    return true;
}

} // namespace

void writeStatusAnswer(Writer& w, Status status) {
    w.status(status);
}

bool readStatusAnswer(Reader& r, Status& status) {
    return r.status(status) && r.atEnd();
}

void writeDevicesAnswer(Writer& w, Status status, const std::vector<DeviceDescription>& devices) {
    w.status(status).u32(static_cast<std::uint32_t>(devices.size()));
    for (const auto& d : devices)
        write(w, d);
}

bool readDevicesAnswer(Reader& r, Status& status, std::vector<DeviceDescription>& devices) {
    std::uint32_t count = 0;
    if (!r.status(status) || !r.u32(count) || count > kMaxList)
        return false;
    devices.resize(count);
    for (auto& d : devices)
        if (!read(r, d))
            return false;
    return r.atEnd();
}

void writeOptionsAnswer(Writer& w, const std::vector<OptionDescriptor>& options) {
    w.u32(static_cast<std::uint32_t>(options.size()));
    for (const auto& o : options)
        write(w, o);
}

bool readOptionsAnswer(Reader& r, std::vector<OptionDescriptor>& options) {
    std::uint32_t count = 0;
    if (!r.u32(count) || count > kMaxList)
        return false;
    options.resize(count);
    for (auto& o : options)
        if (!read(r, o))
            return false;
    return r.atEnd();
}

void writeParametersAnswer(Writer& w, Status status, const Parameters& p) {
    w.status(status);
    write(w, p);
}

bool readParametersAnswer(Reader& r, Status& status, Parameters& p) {
    return r.status(status) && read(r, p) && r.atEnd();
}

void writeReadAnswer(Writer& w, Status status, std::uint32_t count) {
    w.status(status).u32(count);
}

bool readReadAnswer(Reader& r, Status& status, std::uint32_t& count, std::uint32_t maxLength) {
    return r.status(status) && r.u32(count) && count <= maxLength && r.atEnd();
}

bool sendAll(int fd, const std::uint8_t* bytes, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::send(fd, bytes, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        bytes += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool receiveAll(int fd, std::uint8_t* bytes, std::size_t size,
                const std::function<Clock::time_point()>& deadline) {
    while (size > 0) {
        if (deadline) {
            const auto left = deadline() - Clock::now();
            if (left <= Clock::duration::zero())
                return false;
            const auto slice = std::min<Clock::duration>(left, std::chrono::milliseconds(100));
            pollfd readable{fd, POLLIN, 0};
            const int ready = ::poll(
                &readable, 1, static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(slice).count()));
            if (ready < 0 && errno != EINTR)
                return false;
            if (ready <= 0)
                continue;
        }
        const ssize_t n = ::recv(fd, bytes, size, 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return false;
        bytes += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace ywtb::devices::sane::helper
