// ywtb-counter-cli --version

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/i18n.h"
#include "services/counter.h"

#include <ostream>

namespace ywtb::cli {

int runVersion(Context& context, Arguments& args) {
    if (!args.empty())
        return context.usage(tr(N_("--version takes no arguments")), "version");
    if (context.json) {
        Poco::JSON::Object::Ptr doc = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        doc->set("program", "ywtb-counter-cli");
        doc->set("version", YWTB_VERSION);
        doc->set("schema", services::Counter::storeSchemaVersion());
        context.printJson(doc);
    } else {
        context.out() << "ywtb-counter-cli " << YWTB_VERSION << " (" << tr(N_("store schema")) << " "
                      << services::Counter::storeSchemaVersion() << ")\n";
    }
    return kExitOk;
}

} // namespace ywtb::cli
