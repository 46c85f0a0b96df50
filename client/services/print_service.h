#pragma once
// Printing a PDF and waiting for what became of the job, so the clerk hears "printed" or "the printer
// stopped" rather than nothing; a registered document's prints are counted in the register.

#include "core/error.h"
#include "devices/printer/printer.h"
#include "services/actor.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace ywtb::store {
class LocalStore;
}

namespace ywtb::services {

struct PrintOutcome {
    devices::PrintJob job;
    std::optional<std::int64_t> documentId; ///< the registered document the file is, if any
    bool finished = false;                  ///< false: still queued or printing when the wait ended
};

class PrintService {
public:
    PrintService(store::LocalStore& store, devices::Printer& printer, const core::Clock& clock, Actor actor);

    /// Prints `pdf` and waits up to `wait` for the job to finish. A stopped, aborted or cancelled job is an
    /// error naming the printer's reason (a job in a stopped queue is cancelled first, so that it does not
    /// print later unattended); a job still running when the wait ends is reported as such.
    core::Expected<PrintOutcome> printFile(const std::filesystem::path& pdf, const std::string& queue,
                                           int copies,
                                           std::chrono::milliseconds wait = std::chrono::seconds(30));

private:
    store::LocalStore& m_store;
    devices::Printer& m_printer;
    const core::Clock& m_clock;
    Actor m_actor;
};

} // namespace ywtb::services
