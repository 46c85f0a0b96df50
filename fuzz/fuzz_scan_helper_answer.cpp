// What the counter reads from ywtb-scan-helper (devices/scanner/sane_helper_protocol.h): the answers to the
// listing, the options, the page parameters, a read and the plain status calls. The helper is our program,
// but it holds a scanner vendor's backend in its address space, so its answers are read as untrusted bytes.
//
// Input: one byte choosing the answer, then its payload. Invariants: an answer taken is the whole payload and
// writes back to exactly the same bytes; every status is one Status has; lists stay within the protocol's
// limits.

#include "devices/scanner/sane_helper_protocol.h"
#include "fuzz/fuzz_support.h"

#include <cstring>

namespace {

using namespace ywtb::devices::sane;

bool sameBytes(helper::Writer& w, const std::uint8_t* data, std::size_t size) {
    const auto& frame = w.frame();
    return frame.size() == size + 4 && std::memcmp(frame.data() + 4, data, size) == 0;
}

bool validStatus(Status s) {
    return s >= Status::Good && s <= Status::NotResponding;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const std::uint8_t kind = data[0] % 5;
    ++data;
    --size;
    helper::Reader in(data, size);
    helper::Writer again;
    Status status = Status::Good;
    switch (kind) {
    case 0: {
        std::vector<DeviceDescription> devices;
        if (!helper::readDevicesAnswer(in, status, devices))
            return 0;
        YWTB_FUZZ_CHECK(devices.size() <= 4096);
        helper::writeDevicesAnswer(again, status, devices);
        break;
    }
    case 1: {
        std::vector<OptionDescriptor> options;
        if (!helper::readOptionsAnswer(in, options))
            return 0;
        YWTB_FUZZ_CHECK(options.size() <= 4096);
        for (const auto& o : options)
            YWTB_FUZZ_CHECK(o.stringList.size() <= 4096 && o.wordList.size() <= 4096);
        helper::writeOptionsAnswer(again, options);
        break;
    }
    case 2: {
        Parameters p;
        if (!helper::readParametersAnswer(in, status, p))
            return 0;
        helper::writeParametersAnswer(again, status, p);
        break;
    }
    case 3: {
        // A Read of at most 256 KiB (what the scanner asks): the count never exceeds it, so the copy out of
        // the shared page memory stays inside it and inside the caller's buffer.
        std::uint32_t count = 0;
        if (!helper::readReadAnswer(in, status, count, 256 * 1024))
            return 0;
        YWTB_FUZZ_CHECK(count <= 256 * 1024);
        helper::writeReadAnswer(again, status, count);
        break;
    }
    default:
        if (!helper::readStatusAnswer(in, status))
            return 0;
        helper::writeStatusAnswer(again, status);
        break;
    }
    YWTB_FUZZ_CHECK(validStatus(status));
    YWTB_FUZZ_CHECK(sameBytes(again, data, size));
    return 0;
}
