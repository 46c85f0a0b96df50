// ywtb-counter-cli scanners | scan --device NAME ... --case CASE --material ID

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "services/counter.h"
#include "services/scan_service.h"

#include <Poco/JSON/Array.h>
#include <charconv>
#include <csignal>
#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

namespace {

services::ScanCancel* g_interrupted = nullptr;

extern "C" void cancelOnInterrupt(int) {
    // Ctrl+C stops the run after the chunk being read; the pages stored so far stay.
    if (g_interrupted)
        g_interrupted->cancel();
}

/// Ctrl+C cancels the scan while this lives.
class InterruptCancels {
public:
    explicit InterruptCancels(services::ScanCancel& cancel) {
        g_interrupted = &cancel;
        m_previous = std::signal(SIGINT, cancelOnInterrupt);
    }
    ~InterruptCancels() {
        std::signal(SIGINT, m_previous);
        g_interrupted = nullptr;
    }
    InterruptCancels(const InterruptCancels&) = delete;
    InterruptCancels& operator=(const InterruptCancels&) = delete;

private:
    void (*m_previous)(int) = SIG_DFL;
};

/// Prints a line per page as it is stored (text output only).
class PrintingListener : public services::ScanListener {
public:
    PrintingListener(Context& context, bool quiet) : m_context(context), m_quiet(quiet) {}
    void pageStored(const services::PageRecord& page, const imaging::ProcessedPage& processed) override {
        if (m_quiet)
            return;
        m_context.out() << fillPlaceholders(
            tr(N_("page {position} of {material} stored: {width} × {height} px at {dpi} dpi")),
            {{"position", std::to_string(page.position)},
             {"material", page.materialId},
             {"width", std::to_string(page.width)},
             {"height", std::to_string(page.height)},
             {"dpi", std::to_string(page.dpi)}});
        if (processed.deskewed)
            m_context.out() << ", "
                            << fillPlaceholders(tr(N_("straightened by {degrees}°")),
                                                {{"degrees", std::to_string(processed.skewDegrees)}});
        if (page.blank)
            m_context.out() << ", " << tr(N_("looks blank: check it"));
        m_context.out() << "  [" << page.id << "]\n";
        m_context.out().flush();
    }
    void pageDropped(int index, const imaging::ProcessedPage&) override {
        if (!m_quiet)
            m_context.out() << fillPlaceholders(tr(N_("sheet {index} was blank and is left out")),
                                                {{"index", std::to_string(index + 1)}})
                            << "\n";
    }

private:
    Context& m_context;
    bool m_quiet;
};

std::optional<int> wholeNumber(const std::string& text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

} // namespace

int runScanners(Context& context, Arguments& args) {
    if (!args.empty())
        return context.usage(tr(N_("scanners takes no arguments")), "scanners");
    auto scanner = devices::systemScanner();
    auto found = scanner->devices();
    if (!found)
        return context.fail(found.error());
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& d : *found) {
            Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("name", d.name);
            row->set("vendor", d.vendor);
            row->set("model", d.model);
            row->set("type", d.type);
            if (auto caps = scanner->capabilities(d.name)) {
                Poco::JSON::Array::Ptr sources = new Poco::JSON::Array, modes = new Poco::JSON::Array,
                                       dpi = new Poco::JSON::Array;
                for (auto s : caps->sources)
                    sources->add(std::string(devices::toString(s)));
                for (auto m : caps->modes)
                    modes->add(std::string(devices::toString(m)));
                for (auto r : caps->resolutions)
                    dpi->add(r);
                row->set("sources", sources);
                row->set("modes", modes);
                row->set("resolutions", dpi);
            }
            list->add(row);
        }
        doc->set("scanners", list);
        context.printJson(doc);
        return kExitOk;
    }
    for (const auto& d : *found) {
        context.out() << d.name << "  " << d.vendor << " " << d.model << "  (" << d.type << ")\n";
        if (auto caps = scanner->capabilities(d.name)) {
            std::string sources, modes, dpi;
            for (auto s : caps->sources)
                sources += (sources.empty() ? "" : ", ") + std::string(devices::toString(s));
            for (auto m : caps->modes)
                modes += (modes.empty() ? "" : ", ") + std::string(devices::toString(m));
            for (auto r : caps->resolutions)
                dpi += (dpi.empty() ? "" : ", ") + std::to_string(r);
            context.out() << "    " << tr(N_("sources")) << ": " << sources << "; " << tr(N_("modes")) << ": "
                          << modes << "; " << tr(N_("dpi")) << ": " << dpi << "\n";
        }
    }
    if (found->empty())
        context.out() << tr(N_(
                             "no scanners found: check the cable and power, and that scanimage -L lists it"))
                      << "\n";
    return kExitOk;
}

int runScan(Context& context, Arguments& args) {
    std::string device, source = "ADF", resolution = "300", mode = "color", pagesText = "0", blank = "flag",
                        caseNumber, materialId, problem;
    args.option("--device", device, problem);
    args.option("--source", source, problem);
    args.option("--resolution", resolution, problem);
    args.option("--mode", mode, problem);
    args.option("--pages", pagesText, problem);
    args.option("--blank", blank, problem);
    args.option("--case", caseNumber, problem);
    args.option("--material", materialId, problem);
    if (!problem.empty() || device.empty() || caseNumber.empty() || materialId.empty() || !args.empty())
        return context.usage(
            problem.empty() ? tr(N_("scan needs --device NAME, --case CASE and --material ID")) : problem,
            "scan");
    services::ScanRequest request;
    request.device = device;
    request.caseNumber = caseNumber;
    request.materialId = materialId;
    const auto parsedSource = devices::scanSourceFromString(source);
    if (!parsedSource)
        return context.usage(
            fillPlaceholders(tr(N_("unknown source \"{source}\": use ADF, flatbed or duplex")),
                             {{"source", source}}),
            "scan");
    request.settings.source = *parsedSource;
    const auto parsedMode = devices::scanModeFromString(mode);
    if (!parsedMode)
        return context.usage(
            fillPlaceholders(tr(N_("unknown mode \"{mode}\": use color, gray or lineart")), {{"mode", mode}}),
            "scan");
    request.settings.mode = *parsedMode;
    const auto dpi = wholeNumber(resolution);
    const auto pages = wholeNumber(pagesText);
    if (!dpi || *dpi <= 0 || !pages || *pages < 0)
        return context.usage(
            tr(N_("--resolution and --pages take whole numbers (--pages 0: until the feeder is empty)")),
            "scan");
    request.settings.resolution = *dpi;
    request.settings.maxPages = *pages;
    if (blank == "keep")
        request.pipeline.blank.action = imaging::BlankAction::Keep;
    else if (blank == "flag")
        request.pipeline.blank.action = imaging::BlankAction::Flag;
    else if (blank == "drop")
        request.pipeline.blank.action = imaging::BlankAction::Drop;
    else
        return context.usage(fillPlaceholders(tr(N_("unknown --blank \"{value}\": use flag, drop or keep")),
                                              {{"value", blank}}),
                             "scan");

    if (!context.store())
        return kExitFailure;
    services::ScanCancel cancel;
    PrintingListener listener(context, context.json);
    core::Expected<services::ScanOutcome> outcome = [&] {
        InterruptCancels interrupt(cancel);
        return context.counter().scanPages(request, listener, cancel);
    }();
    if (!outcome)
        return context.fail(outcome.error());
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("ok", !outcome->error);
        doc->set("case", caseNumber);
        doc->set("material", materialId);
        doc->set("scanned", outcome->scanned);
        doc->set("stored", static_cast<int>(outcome->stored.size()));
        doc->set("dropped_blank", outcome->droppedBlank);
        doc->set("flagged_blank", outcome->flaggedBlank);
        doc->set("cancelled", outcome->cancelled);
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& p : outcome->stored) {
            Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("id", p.id);
            row->set("position", p.position);
            row->set("sha256", p.sha256);
            row->set("width", p.width);
            row->set("height", p.height);
            row->set("dpi", p.dpi);
            row->set("blank", p.blank);
            list->add(row);
        }
        doc->set("pages", list);
        if (outcome->error)
            doc->set("error", errorJson(*outcome->error, [&](const char* msgid) { return tr(msgid); }));
        context.printJson(doc);
        return outcome->error ? kExitFailure : kExitOk;
    }
    context.out() << fillPlaceholders(
        tr(N_("{stored} pages stored on {material} of case {case}")),
        {{"stored", std::to_string(outcome->stored.size())}, {"material", materialId}, {"case", caseNumber}});
    if (outcome->droppedBlank > 0)
        context.out() << ", "
                      << fillPlaceholders(tr(N_("{count} blank left out")),
                                          {{"count", std::to_string(outcome->droppedBlank)}});
    if (outcome->cancelled)
        context.out() << ", " << tr(N_("cancelled"));
    context.out() << "\n";
    if (outcome->error) {
        context.err() << context.text(*outcome->error) << "\n";
        return kExitFailure;
    }
    return kExitOk;
}

} // namespace ywtb::cli
