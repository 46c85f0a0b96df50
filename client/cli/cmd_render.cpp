// ywtb-counter-cli render KIND --case CASE --out FILE.pdf | documents CASE | templates check

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "render/document_layout.h"
#include "services/counter.h"
#include "services/document_service.h"
#include "services/reference_data.h"
#include "services/text_file.h"

#include <Poco/JSON/Array.h>
#include <optional>
#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

namespace {

std::optional<services::DocumentService> makeDocuments(Context& context) {
    if (!context.store() || !context.centre())
        return std::nullopt;
    auto documents = context.counter().documents();
    if (!documents) {
        context.fail(documents.error());
        return std::nullopt;
    }
    return std::move(documents).value();
}

std::string kindList() {
    std::string all;
    for (auto kind : render::allDocumentKinds())
        all += (all.empty() ? "" : ", ") + std::string(render::toString(kind));
    return all;
}

} // namespace

int runRender(Context& context, Arguments& args) {
    std::string caseNumber, out, problem;
    args.option("--case", caseNumber, problem);
    args.option("--out", out, problem);
    const auto kindWord = args.next();
    if (!problem.empty() || kindWord.empty() || caseNumber.empty() || out.empty() || !args.empty())
        return context.usage(problem.empty() ? tr(N_("render needs KIND, --case CASE and --out FILE.pdf"))
                                             : problem,
                             "render");
    const auto kind = render::documentKindFromString(kindWord);
    if (!kind)
        return context.usage(fillPlaceholders(tr(N_("unknown document \"{kind}\": use one of {kinds}")),
                                              {{"kind", kindWord}, {"kinds", kindList()}}),
                             "render");
    auto documents = makeDocuments(context);
    if (!documents)
        return kExitFailure;
    auto paper = documents->issue(caseNumber, *kind);
    if (!paper)
        return context.fail(paper.error());
    if (auto written = services::writeFile(out, paper->pdf); !written)
        return context.fail(written.error());
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("ok", true);
        doc->set("file", out);
        doc->set("number", paper->record.number);
        doc->set("pdf_sha256", paper->record.pdfSha256);
        doc->set("newly_issued", paper->newlyIssued);
        context.printJson(doc);
    } else {
        context.out()
            << fillPlaceholders(
                   paper->newlyIssued
                       ? tr(N_("issued {kind} {number} for case {case}: {file}"))
                       : tr(N_("the {kind} {number} issued earlier for case {case}, as it was: {file}")),
                   {{"kind", paper->record.kind},
                    {"number", paper->record.number},
                    {"case", caseNumber},
                    {"file", out}})
            << "\n";
    }
    return kExitOk;
}

int runDocuments(Context& context, Arguments& args) {
    const auto caseNumber = args.next();
    if (caseNumber.empty() || !args.empty())
        return context.usage(tr(N_("documents needs the case number")), "documents");
    auto documents = makeDocuments(context);
    if (!documents)
        return kExitFailure;
    auto list = documents->documents(caseNumber);
    if (!list)
        return context.fail(list.error());
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
        for (const auto& r : *list) {
            Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("kind", r.kind);
            row->set("number", r.number);
            row->set("template_version", r.templateVersion);
            row->set("pdf_sha256", r.pdfSha256);
            row->set("staff", r.staff);
            row->set("window", r.window);
            row->set("issued_at", r.issuedAt);
            row->set("copies_printed", r.copiesPrinted);
            row->set("reprints", r.reprints);
            rows->add(row);
        }
        doc->set("case", caseNumber);
        doc->set("documents", rows);
        context.printJson(doc);
        return kExitOk;
    }
    for (const auto& r : *list)
        context.out() << r.issuedAt << "  " << r.kind << "  " << (r.number.empty() ? "-" : r.number) << "  v"
                      << r.templateVersion << "  " << r.staff << "@" << r.window << "  "
                      << r.pdfSha256.substr(0, 12) << "  "
                      << fillPlaceholders(tr(N_("{copies} printed, {reprints} reprints")),
                                          {{"copies", std::to_string(r.copiesPrinted)},
                                           {"reprints", std::to_string(r.reprints)}})
                      << "\n";
    if (list->empty())
        context.out() << fillPlaceholders(tr(N_("no documents issued for case {case}")),
                                          {{"case", caseNumber}})
                      << "\n";
    return kExitOk;
}

int runTemplates(Context& context, Arguments& args) {
    if (args.next() != "check" || !args.empty())
        return context.usage(tr(N_("templates needs check")), "templates");
    const auto errors = services::checkTemplates(context.paths.templatesDir);
    if (!errors.empty())
        return context.fail(errors);
    context.out() << fillPlaceholders(tr(N_("all {count} templates in {dir} are valid")),
                                      {{"count", std::to_string(render::allDocumentKinds().size())},
                                       {"dir", context.paths.templatesDir.string()}})
                  << "\n";
    return kExitOk;
}

} // namespace ywtb::cli
