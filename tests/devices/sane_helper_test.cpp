// libsane in its own process (devices/scanner/sane_helper_library.h): the helper answers as libsane does, and
// a helper that hangs, dies or talks nonsense becomes a clear error with the pages before kept, not a hung
// counter. The helper is the real ywtb-scan-helper over SANE's `test` backend; a hang is a real one
// (SIGSTOP).

#include "devices/sane_test_backend.h"
#include "devices/scanner/sane_helper_library.h"
#include "devices/scanner/sane_scanner.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace ywtb::devices;
using namespace std::chrono_literals;
using ywtb::testing::useSaneTestBackend;

namespace {

/// The ywtb-scan-helper processes this test process has started and not yet reaped.
std::vector<pid_t> runningHelpers() {
    std::vector<pid_t> out;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        if (!std::getline(stat, line))
            continue;
        // pid (comm) state ppid …; comm is cut to 15 bytes.
        const auto close = line.rfind(')');
        if (close == std::string::npos || line.find("(ywtb-scan-helpe)") == std::string::npos)
            continue;
        char state = 0;
        int ppid = 0;
        if (std::sscanf(line.c_str() + close + 1, " %c %d", &state, &ppid) == 2 && ppid == getpid())
            out.push_back(static_cast<pid_t>(std::stoi(line)));
    }
    return out;
}

struct Recorder : ScanEvents {
    std::vector<int> pages;
    std::vector<std::vector<std::uint8_t>> pixels;
    std::function<void(int)> onPage;
    void pageScanned(ScannedPage page) override {
        pages.push_back(page.index);
        pixels.push_back(std::move(page.pixels));
        if (onPage)
            onPage(page.index);
    }
};

ScanSettings grayFeeder() {
    ScanSettings s;
    s.source = ScanSource::AdfFront;
    s.mode = ScanMode::Gray;
    s.resolution = 75;
    return s;
}

sane::HelperSettings quick() {
    sane::HelperSettings s;
    s.answerTimeout = 1500ms;
    s.cancelGrace = 300ms;
    return s;
}

} // namespace

TEST_CASE("the helper process answers as libsane itself does", "[scanner][helper]") {
    useSaneTestBackend();
    auto inProcess = sane::systemLibrary();
    auto helper = sane::helperLibrary();

    std::vector<sane::DeviceDescription> ours, theirs;
    REQUIRE(helper->devices(ours) == sane::Status::Good);
    REQUIRE(inProcess->devices(theirs) == sane::Status::Good);
    REQUIRE(ours.size() == theirs.size());
    for (std::size_t i = 0; i < ours.size(); ++i) {
        CHECK(ours[i].name == theirs[i].name);
        CHECK(ours[i].model == theirs[i].model);
    }

    std::unique_ptr<sane::Device> viaHelper, direct;
    REQUIRE(helper->open("test:0", viaHelper) == sane::Status::Good);
    REQUIRE(inProcess->open("test:0", direct) == sane::Status::Good);
    const auto a = viaHelper->options(), b = direct->options();
    REQUIRE(a.size() == b.size());
    REQUIRE(a.size() > 20);
    for (std::size_t i = 0; i < a.size(); ++i) {
        CAPTURE(b[i].name);
        CHECK(a[i].index == b[i].index);
        CHECK(a[i].name == b[i].name);
        CHECK(a[i].type == b[i].type);
        CHECK(a[i].unit == b[i].unit);
        CHECK(a[i].active == b[i].active);
        CHECK(a[i].stringList == b[i].stringList);
        CHECK(a[i].wordList == b[i].wordList);
        CHECK(a[i].range.has_value() == b[i].range.has_value());
    }
    CHECK(viaHelper->selectFd() == -1);

    std::unique_ptr<sane::Device> missing;
    CHECK(helper->open("epson:libusb:001:004", missing) == sane::Status::Invalid);
    CHECK_FALSE(missing);
}

TEST_CASE("pages scanned through the helper are the pages libsane gives", "[scanner][helper]") {
    useSaneTestBackend();
    auto ofHelper = saneScanner(sane::helperLibrary());
    auto ofLibrary = saneScanner(sane::systemLibrary());
    auto s = grayFeeder();
    s.maxPages = 2;
    s.mode = GENERATE(ScanMode::Gray, ScanMode::Color, ScanMode::Lineart);
    Recorder viaHelper, direct;
    auto one = ofHelper->scan("test:0", s, viaHelper);
    REQUIRE(one.ok());
    CHECK_FALSE(one.value()->wait().error);
    auto two = ofLibrary->scan("test:0", s, direct);
    REQUIRE(two.ok());
    CHECK_FALSE(two.value()->wait().error);
    REQUIRE(viaHelper.pixels.size() == 2);
    REQUIRE(direct.pixels.size() == 2);
    CHECK(viaHelper.pixels[0].size() > 10'000);
    CHECK(viaHelper.pixels == direct.pixels);
    CHECK(runningHelpers().size() == 1); // the helper lives as long as its session holds the device
    one.value().reset();
    CHECK(runningHelpers().empty());
}

TEST_CASE("a helper that stops answering mid-run is killed, the run ends with a clear error and the pages "
          "before are kept",
          "[scanner][helper]") {
    useSaneTestBackend();
    const int signal = GENERATE(SIGSTOP, SIGKILL); // hung for ever, or gone
    CAPTURE(signal);
    auto scanner = saneScanner(sane::helperLibrary(quick()));
    Recorder recorder;
    recorder.onPage = [&](int index) {
        if (index == 1) {
            const auto helpers = runningHelpers();
            REQUIRE(helpers.size() == 1);
            ::kill(helpers[0], signal);
        }
    };
    auto session = scanner->scan("test:0", grayFeeder(), recorder);
    REQUIRE(session.ok());
    const auto began = std::chrono::steady_clock::now();
    const auto summary = session.value()->wait();
    REQUIRE(summary.error);
    CHECK(summary.error->code == "scanner.not_responding");
    CHECK(summary.error->where == "test:0");
    CHECK(summary.error->what.str() == "the scanner stopped answering at page 3");
    CHECK_THAT(summary.error->fix.str(), Catch::Contains("switch the scanner off and on") &&
                                             Catch::Contains("the 2 pages before are kept"));
    CHECK_FALSE(summary.cancelled);
    CHECK(summary.pages == 2);
    CHECK(recorder.pages == std::vector<int>{0, 1});
    CHECK(std::chrono::steady_clock::now() - began < 20s); // the 1.5 s answer timeout, not for ever
    CHECK(runningHelpers().empty());

    // The next run starts a fresh helper and scans.
    Recorder again;
    auto next = scanner->scan("test:0", grayFeeder(), again);
    REQUIRE(next.ok());
    const auto fine = next.value()->wait();
    CHECK_FALSE(fine.error);
    CHECK(fine.pages == 10);
}

TEST_CASE("cancelling while the helper hangs ends the run within the grace, not the answer timeout",
          "[scanner][helper]") {
    useSaneTestBackend();
    sane::HelperSettings settings;
    settings.answerTimeout = 600s;
    settings.cancelGrace = 300ms;
    auto scanner = saneScanner(sane::helperLibrary(settings));
    Recorder recorder;
    recorder.onPage = [&](int index) {
        if (index == 0)
            for (pid_t pid : runningHelpers())
                ::kill(pid, SIGSTOP);
    };
    auto session = scanner->scan("test:0", grayFeeder(), recorder);
    REQUIRE(session.ok());
    // The scanning thread is now waiting for a helper that will never answer.
    while (recorder.pages.empty())
        std::this_thread::sleep_for(10ms);
    std::this_thread::sleep_for(200ms);
    const auto began = std::chrono::steady_clock::now();
    session.value()->cancel();
    const auto summary = session.value()->wait();
    CHECK(summary.cancelled);
    CHECK_FALSE(summary.error);
    CHECK(summary.pages == 1);
    CHECK(std::chrono::steady_clock::now() - began < 30s); // 300 ms of grace; 600 s without the cancel
    CHECK(runningHelpers().empty());
}

TEST_CASE("a helper that cannot start, or answers nonsense, is a clear error", "[scanner][helper]") {
    useSaneTestBackend();
    sane::HelperSettings settings = quick();
    const auto dir = std::filesystem::temp_directory_path() / ("ywtb-helper-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    SECTION("missing") {
        settings.program = (dir / "no-such-helper").string();
    }
    SECTION("answers nonsense") {
        const auto script = dir / "nonsense-helper";
        std::ofstream(script)
            << "#!/bin/sh\nprintf 'Content-Type: text/html\\r\\n\\r\\n<html>' >&3\nsleep 30\n";
        std::filesystem::permissions(script, std::filesystem::perms::owner_all);
        settings.program = script.string();
    }
    SECTION("leaves at once") {
        settings.program = "/bin/true";
    }
    auto scanner = saneScanner(sane::helperLibrary(settings));
    Recorder recorder;
    const auto began = std::chrono::steady_clock::now();
    auto session = scanner->scan("test:0", grayFeeder(), recorder);
    REQUIRE_FALSE(session.ok());
    CHECK(session.error().code == "scanner.not_responding");
    CHECK_THAT(session.error().what.str(), Catch::Contains("ywtb-scan-helper"));
    CHECK_THAT(session.error().fix.str(), Catch::Contains("reinstall ywtb-counter"));
    CHECK(std::chrono::steady_clock::now() - began < 20s);
    auto listed = scanner->devices();
    CHECK_FALSE(listed.ok());
    CHECK(runningHelpers().empty());
    std::filesystem::remove_all(dir);
}

TEST_CASE("the helper program is found in the build tree, or where $YWTB_SCAN_HELPER says",
          "[scanner][helper]") {
    const auto found = sane::helperProgram();
    REQUIRE_FALSE(found.empty());
    CHECK(std::filesystem::path(found).filename() == "ywtb-scan-helper");
    ::setenv("YWTB_SCAN_HELPER", "/opt/elsewhere/ywtb-scan-helper", 1);
    CHECK(sane::helperProgram() == "/opt/elsewhere/ywtb-scan-helper");
    ::unsetenv("YWTB_SCAN_HELPER");
    CHECK(sane::helperProgram() == found);
}
