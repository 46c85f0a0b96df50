// ywtb-scan-helper: the process that holds libsane for the counter (docs/scanning.md, "SANE in its own
// process"). The counter starts one per opened scanner (and one to list them) with a Unix socket on
// descriptor 3, and asks it the calls of sane_library.h in the frames of sane_helper_protocol.h. A backend
// that hangs or crashes takes only this process with it; the counter notices, kills it and says so.

#include "devices/scanner/sane_helper_protocol.h"
#include "devices/scanner/sane_library.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <sys/mman.h>
#include <thread>
#include <unistd.h>

namespace sane = ywtb::devices::sane;
namespace helper = ywtb::devices::sane::helper;

namespace {

constexpr int kSocket = helper::kSocketFd;

bool answer(helper::Writer& w) {
    const auto& frame = w.frame();
    return helper::sendAll(kSocket, frame.data(), frame.size());
}

int serve(std::uint8_t* pages) {
    std::shared_ptr<sane::Library> library;
    std::unique_ptr<sane::Device> device;
    std::vector<std::uint8_t> request;
    for (;;) {
        std::uint32_t length = 0;
        if (!helper::receiveAll(kSocket, reinterpret_cast<std::uint8_t*>(&length), sizeof length))
            return 0; // the counter let go
        if (length == 0 || length > helper::kMaxFrame)
            return 2;
        request.resize(length);
        if (!helper::receiveAll(kSocket, request.data(), length))
            return 0;
        helper::Reader in(request.data(), request.size());
        std::uint8_t call = 0;
        in.u8(call);
        if (!library)
            library = sane::systemLibrary();

        helper::Writer out;
        switch (static_cast<helper::Call>(call)) {
        case helper::Call::Devices: {
            std::vector<sane::DeviceDescription> found;
            const auto status = library->devices(found);
            helper::writeDevicesAnswer(out, status, found);
            break;
        }
        case helper::Call::Open: {
            std::string name;
            if (!in.str(name) || device)
                return 2;
            helper::writeStatusAnswer(out, library->open(name, device));
            break;
        }
        case helper::Call::Options: {
            helper::writeOptionsAnswer(out,
                                       device ? device->options() : std::vector<sane::OptionDescriptor>{});
            break;
        }
        case helper::Call::SetString: {
            std::int32_t option = 0;
            std::string value;
            if (!in.i32(option) || !in.str(value))
                return 2;
            helper::writeStatusAnswer(out, device ? device->setString(option, value) : sane::Status::Invalid);
            break;
        }
        case helper::Call::SetNumber: {
            std::int32_t option = 0;
            double value = 0;
            if (!in.i32(option) || !in.f64(value))
                return 2;
            helper::writeStatusAnswer(out, device ? device->setNumber(option, value) : sane::Status::Invalid);
            break;
        }
        case helper::Call::Start:
            helper::writeStatusAnswer(out, device ? device->start() : sane::Status::Invalid);
            break;
        case helper::Call::Parameters: {
            sane::Parameters p;
            const auto status = device ? device->parameters(p) : sane::Status::Invalid;
            helper::writeParametersAnswer(out, status, p);
            break;
        }
        case helper::Call::Read: {
            std::uint32_t maxLength = 0;
            if (!in.u32(maxLength))
                return 2;
            maxLength = std::min(maxLength, helper::kMaxRead);
            int got = 0;
            const auto status =
                device ? device->read(pages, static_cast<int>(maxLength), got) : sane::Status::Invalid;
            if (got < 0 || static_cast<std::uint32_t>(got) > maxLength)
                got = 0;
            helper::writeReadAnswer(out, status, static_cast<std::uint32_t>(got));
            break;
        }
        case helper::Call::Cancel:
            if (device)
                device->cancel();
            helper::writeStatusAnswer(out, sane::Status::Good);
            break;
        case helper::Call::Close:
            device.reset();
            library.reset(); // sane_exit before answering: the counter may start the next helper at once
            helper::writeStatusAnswer(out, sane::Status::Good);
            answer(out);
            return 0;
        default:
            return 2;
        }
        if (!answer(out))
            return 0;
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3 || std::string(argv[1]) != "--socket=3" || std::string(argv[2]) != "--pages=4") {
        std::fprintf(stderr,
                     "ywtb-scan-helper: started by ywtb-counter to talk to the scanners; not for use by "
                     "hand (it expects --socket=3 --pages=4)\n");
        return 2;
    }
    void* pages = mmap(nullptr, helper::kMaxRead, PROT_READ | PROT_WRITE, MAP_SHARED, helper::kPagesFd, 0);
    if (pages == MAP_FAILED) {
        std::fprintf(stderr, "ywtb-scan-helper: cannot map the shared page memory (descriptor 4)\n");
        return 2;
    }
    // Go when the counter goes, even in the middle of a backend call that never returns. (Not
    // PR_SET_PDEATHSIG: it fires when the counter's thread that started us ends, not the counter.)
    const pid_t counter = getppid();
    std::thread([counter] {
        while (getppid() == counter)
            std::this_thread::sleep_for(std::chrono::seconds(1));
        _exit(0);
    }).detach();
    std::signal(SIGPIPE, SIG_IGN);
    return serve(static_cast<std::uint8_t*>(pages));
}
