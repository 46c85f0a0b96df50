#include "server/admin_commands.h"

#include "server/access_policy.h"
#include "server/http_io.h"
#include "server/password.h"
#include "server/security.h"
#include "server/server_store.h"
#include "store/database.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace ywtb::server {

namespace {

constexpr const char* kAdminUsage =
    "usage: ywtb-counter-server admin COMMAND --data-dir DIR\n"
    "  approve CASE [--note TEXT]      the case is approved; its counter sees it in the status feed\n"
    "  deny CASE [--note TEXT]         the case is denied\n"
    "  decide CASE approve|deny        the same, spelled the other way\n"
    "  cases                           every case the server holds, its status and how many changes it got\n"
    "  conflicts                       changes kept but not applied, and why: not a legal step of the "
    "case's\n"
    "                                  lifecycle, or against a status the server owns\n"
    "  publish NAME PATH               publish catalogue|templates|calendars from a folder of *.json files "
    "(or a\n"
    "                                  bundle file), indicators from its JSON file; the counters take it at "
    "their next sync\n"
    "  add-staff ID NAME [--role ROLE] [--centre CODE]\n"
    "                                  add a staff member (an intake_clerk of centre 310104 unless told), or "
    "reset\n"
    "                                  the password of one; the password is read from standard input; every "
    "session\n"
    "                                  of theirs ends\n"
    "  set-password ID                 a new password (standard input); every session of theirs ends\n"
    "  change-staff ID [--name NAME] [--role ROLE] [--centre CODE]\n"
    "                                  ROLE: intake_clerk, pickup_clerk, supervisor, centre_admin, "
    "department_reviewer\n"
    "  deactivate ID | activate ID     a deactivated staff member cannot sign in; their sessions end at "
    "once\n"
    "  staff                           every staff member: role, centre, active\n"
    "  add-window ID intake|pickup NAME [--centre CODE]\n"
    "  reads --case CASE | --staff ID  who read a case's personal data, or what a staff member read: when, "
    "window,\n"
    "                                  address (the append-only read audit)\n"
    "  --test-kdf-iterations N         FOR TESTS ONLY: hash passwords with N PBKDF2 iterations, not "
    "600,000\n";

std::optional<std::string> readAll(const std::filesystem::path& path, std::string& problem) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    if (!file || !(text << file.rdbuf())) {
        problem = "cannot read " + path.string() + " (check the path)";
        return std::nullopt;
    }
    return text.str();
}

std::optional<Poco::Dynamic::Var> parsed(const std::string& text, const std::filesystem::path& path,
                                         std::string& problem) {
    try {
        Poco::JSON::Parser parser;
        return std::optional<Poco::Dynamic::Var>(std::in_place, parser.parse(text));
    } catch (const Poco::Exception& e) {
        problem = path.string() + " is not valid JSON: " + e.displayText();
        return std::nullopt;
    }
}

/// What a counter pulls as reference document `name` (docs/api.md section 4): the indicator set's file as it
/// is; for the others, a folder's *.json files bundled under their names ("format": "ywtb-reference-bundle"),
/// which the counter checks file by file as it checks the shipped forms/ and templates/.
std::optional<std::string> referenceDocument(const std::string& name, const std::filesystem::path& path,
                                             std::string& problem) {
    if (!std::filesystem::is_directory(path)) {
        auto text = readAll(path, problem);
        if (!text || !parsed(*text, path, problem))
            return std::nullopt;
        return text;
    }
    if (name == "indicators") {
        problem = "the indicator set is one file, not a folder";
        return std::nullopt;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(path))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        problem = path.string() + " has no *.json files";
        return std::nullopt;
    }
    Poco::JSON::Object::Ptr bundle = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    bundle->set("format", "ywtb-reference-bundle");
    bundle->set("format_version", 1);
    Poco::JSON::Object::Ptr contents = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& file : files) {
        auto text = readAll(file, problem);
        auto value = text ? parsed(*text, file, problem) : std::nullopt;
        if (!value)
            return std::nullopt;
        contents->set(file.filename().string(), *value);
    }
    bundle->set("files", contents);
    std::ostringstream out;
    bundle->stringify(out);
    return out.str();
}

int usage(std::ostream& err, const std::string& problem) {
    err << "ywtb-counter-server admin: " << problem << "\n" << kAdminUsage;
    return 2;
}

} // namespace

int runAdminCommand(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                    std::ostream& err) {
    std::string dataDir;
    std::string note;
    std::map<std::string, std::string> options; // --role, --centre, --name, --case, --staff
    SecuritySettings kdf;
    std::vector<std::string> words;
    for (std::size_t i = 0; i < args.size(); ++i) {
        static const std::set<std::string> valued{"--role", "--centre", "--name", "--case", "--staff"};
        if (args[i] == "--data-dir" || args[i] == "--note") {
            if (i + 1 >= args.size())
                return usage(err, args[i] + " needs a value");
            (args[i] == "--data-dir" ? dataDir : note) = args[i + 1];
            ++i;
        } else if (valued.count(args[i]) > 0) {
            if (i + 1 >= args.size())
                return usage(err, args[i] + " needs a value");
            options[args[i]] = args[i + 1];
            ++i;
        } else if (args[i] == "--test-kdf-iterations") {
            std::string problem;
            if (i + 1 >= args.size() || !takeSecurityOption(args[i], args[i + 1], kdf, problem))
                return usage(err, problem.empty() ? args[i] + " needs a value" : problem);
            ++i;
        } else if (args[i].rfind("--", 0) == 0) {
            return usage(err, "unknown option " + args[i]);
        } else {
            words.push_back(args[i]);
        }
    }
    if (words.empty())
        return usage(err, "which command?");
    if (dataDir.empty())
        return usage(err, "--data-dir DIR is required (the directory the server runs with)");
    if (!std::filesystem::exists(std::filesystem::path(dataDir) / "server.sqlite"))
        return usage(err, "there is no server data in " + dataDir + " (start the server with --data-dir " +
                              dataDir + " first)");
    std::optional<Role> role;
    if (options.count("--role") > 0) {
        role = roleFromString(options["--role"]);
        if (!role)
            return usage(err, "--role must be " + std::string(roleNames()));
    }
    const std::string centre = options.count("--centre") > 0 ? options["--centre"] : "";
    if (!centre.empty() && (!matches(centre, Charset::Identifier) || centre.size() > 32))
        return usage(err, "--centre must be a centre code such as 310104");
    for (const auto& warning : securityWarnings(kdf))
        err << warning << "\n";
    try {
        ServerStore store(dataDir);
        store.setPasswordIterations(kdf.kdfIterations);
        // `decide CASE approve|deny` (issue 7's spelling) is `approve|deny CASE`.
        if (words[0] == "decide" && words.size() == 3 && (words[2] == "approve" || words[2] == "deny"))
            words = {words[2], words[1]};
        const std::string& command = words[0];
        if ((command == "approve" || command == "deny") && words.size() == 2) {
            const std::string status = command == "approve" ? "approved" : "denied";
            if (note.empty())
                note = command == "approve" ? "approved by the department" : "denied by the department";
            if (!store.decideCase(words[1], status, note)) {
                err << "ywtb-counter-server admin: the server has no case " << words[1]
                    << " — the counter has not pushed it yet; run the counter's sync, then try again\n";
                return 1;
            }
            out << words[1] << ": " << status << "\n";
            return 0;
        }
        if (command == "cases" && words.size() == 1) {
            for (const auto& c : store.cases())
                out << c.number << "  " << c.status << (c.serverOwned ? " (server)" : "")
                    << "  changes: " << c.changes << "  updated " << c.updatedAt << "\n";
            return 0;
        }
        if (command == "conflicts" && words.size() == 1) {
            for (const auto& line : store.conflicts())
                out << line << "\n";
            return 0;
        }
        if (command == "publish" && words.size() == 3) {
            const std::string& name = words[1];
            if (name != "catalogue" && name != "templates" && name != "calendars" && name != "indicators")
                return usage(err, "NAME must be catalogue, templates, calendars or indicators");
            std::string problem;
            const auto document = referenceDocument(name, words[2], problem);
            if (!document) {
                err << "ywtb-counter-server admin: " << problem << " — fix it and publish again\n";
                return 1;
            }
            store.publishReference(name, *document);
            out << name << " published from " << words[2] << "\n";
            return 0;
        }
        if ((command == "add-staff" && words.size() == 3) ||
            (command == "set-password" && words.size() == 2)) {
            if (!matches(words[1], Charset::Identifier) || words[1].size() > 32)
                return usage(err, "ID must be 1 to 32 letters, digits, '_' or '-'");
            std::string password;
            std::getline(in, password);
            if (!password.empty() && password.back() == '\r')
                password.pop_back();
            if (password.empty())
                return usage(err,
                             "type the password on standard input (it is never taken from the command line)");
            if (auto problem = passwordProblem(password, words[1])) {
                err << "ywtb-counter-server admin: " << *problem << " — choose a longer one that is hard to "
                    << "guess (at least " << kMinPasswordLength << " characters, not the staff number)\n";
                return 1;
            }
            if (command == "set-password") {
                if (!store.setPassword(words[1], password)) {
                    err << "ywtb-counter-server admin: there is no staff member " << words[1]
                        << " — add them with add-staff\n";
                    return 1;
                }
                out << "staff " << words[1] << " has a new password; their sessions ended\n";
                return 0;
            }
            store.addStaff(words[1], words[2], password, role, centre);
            const auto added = store.staff(words[1]);
            out << "staff " << words[1] << " can sign in (" << toString(added->role) << ", centre "
                << added->centre << ")\n";
            return 0;
        }
        if (command == "change-staff" && words.size() == 2) {
            StaffChange change{options.count("--name") > 0 ? options["--name"] : "", role, centre,
                               std::nullopt};
            if (change.name.empty() && !change.role && change.centre.empty())
                return usage(err, "change-staff needs --name, --role or --centre");
            if (!store.changeStaff(words[1], change)) {
                err << "ywtb-counter-server admin: there is no staff member " << words[1] << "\n";
                return 1;
            }
            const auto changed = store.staff(words[1]);
            out << "staff " << words[1] << ": " << changed->name << ", " << toString(changed->role)
                << ", centre " << changed->centre << "\n";
            return 0;
        }
        if ((command == "deactivate" || command == "activate") && words.size() == 2) {
            const bool active = command == "activate";
            if (!store.changeStaff(words[1], StaffChange{"", std::nullopt, "", active})) {
                err << "ywtb-counter-server admin: there is no staff member " << words[1] << "\n";
                return 1;
            }
            out << "staff " << words[1]
                << (active ? " can sign in again\n" : " deactivated: cannot sign in, sessions ended\n");
            return 0;
        }
        if (command == "staff" && words.size() == 1) {
            for (const auto& s : store.allStaff())
                out << s.id << "  " << s.name << "  " << toString(s.role) << "  centre " << s.centre
                    << (s.active ? "" : "  (deactivated)") << "\n";
            return 0;
        }
        if (command == "reads" && words.size() == 1) {
            const std::string caseNumber = options.count("--case") > 0 ? options["--case"] : "";
            const std::string staffId = options.count("--staff") > 0 ? options["--staff"] : "";
            if (caseNumber.empty() == staffId.empty())
                return usage(err, "reads needs --case CASE or --staff ID (one of them)");
            for (const auto& r : store.reads(caseNumber, staffId))
                out << r.at << "  case " << r.caseNumber << "  staff " << r.staffId << "  window "
                    << r.windowId << "  from " << r.address << "\n";
            return 0;
        }
        if (command == "add-window" && words.size() == 4) {
            if (words[2] != "intake" && words[2] != "pickup")
                return usage(err, "the window type must be intake or pickup");
            if (!matches(words[1], Charset::Identifier) || words[1].size() > 32)
                return usage(err, "ID must be 1 to 32 letters, digits, '_' or '-'");
            store.addWindow({words[1], words[2], words[3], centre.empty() ? kDefaultCentre : centre});
            out << "window " << words[1] << " added\n";
            return 0;
        }
        return usage(err, "unknown command or wrong number of arguments: " + command);
    } catch (const store::StoreFailure& e) {
        err << "ywtb-counter-server admin: " << e.error().str() << "\n";
        return 1;
    }
}

} // namespace ywtb::server
