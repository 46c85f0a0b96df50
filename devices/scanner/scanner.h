#pragma once
// Scanners and document cameras as the counter sees them: devices to list, what each can do, and a scan
// run on a worker thread that hands over each page as it arrives and can be cancelled.
// The SANE backend (sane_scanner.cpp over sane_library.h) sits under this on Linux, the WIA 2.0 backend
// (wia_scanner.cpp) on Windows, which is why no backend type appears here.

#include "core/error.h"

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ywtb::devices {

/// Where the paper is: on the glass, or in the automatic document feeder (one side or both).
enum class ScanSource { Flatbed, AdfFront, AdfDuplex };
/// Colour, 8-bit grey, or 1-bit black-and-white (line-art).
enum class ScanMode { Color, Gray, Lineart };

const char* toString(ScanSource source); ///< "flatbed", "ADF", "duplex" (the CLI's words)
const char* toString(ScanMode mode);     ///< "color", "gray", "lineart"
std::optional<ScanSource> scanSourceFromString(const std::string& text);
std::optional<ScanMode> scanModeFromString(const std::string& text);

/// A scanner as the system lists it.
struct ScannerInfo {
    std::string name; ///< what to pass to Scanner::scan(), e.g. "fujitsu:fi-7160:1234"
    std::string vendor;
    std::string model;
    std::string type; ///< "flatbed scanner", "sheetfed scanner", "virtual device", …
};

/// A width and height on paper, in millimetres.
struct PaperSize {
    double widthMm = 0;
    double heightMm = 0;
};
inline constexpr PaperSize kA4{210.0, 297.0};

/// What a scanner offers.
struct ScannerCapabilities {
    std::vector<ScanSource> sources;
    /// The resolutions it offers (dpi); when it takes any value in a range, the usual values within it.
    std::vector<int> resolutions;
    std::vector<ScanMode> modes;
    PaperSize maxArea; ///< the largest area it scans; zero when the device does not say
};

/// How to scan.
struct ScanSettings {
    ScanSource source = ScanSource::AdfFront;
    int resolution = 300; ///< dpi
    ScanMode mode = ScanMode::Color;
    PaperSize paper = kA4; ///< clipped to the device's maximum area
    int maxPages = 0;      ///< 0: until the feeder is empty (one page from the flatbed)
};

/// How the bytes of a page are laid out: rows top to bottom, `bytesPerLine` bytes each.
enum class PixelFormat {
    Rgb24, ///< 3 bytes per pixel, red first
    Gray8, ///< 1 byte per pixel, 0 black
    Gray1, ///< 8 pixels per byte, most significant bit first, 1 black
};

enum class PageSide { Front, Back };

/// One scanned page, handed over as soon as it is complete and owned by the receiver from then on.
struct ScannedPage {
    int index = 0; ///< 0-based position in this run
    PageSide side = PageSide::Front;
    PixelFormat format = PixelFormat::Rgb24;
    int width = 0;  ///< pixels
    int height = 0; ///< pixels
    int bytesPerLine = 0;
    int resolution = 0; ///< dpi
    std::vector<std::uint8_t> pixels;
};

/// How far the page being scanned is.
struct ScanProgress {
    int page = 0; ///< 0-based index of the page being read
    std::int64_t bytesRead = 0;
    std::int64_t bytesExpected = 0; ///< 0 when the device does not know the page length
};

/// How a run ended. Pages delivered before an error or a cancel stay delivered.
struct ScanSummary {
    int pages = 0;
    bool cancelled = false;
    std::optional<core::Error> error; ///< jam, cover open, empty feeder, lost device…
};

/// What the caller hears during a run, on the scanning thread; hand work over to your own thread
/// rather than blocking here. An exception thrown here stops the run and comes back from wait().
class ScanEvents {
public:
    virtual ~ScanEvents() = default;
    virtual void progress(const ScanProgress& progress) { (void)progress; }
    /// A complete page; take it by moving it away — the scanner keeps no copy.
    virtual void pageScanned(ScannedPage page) = 0;
    virtual void finished(const ScanSummary& summary) { (void)summary; }
};

/// A scan running on its own thread. Destroying it cancels the run and waits for the thread.
class ScanSession {
public:
    /// What a backend runs on the worker thread: scan until done or `cancelRequested`, telling `events`.
    using Job = std::function<ScanSummary(const std::atomic<bool>& cancelRequested, ScanEvents& events)>;

    /// `onCancel` runs on the thread that calls cancel(), for a backend that can cut a waiting call short.
    ScanSession(Job job, ScanEvents& events, std::function<void()> onCancel = {});
    ~ScanSession();
    ScanSession(const ScanSession&) = delete;
    ScanSession& operator=(const ScanSession&) = delete;

    /// Asks the run to stop after the chunk being read; the page being scanned is dropped.
    void cancel();
    /// True once the run has ended (finished() was called).
    bool done() const { return m_done; }
    /// Waits for the run to end and returns how it ended; rethrows what an event handler threw.
    ScanSummary wait();

private:
    std::atomic<bool> m_cancel{false};
    std::function<void()> m_onCancel;
    std::atomic<bool> m_done{false};
    ScanSummary m_summary;
    std::exception_ptr m_failure;
    std::thread m_thread;
};

class Scanner {
public:
    virtual ~Scanner() = default;
    virtual core::Expected<std::vector<ScannerInfo>> devices() = 0;
    virtual core::Expected<ScannerCapabilities> capabilities(const std::string& device) = 0;
    /// Opens and sets up `device` (errors in the settings come back here), then scans on a worker thread.
    /// `events` must outlive the session.
    virtual core::Expected<std::unique_ptr<ScanSession>>
    scan(const std::string& device, const ScanSettings& settings, ScanEvents& events) = 0;
};

/// The scanners of this machine: SANE on Linux, WIA 2.0 on Windows.
std::unique_ptr<Scanner> systemScanner();

} // namespace ywtb::devices
