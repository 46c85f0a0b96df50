#include "services/reference_data.h"

#include "services/calendar_service.h"
#include "services/catalogue_service.h"
#include "services/document_service.h"
#include "services/text_file.h"
#include "store/audit_log.h"
#include "store/database.h"
#include "store/durable_file.h"
#include "store/local_store.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <cctype>
#include <sstream>
#include <system_error>

namespace ywtb::services {

using core::Error;
using core::Message;

namespace fs = std::filesystem;

namespace {

/// What `admin publish` makes of a folder of data files (server/README.md): each file's JSON under its name.
constexpr const char* kBundleFormat = "ywtb-reference-bundle";
constexpr std::size_t kMaxFiles = 500;

fs::path referenceDir(const fs::path& dataDir) {
    return dataDir / "reference";
}

Error refused(const std::string& name, Message what) {
    return Error{
        "reference.invalid", std::move(what), "central server, reference/" + name,
        Message(N_(
            "the counter keeps using what it has; the centre's administrator fixes the files and publishes "
            "them again (ywtb-counter-server admin publish)"))};
}

/// The failure of a check the shipped files also pass, named as the published document's.
Error refusedFile(const std::string& name, const Error& problem) {
    Error e = problem;
    e.where = "central server, reference/" + name + ": " + fs::path(problem.where).filename().string();
    return e;
}

bool safeFileName(const std::string& file) {
    if (file.size() < 6 || file.size() > 64 || file.front() == '.' || file.substr(file.size() - 5) != ".json")
        return false;
    for (unsigned char c : file)
        if (!std::isalnum(c) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

/// Unpacks the bundle `body` into the empty folder `into`, each file written durably.
core::Expected<std::vector<std::string>> unpackBundle(const std::string& name, const std::string& body,
                                                      const fs::path& into) {
    Poco::JSON::Object::Ptr top;
    try {
        Poco::JSON::Parser parser;
        top = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        return refused(name,
                       Message(N_("the {name} the centre published is not a JSON object"), {{"name", name}}));
    }
    if (top->optValue<std::string>("format", "") != kBundleFormat ||
        top->optValue<int>("format_version", 0) != 1)
        return refused(name, Message(N_("the {name} the centre published is not a bundle of data files "
                                        "(\"format\": \"{format}\", version 1)"),
                                     {{"name", name}, {"format", kBundleFormat}}));
    const auto files = top->getObject("files");
    if (!files || files->size() == 0 || files->size() > kMaxFiles)
        return refused(name,
                       Message(N_("the {name} the centre published has no \"files\", or more than {max}"),
                               {{"name", name}, {"max", std::to_string(kMaxFiles)}}));
    std::vector<std::string> names;
    for (const auto& [file, value] : *files) {
        // A name from the server never leaves the folder: no separators, no "..", only *.json.
        if (!safeFileName(file))
            return refused(
                name,
                Message(
                    N_("the {name} the centre published has a file named \"{file}\": only letters, digits, "
                       "'-', '_' and '.' ending in .json"),
                    {{"name", name}, {"file", file.substr(0, 80)}}));
        std::ostringstream text;
        Poco::JSON::Stringifier::stringify(value, text, 2);
        if (auto written = store::writeFileDurably(into, into / file, text.str()); !written)
            return written.error();
        names.push_back(file);
    }
    return names;
}

/// Replaces DATA/reference/`name` by the checked folder `incoming`; the ETag file written last makes the
/// renames durable (it flushes the folder that holds them).
core::Expected<core::Done> swapIn(const fs::path& dataDir, const std::string& name,
                                  const fs::path& incoming) {
    const auto dir = referenceDir(dataDir);
    const auto current = dir / name;
    const auto old = dir / (name + ".old");
    std::error_code ec;
    fs::remove_all(old, ec);
    if (fs::exists(current))
        fs::rename(current, old, ec);
    if (!ec)
        fs::rename(incoming, current, ec);
    if (ec)
        return Error{"reference.write",
                     Message(N_("the pulled {name} cannot be put in place: {detail}"),
                             {{"name", name}, {"detail", ec.message()}}),
                     current.string(),
                     Message(N_("check the permissions and free space of the data folder"))};
    fs::remove_all(old, ec);
    return store::writeFileDurably(dir, dir / (name + ".installed"), name + "\n");
}

std::string listed(const std::vector<std::string>& files) {
    std::string out;
    for (std::size_t i = 0; i < files.size() && i < 6; ++i)
        out += (i ? ", " : "") + files[i];
    return files.size() > 6 ? out + ", …" : out;
}

core::Expected<std::string> installFolder(store::LocalStore& store, const std::string& name,
                                          const std::string& body, const Actor& actor,
                                          const core::Clock& clock) {
    const auto dir = referenceDir(store.dataDir());
    const auto incoming = dir / (name + ".incoming");
    std::error_code ec;
    fs::create_directories(dir, ec);
    fs::remove_all(incoming, ec);
    fs::create_directories(incoming, ec);
    if (ec)
        return Error{"reference.write",
                     Message(N_("the pulled {name} cannot be written: {detail}"),
                             {{"name", name}, {"detail", ec.message()}}),
                     incoming.string(),
                     Message(N_("check the permissions and free space of the data folder"))};
    struct Cleanup {
        fs::path path;
        ~Cleanup() {
            std::error_code ignored;
            fs::remove_all(path, ignored);
        }
    } cleanup{incoming};

    auto files = unpackBundle(name, body, incoming);
    if (!files)
        return files.error();
    const std::string summary =
        name + ": " + std::to_string(files->size()) + " files (" + listed(*files) + ")";
    if (name == "catalogue") {
        // Checked whole and written in one transaction with its own audit entry, as an import by hand.
        auto imported = importCatalogue(store, incoming, actor, clock);
        if (!imported.ok())
            return refusedFile(name, imported.errors.front());
        return "catalogue: " + std::to_string(imported.report.items) + " items from " +
               std::to_string(files->size()) + " files";
    }
    if (name == "calendars") {
        auto loaded = loadCalendars(incoming);
        if (!loaded.ok())
            return refusedFile(name, loaded.errors.front());
    } else {
        auto problems = checkTemplates(incoming);
        if (!problems.empty())
            return refusedFile(name, problems.front());
    }
    if (auto swapped = swapIn(store.dataDir(), name, incoming); !swapped)
        return swapped.error();
    return summary;
}

core::Expected<std::string> installIndicators(store::LocalStore& store, const std::string& body) {
    auto set = core::parseIndicatorSet(body, "central server, reference/indicators");
    if (!set)
        return set.error();
    const auto dir = referenceDir(store.dataDir());
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (auto written = store::writeFileDurably(dir, dir / "indicators.json", body); !written)
        return written.error();
    return "indicators: " + set->version + ", " + std::to_string(set->indicators.size()) + " indicators";
}

} // namespace

const std::vector<std::string>& referenceNames() {
    static const std::vector<std::string> names{"catalogue", "calendars", "templates", "indicators"};
    return names;
}

core::Expected<std::string> installReference(store::LocalStore& store, const std::string& name,
                                             const std::string& body, const Actor& actor,
                                             const core::Clock& clock) {
    core::Expected<std::string> installed =
        name == "indicators" ? installIndicators(store, body)
        : name == "catalogue" || name == "calendars" || name == "templates"
            ? installFolder(store, name, body, actor, clock)
            : core::Expected<std::string>(
                  refused(name, Message(N_("there is no reference document \"{name}\""), {{"name", name}})));
    if (!installed)
        return installed;
    try {
        store::Transaction tx(store.db());
        store::appendAudit(tx, {.at = clock.nowUtc(),
                                .staff = actor.staff,
                                .window = actor.window,
                                .action = "reference.install",
                                .subject = name,
                                .detail = *installed});
        tx.commit();
    } catch (const store::StoreFailure& failure) {
        return failure.error();
    }
    return installed;
}

fs::path calendarFolder(const fs::path& dataDir, const fs::path& formsDir) {
    const auto pulled = referenceDir(dataDir) / "calendars";
    return fs::is_directory(pulled) ? pulled : formsDir / "calendar";
}

fs::path templateFolder(const fs::path& dataDir, const fs::path& templatesDir) {
    const auto pulled = referenceDir(dataDir) / "templates";
    return fs::is_directory(pulled) ? pulled : templatesDir;
}

core::Expected<core::RatingIndicatorSet> loadIndicatorSet(const fs::path& dataDir) {
    const auto pulled = referenceDir(dataDir) / "indicators.json";
    if (!fs::exists(pulled))
        return core::onSiteIndicators();
    auto text = readTextFile(pulled);
    if (!text)
        return text.error();
    return core::parseIndicatorSet(*text, pulled.string());
}

} // namespace ywtb::services
