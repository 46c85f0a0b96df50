#include "devices/sane_test_backend.h"

#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <fstream>
#include <link.h>
#include <poll.h>
#include <stdexcept>

namespace ywtb::testing {
namespace sane = devices::sane;
namespace {

// SANE's test backend leaks its reader thread's buffer when a page is cancelled mid-way (the thread is
// cancelled inside write()), and sane_exit unloads it, leaving LeakSanitizer a frame it cannot name.
// Keeping the module loaded lets tests/devices/lsan-sane.supp name it (leak:libsane-test.so).
void keepTestBackendLoaded() {
    void* libsane = dlopen("libsane.so.1", RTLD_NOW | RTLD_NOLOAD);
    link_map* map = nullptr;
    if (!libsane || dlinfo(libsane, RTLD_DI_LINKMAP, &map) != 0 || !map)
        return;
    const auto backend = std::filesystem::path(map->l_name).parent_path() / "sane" / "libsane-test.so.1";
    dlopen(backend.c_str(), RTLD_NOW | RTLD_NODELETE);
    dlclose(libsane);
}

struct PrivateSaneConfig {
    std::filesystem::path dir;
    PrivateSaneConfig() {
        std::string pattern = (std::filesystem::temp_directory_path() / "ywtb-sane-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            throw std::runtime_error("cannot create a directory for the SANE configuration");
        dir = pattern;
        std::ofstream(dir / "dll.conf") << "test\n";
        setenv("SANE_CONFIG_DIR", dir.c_str(), 1);
        keepTestBackendLoaded();
    }
    ~PrivateSaneConfig() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

int indexOf(sane::Device& device, const std::string& name) {
    for (const auto& o : device.options())
        if (o.name == name)
            return o.index;
    throw std::runtime_error("the SANE test backend has no option " + name);
}

void require(sane::Status status, const std::string& what) {
    if (status != sane::Status::Good)
        throw std::runtime_error("the SANE test backend refused " + what + ": " + sane::statusText(status));
}

class FaultyDevice : public sane::Device {
public:
    FaultyDevice(std::unique_ptr<sane::Device> real, int failFromPage, std::string failWith)
        : m_real(std::move(real)), m_failFromPage(failFromPage), m_failWith(std::move(failWith)) {}

    std::vector<sane::OptionDescriptor> options() override { return m_real->options(); }
    sane::Status setString(int option, const std::string& value) override {
        return m_real->setString(option, value);
    }
    sane::Status setNumber(int option, double value) override { return m_real->setNumber(option, value); }
    sane::Status start() override {
        // Between pages the backend takes option changes, so the fault starts exactly at the chosen page.
        const bool failing = ++m_page == m_failFromPage;
        if (failing)
            require(m_real->setString(indexOf(*m_real, "read-return-value"), m_failWith), m_failWith);
        const auto status = m_real->start();
        if (failing && status == sane::Status::Good)
            waitUntilReaderWrites();
        return status;
    }
    sane::Status parameters(sane::Parameters& out) override { return m_real->parameters(out); }
    sane::Status read(std::uint8_t* buffer, int maxLength, int& length) override {
        return m_real->read(buffer, maxLength, length);
    }
    void cancel() override { m_real->cancel(); }
    int selectFd() override { return m_real->selectFd(); }

private:
    // The backend's reader thread is cancelled asynchronously by sane_cancel (sanei_thread). Cancelled while
    // it allocates its picture buffer, it takes the allocator's lock with it and the next malloc hangs (seen
    // under ASan). Once its data is in the pipe it is blocked in write(), where a cancel is harmless; the
    // injected read status comes back without reading the pipe, so wait for that before the run sees it.
    void waitUntilReaderWrites() {
        const int fd = m_real->selectFd();
        if (fd < 0)
            throw std::runtime_error("the SANE test backend offers no select descriptor");
        pollfd readable{fd, POLLIN, 0};
        if (poll(&readable, 1, 10000) != 1)
            throw std::runtime_error("the SANE test backend's reader wrote nothing in 10 s");
    }

    std::unique_ptr<sane::Device> m_real;
    int m_failFromPage;
    std::string m_failWith;
    int m_page = 0;
};

} // namespace

void useSaneTestBackend() {
    static PrivateSaneConfig config;
}

FaultySaneLibrary::FaultySaneLibrary() : m_real((useSaneTestBackend(), sane::systemLibrary())) {}

sane::Status FaultySaneLibrary::devices(std::vector<sane::DeviceDescription>& out) {
    return m_real->devices(out);
}

sane::Status FaultySaneLibrary::open(const std::string& name, std::unique_ptr<sane::Device>& out) {
    std::unique_ptr<sane::Device> real;
    const auto status = m_real->open(name, real);
    if (status != sane::Status::Good)
        return status;
    if (smallReads) {
        require(real->setNumber(indexOf(*real, "read-limit"), 1), "read-limit");
        require(real->setNumber(indexOf(*real, "read-limit-size"), 4096), "read-limit-size");
    }
    if (failFromPage > 0)
        require(real->setNumber(indexOf(*real, "select-fd"), 1), "select-fd");
    if (!picture.empty())
        require(real->setString(indexOf(*real, "test-picture"), picture), picture);
    out = std::make_unique<FaultyDevice>(std::move(real), failFromPage, failWith);
    return status;
}

} // namespace ywtb::testing
