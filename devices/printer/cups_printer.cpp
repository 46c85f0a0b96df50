// The CUPS backend of Printer: nothing but calls into libcups and the translation of its answers.

#include "devices/printer/printer.h"

#include <cups/cups.h>

namespace ywtb::devices {
namespace {

using core::Error;
using core::Message;

Error cupsError(const std::string& queue, const char* doing) {
    const auto status = cupsLastError();
    const std::string detail = cupsLastErrorString() ? cupsLastErrorString() : "";
    if (status == IPP_STATUS_ERROR_NOT_FOUND)
        return Error{
            "printer.missing", Message(N_("there is no printer queue \"{queue}\""), {{"queue", queue}}),
            queue,
            Message(N_("list the queues with: printers; or ask the administrator to set the printer up"))};
    if (status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || status == IPP_STATUS_ERROR_INTERNAL)
        return Error{"printer.unavailable",
                     Message(N_("the print system does not answer: {detail}"), {{"detail", detail}}), queue,
                     Message(N_("check that CUPS is running (systemctl status cups)"))};
    return Error{"printer.failed",
                 Message(N_("cannot {doing}: {detail}"), {{"detail", detail}}).term("doing", doing), queue,
                 Message(N_("check the printer and try again"))};
}

JobState stateOf(ipp_jstate_t state) {
    switch (state) {
    case IPP_JSTATE_PENDING:
        return JobState::Pending;
    case IPP_JSTATE_HELD:
        return JobState::Held;
    case IPP_JSTATE_PROCESSING:
        return JobState::Processing;
    case IPP_JSTATE_STOPPED:
        return JobState::Stopped;
    case IPP_JSTATE_CANCELED:
        return JobState::Cancelled;
    case IPP_JSTATE_ABORTED:
        return JobState::Aborted;
    case IPP_JSTATE_COMPLETED:
        return JobState::Completed;
    }
    return JobState::Unknown;
}

// Whether the queue is stopped (disabled, or halted by a fault), and why: the printer-state-message the
// administrator or the backend left ("paper jam"), else the state reasons.
struct QueueStop {
    bool stopped = false;
    std::string reason;
};

QueueStop queueStop(const std::string& queue) {
    QueueStop out;
    ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0, "/printers/%s",
                     queue.c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri);
    static const char* const wanted[] = {"printer-state", "printer-state-message", "printer-state-reasons"};
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, nullptr, wanted);
    ipp_t* response = cupsDoRequest(CUPS_HTTP_DEFAULT, request, "/");
    if (!response)
        return out;
    if (ipp_attribute_t* state = ippFindAttribute(response, "printer-state", IPP_TAG_ENUM))
        out.stopped = ippGetInteger(state, 0) == IPP_PSTATE_STOPPED;
    if (ipp_attribute_t* message = ippFindAttribute(response, "printer-state-message", IPP_TAG_TEXT);
        message && ippGetString(message, 0, nullptr))
        out.reason = ippGetString(message, 0, nullptr);
    if (out.reason.empty())
        if (ipp_attribute_t* reasons = ippFindAttribute(response, "printer-state-reasons", IPP_TAG_KEYWORD))
            for (int i = 0; i < ippGetCount(reasons); ++i)
                out.reason += (i ? ", " : "") + std::string(ippGetString(reasons, i, nullptr));
    ippDelete(response);
    return out;
}

class CupsPrinter : public Printer {
public:
    core::Expected<std::vector<PrinterQueue>> queues() override {
        cups_dest_t* dests = nullptr;
        const int count = cupsGetDests2(CUPS_HTTP_DEFAULT, &dests);
        if (count == 0 && cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE)
            return cupsError("", N_("list the printers"));
        std::vector<PrinterQueue> out;
        for (int i = 0; i < count; ++i) {
            const auto& d = dests[i];
            if (d.instance)
                continue;
            const char* info = cupsGetOption("printer-info", d.num_options, d.options);
            const char* accepting = cupsGetOption("printer-is-accepting-jobs", d.num_options, d.options);
            out.push_back({d.name, info ? info : "", d.is_default != 0,
                           !accepting || std::string(accepting) != "false"});
        }
        cupsFreeDests(count, dests);
        return out;
    }

    core::Expected<PrintJob> print(const std::string& pdfPath, const std::string& queue, int copies,
                                   const std::string& title) override {
        std::string name = queue;
        if (name.empty()) {
            const char* fallback = cupsGetDefault2(CUPS_HTTP_DEFAULT);
            if (!fallback)
                return Error{"printer.no_default",
                             Message(N_("no printer was named and there is no default printer")),
                             {},
                             Message(N_("give --printer NAME; list the queues with: printers"))};
            name = fallback;
        }
        // CUPS reports an unknown queue only as a generic failure of the job; ask for the queue first.
        cups_dest_t* dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, name.c_str(), nullptr);
        if (!dest)
            return cupsLastError() == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE
                       ? cupsError(name, N_("reach the print system"))
                       : Error{"printer.missing",
                               Message(N_("there is no printer queue \"{queue}\""), {{"queue", name}}), name,
                               Message(N_("list the queues with: printers; or ask the administrator to set "
                                          "the printer up"))};
        cupsFreeDests(1, dest);
        cups_option_t* options = nullptr;
        int optionCount = cupsAddOption("copies", std::to_string(copies).c_str(), 0, &options);
        const int id = cupsPrintFile2(CUPS_HTTP_DEFAULT, name.c_str(), pdfPath.c_str(), title.c_str(),
                                      optionCount, options);
        cupsFreeOptions(optionCount, options);
        if (id == 0)
            return cupsError(name, N_("send the job to the printer"));
        return PrintJob{id, name, JobState::Pending, {}};
    }

    core::Expected<PrintJob> job(const std::string& queue, int id) override {
        cups_job_t* jobs = nullptr;
        const int count = cupsGetJobs2(CUPS_HTTP_DEFAULT, &jobs, queue.c_str(), 0, CUPS_WHICHJOBS_ALL);
        if (count < 0)
            return cupsError(queue, N_("ask the printer for the job"));
        PrintJob found{id, queue, JobState::Unknown, {}};
        for (int i = 0; i < count; ++i)
            if (jobs[i].id == id)
                found.state = stateOf(jobs[i].state);
        cupsFreeJobs(count, jobs);
        // A job waiting in a stopped queue is as stuck as a stopped job: CUPS keeps it pending until someone
        // enables the queue, possibly hours later at an unattended printer.
        if (found.state == JobState::Pending || found.state == JobState::Held ||
            found.state == JobState::Processing || found.state == JobState::Stopped) {
            if (const auto stop = queueStop(queue); stop.stopped) {
                found.state = JobState::Stopped;
                found.reason = stop.reason;
                return found;
            }
        }
        if (found.state == JobState::Stopped || found.state == JobState::Aborted ||
            found.state == JobState::Cancelled) {
            cups_dest_t* dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, queue.c_str(), nullptr);
            if (dest) {
                if (const char* reasons =
                        cupsGetOption("printer-state-reasons", dest->num_options, dest->options))
                    found.reason = reasons;
                cupsFreeDests(1, dest);
            }
        }
        return found;
    }

    core::Expected<core::Done> cancel(const std::string& queue, int id) override {
        if (!cupsCancelJob2(CUPS_HTTP_DEFAULT, queue.c_str(), id, 0))
            return cupsError(queue, N_("cancel the job"));
        return core::Done{};
    }
};

} // namespace

std::unique_ptr<Printer> systemPrinter() {
    return std::make_unique<CupsPrinter>();
}

} // namespace ywtb::devices
