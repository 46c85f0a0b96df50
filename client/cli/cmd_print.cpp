// ywtb-counter-cli printers | print FILE.pdf [--printer NAME] [--copies N]

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "devices/printer/printer.h"
#include "services/counter.h"
#include "services/print_service.h"

#include <Poco/JSON/Array.h>
#include <charconv>
#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

int runPrinters(Context& context, Arguments& args) {
    if (!args.empty())
        return context.usage(tr(N_("printers takes no arguments")), "printers");
    auto printer = devices::systemPrinter();
    auto queues = printer->queues();
    if (!queues)
        return context.fail(queues.error());
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& q : *queues) {
            Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("name", q.name);
            row->set("description", q.description);
            row->set("default", q.isDefault);
            row->set("accepting", q.accepting);
            list->add(row);
        }
        doc->set("printers", list);
        context.printJson(doc);
        return kExitOk;
    }
    for (const auto& q : *queues)
        context.out() << q.name << (q.isDefault ? "  *" : "")
                      << (q.description.empty() ? "" : "  " + q.description)
                      << (q.accepting ? "" : "  (" + tr(N_("not accepting jobs")) + ")") << "\n";
    if (queues->empty())
        context.out() << tr(N_("no printers are set up")) << "\n";
    return kExitOk;
}

int runPrint(Context& context, Arguments& args) {
    std::string queue, copiesText = "1", problem;
    args.option("--printer", queue, problem);
    args.option("--copies", copiesText, problem);
    const auto file = args.next();
    int copies = 0;
    const auto [end, ec] = std::from_chars(copiesText.data(), copiesText.data() + copiesText.size(), copies);
    if (!problem.empty() || file.empty() || !args.empty() || ec != std::errc() ||
        end != copiesText.data() + copiesText.size())
        return context.usage(
            problem.empty() ? tr(N_("print needs FILE.pdf, and --copies takes a whole number")) : problem,
            "print");
    if (!context.store())
        return kExitFailure;
    auto outcome = context.counter().printFile(file, queue, copies);
    if (!outcome)
        return context.fail(outcome.error());
    const auto& job = outcome->job;
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("ok", true);
        doc->set("printer", job.queue);
        doc->set("job", job.id);
        doc->set("state", devices::toString(job.state));
        doc->set("registered_document", outcome->documentId.has_value());
        context.printJson(doc);
    } else if (outcome->finished) {
        context.out() << fillPlaceholders(tr(N_("printed {copies} copies on {printer} (job {job})")),
                                          {{"copies", std::to_string(copies)},
                                           {"printer", job.queue},
                                           {"job", std::to_string(job.id)}})
                      << "\n";
    } else {
        context.out() << fillPlaceholders(
                             tr(N_("job {job} is still {state} on {printer}; check the printer")),
                             {{"job", std::to_string(job.id)},
                              {"state", devices::toString(job.state)},
                              {"printer", job.queue}})
                      << "\n";
    }
    return kExitOk;
}

} // namespace ywtb::cli
