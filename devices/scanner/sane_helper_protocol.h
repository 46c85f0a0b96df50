#pragma once
// The words spoken between the counter and `ywtb-scan-helper`, the small process that holds libsane
// (docs/scanning.md, "SANE in its own process"). Each call of sane_library.h becomes one request and one
// answer over a Unix socket: a frame is a 4-byte little-endian length and that many bytes, the first of a
// request naming the call. Both sides read what the other wrote as untrusted: every read is bounds-checked
// and a frame that does not parse ends the conversation.

#include "devices/scanner/sane_library.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ywtb::devices::sane::helper {

/// The calls, one per method of Library and Device, and Close (the helper answers, then exits).
enum class Call : std::uint8_t {
    Devices = 1,
    Open,
    Options,
    SetString,
    SetNumber,
    Start,
    Parameters,
    Read,
    Cancel,
    Close,
};

/// Page bytes do not travel in frames: the counter maps a shared memory file of kMaxRead bytes into both
/// processes (the helper's descriptor 4), the helper's sane_read writes there and its answer says how many
/// bytes it wrote: one copy more than with libsane in the counter's process, against two through the socket.
inline constexpr std::uint32_t kMaxRead = 1u << 20;
/// The largest frame either side accepts (an option list is the largest: some kilobytes).
inline constexpr std::uint32_t kMaxFrame = 4u << 20;
/// The helper's command line: its socket and its shared page memory.
inline constexpr int kSocketFd = 3;
inline constexpr int kPagesFd = 4;

/// Appends values to a frame's payload.
class Writer {
public:
    explicit Writer(Call call) { u8(static_cast<std::uint8_t>(call)); }
    Writer() = default; ///< an answer: no call in front
    Writer& u8(std::uint8_t v);
    Writer& i32(std::int32_t v);
    Writer& u32(std::uint32_t v);
    Writer& f64(double v);
    Writer& str(const std::string& v);
    Writer& status(Status v) { return i32(static_cast<std::int32_t>(v)); }
    /// The payload with its length in front: what goes on the wire.
    const std::vector<std::uint8_t>& frame();

private:
    std::vector<std::uint8_t> m_bytes{0, 0, 0, 0};
};

/// Takes values from a payload; once a read runs past the end, every later read fails too.
class Reader {
public:
    Reader(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}
    bool u8(std::uint8_t& v);
    bool i32(std::int32_t& v);
    bool u32(std::uint32_t& v);
    bool f64(double& v);
    bool str(std::string& v);
    bool flag(bool& v);     ///< fails on a byte other than 0 or 1
    bool status(Status& v); ///< fails on a number no Status has
    bool atEnd() const { return m_pos == m_size; }

private:
    bool take(void* out, std::size_t n);
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
};

/// The answers, written by the helper and read by the counter; a read is false unless the whole payload is
/// exactly one such answer.
void writeStatusAnswer(Writer& w, Status status);
bool readStatusAnswer(Reader& r, Status& status);
void writeDevicesAnswer(Writer& w, Status status, const std::vector<DeviceDescription>& devices);
bool readDevicesAnswer(Reader& r, Status& status, std::vector<DeviceDescription>& devices);
void writeOptionsAnswer(Writer& w, const std::vector<OptionDescriptor>& options);
bool readOptionsAnswer(Reader& r, std::vector<OptionDescriptor>& options);
void writeParametersAnswer(Writer& w, Status status, const Parameters& p);
bool readParametersAnswer(Reader& r, Status& status, Parameters& p);
/// A Read's answer: the status and how many bytes sane_read put in the shared page memory (at most
/// `maxLength`).
void writeReadAnswer(Writer& w, Status status, std::uint32_t count);
bool readReadAnswer(Reader& r, Status& status, std::uint32_t& count, std::uint32_t maxLength);

/// Sends all of `bytes` on the socket; false when the other side is gone (no SIGPIPE).
bool sendAll(int fd, const std::uint8_t* bytes, std::size_t size);
using Clock = std::chrono::steady_clock;
/// Receives exactly `size` bytes. False on end of stream, an error, or the deadline passing; `deadline`
/// is asked again every 100 ms (it may move nearer: a cancel), and without one the wait has no end.
bool receiveAll(int fd, std::uint8_t* bytes, std::size_t size,
                const std::function<Clock::time_point()>& deadline = {});

} // namespace ywtb::devices::sane::helper
