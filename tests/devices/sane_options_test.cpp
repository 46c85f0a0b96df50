// How the counter's words map onto option values that real backends use but SANE's test backend does not
// (duplex sources, a Lineart mode, listed resolutions, page-size options), through a fake sane::Device.

#include "devices/scanner/sane_options.h"
#include "devices/scanner/sane_scanner.h"

#include <catch2/catch.hpp>
#include <map>

using namespace ywtb::devices;
using sane::OptionDescriptor;
using sane::Status;

namespace {

OptionDescriptor stringOption(int index, const char* name, std::vector<std::string> values) {
    OptionDescriptor o;
    o.index = index;
    o.name = name;
    o.type = sane::ValueType::String;
    o.settable = o.active = true;
    o.stringList = std::move(values);
    return o;
}

OptionDescriptor numberOption(int index, const char* name, sane::Unit unit, std::vector<double> words,
                              std::optional<sane::Range> range = {}) {
    OptionDescriptor o;
    o.index = index;
    o.name = name;
    o.type = sane::ValueType::Int;
    o.unit = unit;
    o.settable = o.active = true;
    o.wordList = std::move(words);
    o.range = range;
    return o;
}

/// A sheet-fed scanner as the fujitsu backend describes one.
std::vector<OptionDescriptor> sheetFedOptions() {
    return {
        stringOption(1, "source", {"ADF Front", "ADF Back", "ADF Duplex"}),
        stringOption(2, "mode", {"Lineart", "Halftone", "Gray", "Color"}),
        numberOption(3, "resolution", sane::Unit::Dpi, {100, 150, 200, 300, 600}),
        numberOption(4, "page-width", sane::Unit::Mm, {}, sane::Range{0, 221, 0}),
        numberOption(5, "page-height", sane::Unit::Mm, {}, sane::Range{0, 863, 0}),
        numberOption(6, "tl-x", sane::Unit::Mm, {}, sane::Range{0, 221, 0}),
        numberOption(7, "tl-y", sane::Unit::Mm, {}, sane::Range{0, 863, 0}),
        numberOption(8, "br-x", sane::Unit::Mm, {}, sane::Range{0, 221, 0}),
        numberOption(9, "br-y", sane::Unit::Mm, {}, sane::Range{0, 863, 0}),
    };
}

/// What the fake device was told; outlives the device, which the scan's thread closes.
struct DeviceLog {
    std::map<int, std::string> strings;
    std::map<int, double> numbers;
    int cancels = 0;
};

/// Remembers what was set and plays back a scripted list of statuses for sane_start.
class FakeDevice : public sane::Device {
public:
    FakeDevice(std::shared_ptr<DeviceLog> log, std::vector<Status> starts)
        : m_log(std::move(log)), m_starts(std::move(starts)) {}

    std::vector<OptionDescriptor> options() override { return sheetFedOptions(); }
    Status setString(int option, const std::string& value) override {
        m_log->strings[option] = value;
        return Status::Good;
    }
    Status setNumber(int option, double value) override {
        m_log->numbers[option] = value;
        return Status::Good;
    }
    Status start() override {
        m_bytesLeft = 20;
        return m_start < m_starts.size() ? m_starts[m_start++]
                                         : Status::NoDocs; // one per page; then the feeder is empty
    }
    Status parameters(sane::Parameters& out) override {
        out = sane::Parameters{sane::Frame::Gray, true, 10, 10, 2, 8};
        return Status::Good;
    }
    Status read(std::uint8_t* buffer, int maxLength, int& length) override {
        length = std::min(maxLength, m_bytesLeft);
        std::fill(buffer, buffer + length, std::uint8_t{200});
        m_bytesLeft -= length;
        return length > 0 ? Status::Good : Status::EndOfFile;
    }
    void cancel() override { ++m_log->cancels; }
    int selectFd() override { return -1; }

private:
    std::shared_ptr<DeviceLog> m_log;
    std::vector<Status> m_starts; ///< Good pages are 10 × 2 grey pixels
    std::size_t m_start = 0;
    int m_bytesLeft = 0;
};

class FakeLibrary : public sane::Library {
public:
    std::shared_ptr<DeviceLog> log = std::make_shared<DeviceLog>();
    std::vector<Status> starts;
    Status devices(std::vector<sane::DeviceDescription>& out) override {
        out = {{"fujitsu:fi-7160:1", "FUJITSU", "fi-7160", "sheetfed scanner"}};
        return Status::Good;
    }
    Status open(const std::string& name, std::unique_ptr<sane::Device>& out) override {
        if (name != "fujitsu:fi-7160:1")
            return Status::Invalid;
        out = std::make_unique<FakeDevice>(log, starts);
        return Status::Good;
    }
};

struct Pages : ScanEvents {
    std::vector<ScannedPage> received;
    void pageScanned(ScannedPage page) override { received.push_back(std::move(page)); }
};

} // namespace

TEST_CASE("a sheet-fed scanner's sources, modes and listed resolutions are read in the counter's words",
          "[scanner]") {
    const auto known = sane::findKnownOptions(sheetFedOptions());
    CHECK(sane::sourceValue(known, ScanSource::AdfFront) == "ADF Front");
    CHECK(sane::sourceValue(known, ScanSource::AdfDuplex) == "ADF Duplex");
    CHECK_FALSE(sane::sourceValue(known, ScanSource::Flatbed));
    CHECK(sane::modeChoice(known, ScanMode::Lineart)->mode == "Lineart");
    CHECK_FALSE(sane::modeChoice(known, ScanMode::Lineart)->depth);
    CHECK(sane::modeChoice(known, ScanMode::Gray)->mode == "Gray");
    CHECK(sane::takesResolution(known, 300));
    CHECK_FALSE(sane::takesResolution(known, 250));
    const auto caps = sane::capabilitiesOf(known);
    CHECK(caps.sources == std::vector<ScanSource>{ScanSource::AdfFront, ScanSource::AdfDuplex});
    CHECK(caps.resolutions == std::vector<int>{100, 150, 200, 300, 600});
    CHECK(caps.maxArea.widthMm == Approx(221));
}

TEST_CASE("a duplex run sets the page size to A4, alternates front and back, and ends at the empty feeder",
          "[scanner]") {
    auto library = std::make_shared<FakeLibrary>();
    library->starts = {Status::Good, Status::Good, Status::Good, Status::Good};
    auto scanner = saneScanner(library);
    Pages pages;
    ScanSettings settings;
    settings.source = ScanSource::AdfDuplex;
    settings.mode = ScanMode::Lineart;
    auto session = scanner->scan("fujitsu:fi-7160:1", settings, pages);
    REQUIRE(session.ok());
    auto summary = session.value()->wait();
    CHECK_FALSE(summary.error);
    CHECK(summary.pages == 4);
    REQUIRE(pages.received.size() == 4);
    CHECK(pages.received[0].side == PageSide::Front);
    CHECK(pages.received[1].side == PageSide::Back);
    CHECK(pages.received[3].side == PageSide::Back);
    CHECK(pages.received[2].height == 2);
    const auto& set = library->log->strings;
    CHECK(set.at(1) == "ADF Duplex");
    CHECK(set.at(2) == "Lineart");
    const auto& numbers = library->log->numbers;
    CHECK(numbers.at(3) == 300);
    CHECK(numbers.at(4) == Approx(210));
    CHECK(numbers.at(5) == Approx(297));
    CHECK(numbers.at(8) == Approx(210));
    CHECK(numbers.at(9) == Approx(297));
    CHECK(library->log->cancels == 1);
}

TEST_CASE("a scanner that vanishes between pages is reported with the pages before kept", "[scanner]") {
    auto library = std::make_shared<FakeLibrary>();
    library->starts = {Status::Good, Status::Good, Status::IoError};
    auto scanner = saneScanner(library);
    Pages pages;
    auto session = scanner->scan("fujitsu:fi-7160:1", ScanSettings{}, pages);
    REQUIRE(session.ok());
    auto summary = session.value()->wait();
    REQUIRE(summary.error);
    CHECK(summary.error->code == "scanner.disconnected");
    CHECK(summary.error->what.str() == "lost contact with the scanner at page 3 (Error during device I/O)");
    CHECK(summary.pages == 2);
    CHECK(pages.received.size() == 2);
}

TEST_CASE("an exception thrown by the receiver stops the run and comes back from wait()", "[scanner]") {
    auto library = std::make_shared<FakeLibrary>();
    library->starts = {Status::Good, Status::Good};
    auto scanner = saneScanner(library);
    struct Throwing : ScanEvents {
        void pageScanned(ScannedPage) override { throw std::runtime_error("disk full"); }
    } throwing;
    auto session = scanner->scan("fujitsu:fi-7160:1", ScanSettings{}, throwing);
    REQUIRE(session.ok());
    CHECK_THROWS_WITH(session.value()->wait(), "disk full");
}
