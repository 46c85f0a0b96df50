// The Windows backend of Printer: the print spooler (winspool) for queues, jobs and cancelling, and GDI for
// the pages. The spooler does not read PDF, and sending the file as RAW data only works on the few printers
// that interpret PDF themselves (and prints pages of garbage on the rest, with no way to ask the driver
// first), so each page is rasterised with poppler-cpp and drawn with StretchDIBits into a GDI print job.
// Chosen by CMake on Windows instead of cups_printer.cpp (docs/windows.md). Syntax-checked with MinGW-w64 on
// Linux only: not yet compiled by MSVC, linked, nor run on Windows.

#include "devices/printer/printer.h"

#ifndef NOMINMAX
#define NOMINMAX
#endif
// windows.h before winspool.h.
// clang-format off
#include <windows.h>
#include <winspool.h>
// clang-format on
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <utility>
#include <vector>

namespace ywtb::devices {
namespace {

using core::Error;
using core::Message;

/// The finest resolution a page is rasterised at: 300 dpi keeps an A4 page at 35 MB of ARGB and text sharp.
constexpr int kMaxRasterDpi = 300;

std::wstring wide(const std::string& utf8) {
    if (utf8.empty())
        return {};
    const int length =
        MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
    std::wstring out(static_cast<std::size_t>(length), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), length);
    return out;
}

std::string narrow(const wchar_t* text) {
    if (!text || !*text)
        return {};
    const int length = WideCharToMultiByte(CP_UTF8, 0, text, -1, nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<std::size_t>(std::max(length - 1, 0)), '\0');
    WideCharToMultiByte(CP_UTF8, 0, text, -1, out.data(), length, nullptr, nullptr);
    return out;
}

std::string systemWords(DWORD code) {
    wchar_t* text = nullptr;
    const DWORD length = FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM |
                                            FORMAT_MESSAGE_IGNORE_INSERTS,
                                        nullptr, code, 0, reinterpret_cast<LPWSTR>(&text), 0, nullptr);
    std::string out = length && text ? narrow(text) : "Windows error " + std::to_string(code);
    LocalFree(text);
    while (!out.empty() &&
           (out.back() == '\n' || out.back() == '\r' || out.back() == ' ' || out.back() == '.'))
        out.pop_back();
    return out;
}

Error missingQueue(const std::string& queue) {
    return Error{
        "printer.missing", Message(N_("there is no printer queue \"{queue}\""), {{"queue", queue}}), queue,
        Message(N_("list the queues with: printers; or ask the administrator to set the printer up"))};
}

Error spoolerError(const std::string& queue, const char* doing, DWORD code) {
    if (code == ERROR_INVALID_PRINTER_NAME)
        return missingQueue(queue);
    if (code == RPC_S_SERVER_UNAVAILABLE || code == RPC_S_SERVER_TOO_BUSY)
        return Error{
            "printer.unavailable",
            Message(N_("the print system does not answer: {detail}"), {{"detail", systemWords(code)}}), queue,
            Message(N_("check that the Print Spooler service is running (services.msc)"))};
    return Error{
        "printer.failed",
        Message(N_("cannot {doing}: {detail}"), {{"detail", systemWords(code)}}).term("doing", doing), queue,
        Message(N_("check the printer and try again"))};
}

/// An open spooler handle, closed on scope exit.
class PrinterHandle {
public:
    PrinterHandle() = default;
    ~PrinterHandle() {
        if (m_handle)
            ClosePrinter(m_handle);
    }
    PrinterHandle(const PrinterHandle&) = delete;
    PrinterHandle& operator=(const PrinterHandle&) = delete;

    /// Opens `queue` with the rights of an ordinary user, who may manage (cancel) the jobs they sent.
    bool open(const std::string& queue) {
        std::wstring name = wide(queue);
        PRINTER_DEFAULTSW defaults{nullptr, nullptr, PRINTER_ACCESS_USE};
        return OpenPrinterW(name.data(), &m_handle, &defaults) != 0;
    }
    HANDLE get() const { return m_handle; }

private:
    HANDLE m_handle = nullptr;
};

/// Calls a winspool "Get" function twice, the first time for the size; false with GetLastError set on
/// failure.
template <typename Call> bool fetchInto(std::vector<BYTE>& buffer, Call call) {
    DWORD needed = 0;
    if (call(nullptr, 0, &needed))
        return true;
    if (GetLastError() != ERROR_INSUFFICIENT_BUFFER)
        return false;
    buffer.resize(needed);
    return call(buffer.data(), needed, &needed) != 0;
}

std::string defaultQueue() {
    DWORD size = 0;
    GetDefaultPrinterW(nullptr, &size);
    if (size == 0)
        return {};
    std::wstring name(size, L'\0');
    if (!GetDefaultPrinterW(name.data(), &size))
        return {};
    return narrow(name.c_str());
}

// The printer states Windows reports that stop a job until someone acts, in the words the counter shows.
// (Only drivers with bidirectional communication report most of them; a plain USB driver may say nothing.)
std::string printerFault(DWORD status) {
    static const std::pair<DWORD, const char*> kFaults[] = {
        {PRINTER_STATUS_PAUSED, "paused"},
        {PRINTER_STATUS_PAPER_JAM, "paper jam"},
        {PRINTER_STATUS_PAPER_OUT, "out of paper"},
        {PRINTER_STATUS_PAPER_PROBLEM, "paper problem"},
        {PRINTER_STATUS_DOOR_OPEN, "door open"},
        {PRINTER_STATUS_NO_TONER, "out of toner"},
        {PRINTER_STATUS_OUTPUT_BIN_FULL, "output bin full"},
        {PRINTER_STATUS_OFFLINE, "offline"},
        {PRINTER_STATUS_NOT_AVAILABLE, "not available"},
        {PRINTER_STATUS_USER_INTERVENTION, "needs attention"},
        {PRINTER_STATUS_ERROR, "error"},
    };
    std::string out;
    for (const auto& [bit, words] : kFaults)
        if (status & bit)
            out += (out.empty() ? "" : ", ") + std::string(words);
    return out;
}

std::string jobFault(DWORD status) {
    static const std::pair<DWORD, const char*> kFaults[] = {
        {JOB_STATUS_PAPEROUT, "out of paper"},
        {JOB_STATUS_OFFLINE, "printer offline"},
        {JOB_STATUS_USER_INTERVENTION, "needs attention"},
        {JOB_STATUS_BLOCKED_DEVQ, "blocked by the driver"},
        {JOB_STATUS_ERROR, "error"},
    };
    std::string out;
    for (const auto& [bit, words] : kFaults)
        if (status & bit)
            out += (out.empty() ? "" : ", ") + std::string(words);
    return out;
}

JobState stateOf(DWORD status) {
    if (status & (JOB_STATUS_DELETING | JOB_STATUS_DELETED))
        return JobState::Cancelled;
    if (!jobFault(status).empty())
        return JobState::Stopped;
    if (status & (JOB_STATUS_PRINTED | JOB_STATUS_COMPLETE))
        return JobState::Completed; // COMPLETE: everything went to the printer, as CUPS's "completed"
    if (status & JOB_STATUS_PAUSED)
        return JobState::Held;
    if (status & (JOB_STATUS_PRINTING | JOB_STATUS_SPOOLING))
        return JobState::Processing;
    return JobState::Pending;
}

/// The PDF opened by poppler from its bytes (poppler's own file opening takes a narrow path, which on
/// Windows is not UTF-8).
std::unique_ptr<poppler::document> loadPdf(const std::string& pdfPath, std::string& problem) {
    std::ifstream in(std::filesystem::path(std::u8string(pdfPath.begin(), pdfPath.end())), std::ios::binary);
    if (!in) {
        problem = "the file cannot be opened";
        return nullptr;
    }
    std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (bytes.empty() || bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
        problem = "the file is empty or too large";
        return nullptr;
    }
    std::unique_ptr<poppler::document> document(poppler::document::load_from_data(&bytes));
    if (!document || document->is_locked()) {
        problem = "poppler cannot read it as a PDF";
        return nullptr;
    }
    return document;
}

/// The driver's settings for `queue` with the copies (when the driver makes them) and the orientation set;
/// `driverCopies` says whether the driver took the copies.
std::vector<BYTE> jobSettings(HANDLE printer, const std::wstring& queue, int copies, bool landscape,
                              bool& driverCopies) {
    std::wstring name = queue;
    const LONG size = DocumentPropertiesW(nullptr, printer, name.data(), nullptr, nullptr, 0);
    if (size <= 0)
        return {};
    std::vector<BYTE> buffer(static_cast<std::size_t>(size));
    auto* mode = reinterpret_cast<DEVMODEW*>(buffer.data());
    if (DocumentPropertiesW(nullptr, printer, name.data(), mode, nullptr, DM_OUT_BUFFER) != IDOK)
        return {};
    // The SDK declares the result int, MinGW-w64 DWORD; -1 is an error either way.
    const int maxCopies =
        static_cast<int>(DeviceCapabilitiesW(name.c_str(), nullptr, DC_COPIES, nullptr, mode));
    driverCopies = copies > 1 && maxCopies >= copies && (mode->dmFields & DM_COPIES);
    if (driverCopies) {
        mode->dmCopies = static_cast<short>(copies);
        mode->dmCollate = DMCOLLATE_TRUE;
        mode->dmFields |= DM_COLLATE;
    }
    if (mode->dmFields & DM_ORIENTATION)
        mode->dmOrientation = static_cast<short>(landscape ? DMORIENT_LANDSCAPE : DMORIENT_PORTRAIT);
    if (DocumentPropertiesW(nullptr, printer, name.data(), mode, mode, DM_IN_BUFFER | DM_OUT_BUFFER) != IDOK)
        return {};
    driverCopies = driverCopies && mode->dmCopies == copies;
    return buffer;
}

/// Draws one rasterised page so that the PDF page covers the physical sheet (the device's origin is the
/// corner of the printable area, PHYSICALOFFSET from the sheet's corner).
bool drawPage(HDC dc, const poppler::page& page, const poppler::page_renderer& renderer) {
    const int dpiX = GetDeviceCaps(dc, LOGPIXELSX);
    const int dpiY = GetDeviceCaps(dc, LOGPIXELSY);
    const double rasterDpi = std::min({dpiX, dpiY, kMaxRasterDpi});
    const poppler::image image = renderer.render_page(&page, rasterDpi, rasterDpi);
    if (!image.is_valid() || image.format() != poppler::image::format_argb32)
        return false;
    const poppler::rectf box = page.page_rect();
    const int width = static_cast<int>(std::lround(box.width() / 72.0 * dpiX));
    const int height = static_cast<int>(std::lround(box.height() / 72.0 * dpiY));
    BITMAPINFO info{};
    info.bmiHeader.biSize = sizeof(BITMAPINFOHEADER);
    info.bmiHeader.biWidth = image.bytes_per_row() / 4; // ARGB32 rows are whole pixels: BGRA in memory
    info.bmiHeader.biHeight = -image.height();          // top-down, as poppler draws
    info.bmiHeader.biPlanes = 1;
    info.bmiHeader.biBitCount = 32;
    info.bmiHeader.biCompression = BI_RGB;
    SetStretchBltMode(dc, HALFTONE);
    SetBrushOrgEx(dc, 0, 0, nullptr);
    const int result = StretchDIBits(dc, -GetDeviceCaps(dc, PHYSICALOFFSETX),
                                     -GetDeviceCaps(dc, PHYSICALOFFSETY), width, height, 0, 0, image.width(),
                                     image.height(), image.const_data(), &info, DIB_RGB_COLORS, SRCCOPY);
    return result != 0 && result != static_cast<int>(GDI_ERROR);
}

class Win32Printer : public Printer {
public:
    core::Expected<std::vector<PrinterQueue>> queues() override {
        std::vector<BYTE> buffer;
        DWORD count = 0;
        const bool listed = fetchInto(buffer, [&](BYTE* data, DWORD size, DWORD* needed) {
            return EnumPrintersW(PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS, nullptr, 2, data, size,
                                 needed, &count);
        });
        if (!listed)
            return spoolerError("", N_("list the printers"), GetLastError());
        const std::string fallback = defaultQueue();
        std::vector<PrinterQueue> out;
        const auto* printers = reinterpret_cast<const PRINTER_INFO_2W*>(buffer.data());
        for (DWORD i = 0; i < count; ++i) {
            const auto& p = printers[i];
            const std::string name = narrow(p.pPrinterName);
            // Windows queues take jobs even when paused or offline (they wait); only one being deleted
            // refuses.
            out.push_back({name, narrow(p.pComment), name == fallback,
                           (p.Status & PRINTER_STATUS_PENDING_DELETION) == 0});
        }
        return out;
    }

    core::Expected<PrintJob> print(const std::string& pdfPath, const std::string& queue, int copies,
                                   const std::string& title) override {
        std::string name = queue.empty() ? defaultQueue() : queue;
        if (name.empty())
            return Error{"printer.no_default",
                         Message(N_("no printer was named and there is no default printer")),
                         {},
                         Message(N_("give --printer NAME; list the queues with: printers"))};
        PrinterHandle printer;
        if (!printer.open(name))
            return spoolerError(name, N_("reach the print system"), GetLastError());

        std::string problem;
        const auto document = loadPdf(pdfPath, problem);
        if (!document)
            return Error{
                "printer.unreadable_pdf",
                Message(N_("cannot print {file}: {detail}"), {{"file", pdfPath}, {"detail", problem}}),
                pdfPath, Message(N_("render the document again, then print it"))};
        const int pages = document->pages();
        if (pages <= 0)
            return Error{
                "printer.unreadable_pdf",
                Message(N_("cannot print {file}: {detail}"), {{"file", pdfPath}, {"detail", "no pages"}}),
                pdfPath, Message(N_("render the document again, then print it"))};
        std::unique_ptr<poppler::page> first(document->create_page(0));
        const bool landscape = first && first->page_rect().width() > first->page_rect().height();

        const std::wstring wideName = wide(name);
        bool driverCopies = false;
        auto settings = jobSettings(printer.get(), wideName, copies, landscape, driverCopies);
        HDC dc = CreateDCW(L"WINSPOOL", wideName.c_str(), nullptr,
                           settings.empty() ? nullptr : reinterpret_cast<const DEVMODEW*>(settings.data()));
        if (!dc)
            return spoolerError(name, N_("reach the print system"), GetLastError());
        struct DeleteDc {
            HDC dc;
            ~DeleteDc() { DeleteDC(dc); }
        } deleteOnExit{dc};

        const std::wstring docName = wide(title);
        DOCINFOW doc{};
        doc.cbSize = sizeof doc;
        doc.lpszDocName = docName.c_str();
        const int jobId = StartDocW(dc, &doc); // the spooler's job id
        if (jobId <= 0)
            return spoolerError(name, N_("send the job to the printer"), GetLastError());

        poppler::page_renderer renderer;
        renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
        renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
        renderer.set_paper_color(0xffffffff);
        // Copies the driver does not make are made here, collated, within the one job.
        const int rounds = driverCopies ? 1 : std::max(copies, 1);
        for (int round = 0; round < rounds; ++round) {
            for (int index = 0; index < pages; ++index) {
                std::unique_ptr<poppler::page> page(document->create_page(index));
                if (StartPage(dc) <= 0) {
                    const DWORD code = GetLastError();
                    AbortDoc(dc);
                    return spoolerError(name, N_("send the job to the printer"), code);
                }
                if (!page || !drawPage(dc, *page, renderer)) {
                    AbortDoc(dc);
                    return Error{"printer.render_failed",
                                 Message(N_("cannot draw page {page} of {file} for the printer"),
                                         {{"page", std::to_string(index + 1)}, {"file", pdfPath}}),
                                 name,
                                 Message(N_("check free memory, render the document again, then print it"))};
                }
                if (EndPage(dc) <= 0) {
                    const DWORD code = GetLastError();
                    AbortDoc(dc);
                    return spoolerError(name, N_("send the job to the printer"), code);
                }
            }
        }
        if (EndDoc(dc) <= 0)
            return spoolerError(name, N_("send the job to the printer"), GetLastError());
        return PrintJob{jobId, name, JobState::Pending, {}};
    }

    core::Expected<PrintJob> job(const std::string& queue, int id) override {
        PrinterHandle printer;
        if (!printer.open(queue))
            return spoolerError(queue, N_("ask the printer for the job"), GetLastError());
        PrintJob found{id, queue, JobState::Unknown, {}};
        std::vector<BYTE> buffer;
        const bool known = fetchInto(buffer, [&](BYTE* data, DWORD size, DWORD* needed) {
            return GetJobW(printer.get(), static_cast<DWORD>(id), 2, data, size, needed);
        });
        const auto key = std::make_pair(queue, id);
        if (!known) {
            if (GetLastError() != ERROR_INVALID_PARAMETER)
                return spoolerError(queue, N_("ask the printer for the job"), GetLastError());
            // The spooler forgets a job once it has printed (unless the queue keeps printed documents) or was
            // deleted. What it was last seen doing tells which; a job never seen here left the queue before
            // the first look, which a deletion rarely does that fast.
            std::lock_guard lock(m_mutex);
            const auto seen = m_lastSeen.find(key);
            const bool deleted = seen != m_lastSeen.end() && seen->second == JobState::Cancelled;
            found.state = deleted ? JobState::Cancelled : JobState::Completed;
            found.reason = deleted ? "deleted from the print queue" : "left the print queue after printing";
            return found;
        }
        const auto& info = *reinterpret_cast<const JOB_INFO_2W*>(buffer.data());
        found.state = stateOf(info.Status);
        if (found.state == JobState::Stopped || found.state == JobState::Cancelled)
            found.reason = info.pStatus && *info.pStatus ? narrow(info.pStatus) : jobFault(info.Status);
        // A job waiting at a printer that is paused or in a fault is as stuck as a stopped job, as with CUPS.
        if (found.state == JobState::Pending || found.state == JobState::Held ||
            found.state == JobState::Processing || found.state == JobState::Stopped) {
            std::vector<BYTE> printerInfo;
            if (fetchInto(printerInfo, [&](BYTE* data, DWORD size, DWORD* needed) {
                    return GetPrinterW(printer.get(), 2, data, size, needed);
                })) {
                const auto& p = *reinterpret_cast<const PRINTER_INFO_2W*>(printerInfo.data());
                if (const std::string fault = printerFault(p.Status); !fault.empty()) {
                    found.state = JobState::Stopped;
                    found.reason = fault;
                }
            }
        }
        std::lock_guard lock(m_mutex);
        m_lastSeen[key] = found.state;
        return found;
    }

    core::Expected<core::Done> cancel(const std::string& queue, int id) override {
        PrinterHandle printer;
        if (!printer.open(queue))
            return spoolerError(queue, N_("cancel the job"), GetLastError());
        if (!SetJobW(printer.get(), static_cast<DWORD>(id), 0, nullptr, JOB_CONTROL_DELETE))
            return spoolerError(queue, N_("cancel the job"), GetLastError());
        std::lock_guard lock(m_mutex);
        m_lastSeen[std::make_pair(queue, id)] = JobState::Cancelled;
        return core::Done{};
    }

private:
    std::mutex m_mutex;
    std::map<std::pair<std::string, int>, JobState> m_lastSeen; ///< what job() last saw of each job
};

} // namespace

std::unique_ptr<Printer> systemPrinter() {
    return std::make_unique<Win32Printer>();
}

} // namespace ywtb::devices
