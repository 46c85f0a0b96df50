#pragma once
// Printers as the counter sees them: queues to list, a PDF to print with copies, and the fate of the job.
// The CUPS backend (cups_printer.cpp) is a thin layer over libcups; on Windows win32_printer.cpp (the
// spooler, with pages rasterised by poppler-cpp) sits in its place.

#include "core/error.h"

#include <memory>
#include <string>
#include <vector>

namespace ywtb::devices {

struct PrinterQueue {
    std::string name;
    std::string description;
    bool isDefault = false;
    bool accepting = true; ///< false: the queue refuses jobs (disabled by the administrator)
};

enum class JobState { Pending, Held, Processing, Stopped, Cancelled, Aborted, Completed, Unknown };

/// A job as the print system reports it.
struct PrintJob {
    int id = 0;
    std::string queue;
    JobState state = JobState::Unknown;
    std::string reason; ///< the print system's words when stopped, cancelled or aborted
};

const char* toString(JobState state);
/// True when the job will not change any more (completed, stopped, cancelled, aborted).
bool isFinal(JobState state);

class Printer {
public:
    virtual ~Printer() = default;
    virtual core::Expected<std::vector<PrinterQueue>> queues() = 0;
    /// Sends the PDF file; `queue` empty: the default queue. Errors name the queue (e.g. it does not exist).
    virtual core::Expected<PrintJob> print(const std::string& pdfPath, const std::string& queue, int copies,
                                           const std::string& title) = 0;
    /// The job's state now. A job waiting in a stopped queue (disabled, or halted by a fault) is Stopped,
    /// with the queue's reason.
    virtual core::Expected<PrintJob> job(const std::string& queue, int id) = 0;
    /// Cancels the job so that it does not print later.
    virtual core::Expected<core::Done> cancel(const std::string& queue, int id) = 0;
};

/// The print system of this machine: CUPS on Linux, the Win32 spooler on Windows.
std::unique_ptr<Printer> systemPrinter();

} // namespace ywtb::devices
