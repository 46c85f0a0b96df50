// ywtb-counter-cli case pdf CASE [--material ID] --out FILE.pdf: the scanned pages as one PDF

#include "cli/case_commands.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "services/counter.h"
#include "services/scan_service.h"
#include "services/text_file.h"

#include <ostream>

namespace ywtb::cli {

using core::fillPlaceholders;

int casePdf(Context& context, Arguments& args) {
    std::string materialId, out, problem;
    args.option("--material", materialId, problem);
    args.option("--out", out, problem);
    const auto caseNumber = args.next();
    if (!problem.empty() || caseNumber.empty() || out.empty() || !args.empty())
        return context.usage(problem.empty() ? tr(N_("case pdf needs CASE and --out FILE.pdf")) : problem,
                             "case");
    if (!context.store())
        return kExitFailure;
    auto pdf = context.counter().scannedPagesPdf(caseNumber, materialId);
    if (!pdf)
        return context.fail(pdf.error());
    if (auto written = services::writeFile(out, *pdf); !written)
        return context.fail(written.error());
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("ok", true);
        doc->set("file", out);
        doc->set("case", caseNumber);
        if (!materialId.empty())
            doc->set("material", materialId);
        doc->set("bytes", static_cast<std::int64_t>(pdf->size()));
        context.printJson(doc);
    } else {
        context.out() << fillPlaceholders(tr(N_("the scanned pages of case {case} are in {file}")),
                                          {{"case", caseNumber}, {"file", out}})
                      << "\n";
    }
    return kExitOk;
}

} // namespace ywtb::cli
