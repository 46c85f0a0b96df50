// The SANE backend: opens and sets up a device, then reads pages on the session's thread until the
// feeder is empty (SANE standard 4.3.10: sane_start answers SANE_STATUS_NO_DOCS), a cancel, or an error.

#include "devices/scanner/sane_scanner.h"

#include "devices/scanner/sane_helper_library.h"
#include "devices/scanner/sane_options.h"

#include <algorithm>
#include <cmath>

namespace ywtb::devices {
namespace {

using core::Error;
using core::Expected;
using core::Message;
using sane::Status;

constexpr int kChunk = 256 * 1024;

Error openError(Status status, const std::string& device) {
    switch (status) {
    case Status::Invalid:
        return Error{
            "scanner.missing", Message(N_("there is no scanner \"{device}\""), {{"device", device}}), device,
            Message(
                N_("list the scanners with: scanners; check that the scanner is switched on and connected"))};
    case Status::DeviceBusy:
        return Error{
            "scanner.busy", Message(N_("the scanner is busy with another program")), device,
            Message(N_("wait for the other scan to end, or close the program that uses the scanner"))};
    case Status::AccessDenied:
        return Error{"scanner.access_denied", Message(N_("this account may not use the scanner")), device,
                     Message(N_("ask the administrator to add this account to the scanner group"))};
    case Status::NotResponding:
        return Error{"scanner.not_responding",
                     Message(N_("the scanner does not answer (its helper program ywtb-scan-helper stopped or "
                                "could not start)")),
                     device,
                     Message(N_("switch the scanner off and on and try again; if this keeps happening, "
                                "reinstall ywtb-counter, which brings ywtb-scan-helper"))};
    default:
        return Error{"scanner.unavailable",
                     Message(N_("cannot open the scanner: {detail}"), {{"detail", sane::statusText(status)}}),
                     device,
                     Message(N_("check that the scanner is switched on and connected, then try again"))};
    }
}

/// An error during a run; `page` is the 1-based page being scanned, `kept` the pages already delivered.
Error runError(Status status, const std::string& device, int page, int kept) {
    const std::vector<std::pair<std::string, std::string>> args{
        {"page", std::to_string(page)}, {"kept", std::to_string(kept)}, {"detail", sane::statusText(status)}};
    switch (status) {
    case Status::Jammed:
        return Error{"scanner.jammed",
                     Message(N_("the paper jammed in the document feeder at page {page}"), args), device,
                     Message(N_("clear the jam, put page {page} and the pages after it back in the feeder "
                                "and scan them; the {kept} pages before are kept"),
                             args)};
    case Status::CoverOpen:
        return Error{"scanner.cover_open", Message(N_("the scanner's cover is open (at page {page})"), args),
                     device,
                     Message(N_("close the cover and scan page {page} and the pages after it again; the "
                                "{kept} pages before are kept"),
                             args)};
    case Status::NoDocs:
        return Error{
            "scanner.feeder_empty", Message(N_("there is no paper in the document feeder"), args), device,
            Message(N_("put the papers in the feeder and scan again, or scan from the flatbed"), args)};
    case Status::IoError:
        return Error{"scanner.disconnected",
                     Message(N_("lost contact with the scanner at page {page} ({detail})"), args), device,
                     Message(N_("check the scanner's cable and power, then scan page {page} and the pages "
                                "after it again; the {kept} pages before are kept"),
                             args)};
    case Status::NotResponding:
        return Error{"scanner.not_responding",
                     Message(N_("the scanner stopped answering at page {page}"), args), device,
                     Message(N_("switch the scanner off and on, then scan page {page} and the pages after it "
                                "again; the {kept} pages before are kept"),
                             args)};
    case Status::DeviceBusy:
    case Status::AccessDenied:
        return openError(status, device);
    case Status::NoMemory:
        return Error{
            "scanner.no_memory", Message(N_("the scanner ran out of memory at page {page}"), args), device,
            Message(
                N_("scan at a lower resolution or fewer pages at a time; the {kept} pages before are kept"),
                args)};
    default:
        return Error{"scanner.failed", Message(N_("the scanner failed at page {page}: {detail}"), args),
                     device,
                     Message(N_("check the scanner, then scan page {page} and the pages after it again; the "
                                "{kept} pages before are kept"),
                             args)};
    }
}

Error unsupported(const std::string& device, const char* what, const std::string& value,
                  const std::string& choices) {
    return Error{
        "scanner.unsupported_setting",
        Message(N_("the scanner does not offer the {what} {value}"), {{"value", value}}).term("what", what),
        device, Message(N_("choose one of: {choices}"), {{"choices", choices}})};
}

Error refused(const std::string& device, const std::string& option, Status status) {
    return Error{"scanner.setting_refused",
                 Message(N_("the scanner refused the setting {option}: {detail}"),
                         {{"option", option}, {"detail", sane::statusText(status)}}),
                 device, Message(N_("check the scanner, or choose other settings"))};
}

template <typename T, typename Format> std::string joined(const std::vector<T>& values, Format format) {
    std::string out;
    for (const auto& v : values)
        out += (out.empty() ? "" : ", ") + format(v);
    return out.empty() ? "-" : out;
}

/// Sets the options for `settings`, re-reading the descriptors after each one (a mode changes the
/// resolutions).
std::optional<Error> configure(sane::Device& device, const std::string& name, const ScanSettings& settings) {
    auto known = sane::findKnownOptions(device.options());
    const auto caps = sane::capabilitiesOf(known);

    const auto source = sane::sourceValue(known, settings.source);
    if (!source)
        return unsupported(name, N_("source"), toString(settings.source),
                           joined(caps.sources, [](ScanSource s) { return std::string(toString(s)); }));
    if (!source->empty())
        if (auto st = device.setString(known.source->index, *source); st != Status::Good)
            return refused(name, "source", st);

    known = sane::findKnownOptions(device.options());
    const auto mode = sane::modeChoice(known, settings.mode);
    if (!mode)
        return unsupported(name, N_("mode"), toString(settings.mode),
                           joined(caps.modes, [](ScanMode m) { return std::string(toString(m)); }));
    if (auto st = device.setString(known.mode->index, mode->mode); st != Status::Good)
        return refused(name, "mode", st);
    known = sane::findKnownOptions(device.options());
    if (mode->depth && known.depth)
        if (auto st = device.setNumber(known.depth->index, *mode->depth); st != Status::Good)
            return refused(name, "depth", st);

    known = sane::findKnownOptions(device.options());
    if (!sane::takesResolution(known, settings.resolution))
        return unsupported(
            name, N_("resolution"), std::to_string(settings.resolution),
            joined(sane::capabilitiesOf(known).resolutions, [](int dpi) { return std::to_string(dpi); }));
    if (auto st = device.setNumber(known.resolution->index, settings.resolution); st != Status::Good)
        return refused(name, "resolution", st);

    // The paper, clipped to what the device scans: an A4 sheet on a 200 mm-wide device scans 200 mm wide.
    known = sane::findKnownOptions(device.options());
    const auto area = sane::capabilitiesOf(known).maxArea;
    const double width =
        area.widthMm > 0 ? std::min(settings.paper.widthMm, area.widthMm) : settings.paper.widthMm;
    const double height =
        area.heightMm > 0 ? std::min(settings.paper.heightMm, area.heightMm) : settings.paper.heightMm;
    auto setMm = [&](const std::optional<sane::OptionDescriptor>& option, double mm) -> std::optional<Error> {
        if (!option || !option->settable || !option->active || option->unit != sane::Unit::Mm)
            return std::nullopt;
        if (option->range)
            mm = std::clamp(mm, option->range->min, option->range->max);
        if (auto st = device.setNumber(option->index, mm); st != Status::Good)
            return refused(name, option->name, st);
        return std::nullopt;
    };
    // Sheet-fed backends centre the scan on the page size, so it comes before the scan area.
    for (auto&& [option, mm] :
         {std::pair{known.pageWidth, width}, std::pair{known.pageHeight, height}, std::pair{known.tlX, 0.0},
          std::pair{known.tlY, 0.0}, std::pair{known.brX, width}, std::pair{known.brY, height}})
        if (auto error = setMm(option, mm))
            return error;
    return std::nullopt;
}

std::optional<PixelFormat> formatOf(const sane::Parameters& p) {
    if (p.format == sane::Frame::Rgb && p.depth == 8)
        return PixelFormat::Rgb24;
    if (p.format == sane::Frame::Gray && p.depth == 8)
        return PixelFormat::Gray8;
    if (p.format == sane::Frame::Gray && p.depth == 1)
        return PixelFormat::Gray1;
    return std::nullopt;
}

/// Reads pages until the feeder is empty, `maxPages`, a cancel or an error; each page goes to `events` as it
/// completes.
ScanSummary runScan(sane::Device& device, const std::string& name, const ScanSettings& settings,
                    const std::atomic<bool>& cancelRequested, ScanEvents& events) {
    ScanSummary summary;
    const bool feeder = settings.source != ScanSource::Flatbed;
    std::vector<std::uint8_t> chunk(kChunk);
    auto stop = [&](std::optional<Error> error, bool cancelled) {
        device.cancel(); // ends the batch, or aborts the page being read
        summary.error = std::move(error);
        summary.cancelled = cancelled;
        return summary;
    };

    while (settings.maxPages <= 0 || summary.pages < settings.maxPages) {
        if (cancelRequested)
            return stop(std::nullopt, true);
        const int pageNumber = summary.pages + 1;
        Status status = device.start();
        if (cancelRequested && status == Status::NotResponding)
            return stop(std::nullopt, true); // a cancel cut the wait short
        if (status == Status::NoDocs && summary.pages > 0 && feeder)
            break; // the feeder is empty: the normal end of an ADF run
        if (status == Status::Cancelled)
            return stop(std::nullopt, true);
        if (status != Status::Good)
            return stop(runError(status, name, pageNumber, summary.pages), false);

        sane::Parameters params;
        if (auto st = device.parameters(params); st != Status::Good)
            return stop(runError(st, name, pageNumber, summary.pages), false);
        const auto format = formatOf(params);
        if (!format || !params.lastFrame || params.bytesPerLine <= 0)
            return stop(Error{"scanner.unsupported_format",
                              Message(N_("the scanner sends pages in a form this program does not read "
                                         "(frame {frame}, depth {depth})"),
                                      {{"frame", std::to_string(static_cast<int>(params.format))},
                                       {"depth", std::to_string(params.depth)}}),
                              name,
                              Message(N_("choose colour, grey or line-art; switch off three-pass scanning"))},
                        false);

        ScannedPage page;
        page.index = summary.pages;
        page.side = settings.source == ScanSource::AdfDuplex && summary.pages % 2 == 1 ? PageSide::Back
                                                                                       : PageSide::Front;
        page.format = *format;
        page.width = params.pixelsPerLine;
        page.bytesPerLine = params.bytesPerLine;
        page.resolution = settings.resolution;
        ScanProgress progress{summary.pages, 0,
                              params.lines > 0 ? std::int64_t{params.bytesPerLine} * params.lines : 0};
        page.pixels.reserve(static_cast<std::size_t>(progress.bytesExpected));
        for (;;) {
            if (cancelRequested)
                return stop(std::nullopt, true);
            int length = 0;
            status = device.read(chunk.data(), kChunk, length);
            if (length > 0)
                page.pixels.insert(page.pixels.end(), chunk.begin(), chunk.begin() + length);
            if (status == Status::EndOfFile)
                break;
            if (status == Status::Cancelled || (cancelRequested && status == Status::NotResponding))
                return stop(std::nullopt, true);
            if (status == Status::NoDocs && page.pixels.empty() && summary.pages > 0 && feeder)
                return stop(std::nullopt, false);
            if (status != Status::Good)
                return stop(runError(status, name, pageNumber, summary.pages), false);
            progress.bytesRead = static_cast<std::int64_t>(page.pixels.size());
            events.progress(progress);
        }
        page.height = static_cast<int>(page.pixels.size() / static_cast<std::size_t>(params.bytesPerLine));
        page.pixels.resize(static_cast<std::size_t>(page.height) *
                           static_cast<std::size_t>(params.bytesPerLine));
        ++summary.pages;
        events.pageScanned(std::move(page));
        if (!feeder)
            break; // the flatbed holds one sheet
    }
    device.cancel();
    return summary;
}

class SaneScanner : public Scanner {
public:
    explicit SaneScanner(std::shared_ptr<sane::Library> library) : m_library(std::move(library)) {}

    Expected<std::vector<ScannerInfo>> devices() override {
        std::vector<sane::DeviceDescription> found;
        if (auto st = m_library->devices(found); st != Status::Good)
            return Error{
                "scanner.list_failed",
                Message(N_("cannot list the scanners: {detail}"), {{"detail", sane::statusText(st)}}),
                {},
                Message(N_("check the SANE set-up (/etc/sane.d) and try again"))};
        std::vector<ScannerInfo> out;
        for (auto& d : found)
            out.push_back({d.name, d.vendor, d.model, d.type});
        return out;
    }

    Expected<ScannerCapabilities> capabilities(const std::string& device) override {
        std::unique_ptr<sane::Device> handle;
        if (auto st = m_library->open(device, handle); st != Status::Good)
            return openError(st, device);
        return sane::capabilitiesOf(sane::findKnownOptions(handle->options()));
    }

    Expected<std::unique_ptr<ScanSession>> scan(const std::string& device, const ScanSettings& settings,
                                                ScanEvents& events) override {
        std::unique_ptr<sane::Device> opened;
        if (auto st = m_library->open(device, opened); st != Status::Good)
            return openError(st, device);
        if (auto error = configure(*opened, device, settings))
            return *error;
        std::shared_ptr<sane::Device> handle = std::move(opened);
        return std::make_unique<ScanSession>(
            [handle, device, settings](const std::atomic<bool>& cancelRequested, ScanEvents& sink) {
                return runScan(*handle, device, settings, cancelRequested, sink);
            },
            events, [handle] { handle->interrupt(); });
    }

private:
    std::shared_ptr<sane::Library> m_library;
};

} // namespace

std::unique_ptr<Scanner> saneScanner(std::shared_ptr<sane::Library> library) {
    return std::make_unique<SaneScanner>(std::move(library));
}

std::unique_ptr<Scanner> systemScanner() {
    return saneScanner(sane::helperLibrary());
}

} // namespace ywtb::devices
