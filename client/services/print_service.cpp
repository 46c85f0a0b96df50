#include "services/print_service.h"

#include "services/document_service.h"
#include "services/text_file.h"
#include "store/blob_store.h"
#include "store/database.h"
#include "store/document_register.h"
#include "store/local_store.h"

#include <thread>

namespace ywtb::services {

using core::Error;
using core::Message;

PrintService::PrintService(store::LocalStore& store, devices::Printer& printer, const core::Clock& clock,
                           Actor actor)
    : m_store(store), m_printer(printer), m_clock(clock), m_actor(std::move(actor)) {}

core::Expected<PrintOutcome> PrintService::printFile(const std::filesystem::path& pdf,
                                                     const std::string& queue, int copies,
                                                     std::chrono::milliseconds wait) {
    if (copies < 1 || copies > 99)
        return Error{
            "print.copies",
            Message(N_("{copies} copies: print between 1 and 99"), {{"copies", std::to_string(copies)}}),
            {},
            Message(N_("give --copies N with N from 1 to 99"))};
    auto bytes = readTextFile(pdf, 256u << 20);
    if (!bytes)
        return bytes.error();
    if (bytes->rfind("%PDF-", 0) != 0)
        return Error{"print.not_pdf", Message(N_("the file is not a PDF")), pdf.string(),
                     Message(N_("print the PDF that render wrote"))};
    PrintOutcome outcome;
    try {
        if (auto registered = store::findIssuedDocumentByPdf(m_store.db(), store::sha256Hex(*bytes)))
            outcome.documentId = registered->id;
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
    auto job = m_printer.print(pdf.string(), queue, copies, pdf.filename().string());
    if (!job)
        return job.error();
    outcome.job = *job;
    const auto until = std::chrono::steady_clock::now() + wait;
    while (!devices::isFinal(outcome.job.state) && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        auto now = m_printer.job(outcome.job.queue, outcome.job.id);
        if (!now)
            return now.error();
        outcome.job = *now;
    }
    outcome.finished = devices::isFinal(outcome.job.state);
    if (outcome.job.state == devices::JobState::Stopped) {
        // Cancelled, so that the applicant's paper does not come out later at a printer nobody watches.
        const auto cancelled = m_printer.cancel(outcome.job.queue, outcome.job.id);
        return Error{"print.stopped",
                     Message(cancelled ? N_("the printer {queue} stopped ({reason}); job {job} was cancelled "
                                            "so that it does not print later")
                                       : N_("the printer {queue} stopped ({reason}); job {job} could not be "
                                            "cancelled and may print later"),
                             {{"job", std::to_string(outcome.job.id)},
                              {"queue", outcome.job.queue},
                              {"reason", outcome.job.reason}}),
                     outcome.job.queue,
                     Message(N_("clear the fault at the printer (paper, toner, door) or have the "
                                "administrator enable the queue, then print "
                                "again; or print on another queue with --printer"))};
    }
    if (outcome.finished && outcome.job.state != devices::JobState::Completed)
        return Error{"print.job_failed",
                     Message(N_("job {job} on {queue} was {state}: {reason}"),
                             {{"job", std::to_string(outcome.job.id)},
                              {"queue", outcome.job.queue},
                              {"state", devices::toString(outcome.job.state)},
                              {"reason", outcome.job.reason}}),
                     outcome.job.queue,
                     Message(N_("check the printer (paper, toner, door), then print again"))};
    if (outcome.job.state == devices::JobState::Completed && outcome.documentId)
        if (auto recorded = recordDocumentPrint(m_store, *outcome.documentId, copies, outcome.job.queue,
                                                m_clock, m_actor);
            !recorded)
            return recorded.error();
    return outcome;
}

} // namespace ywtb::services
