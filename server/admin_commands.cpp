#include "server/admin_commands.h"

#include "server/http_io.h"
#include "server/server_store.h"
#include "store/database.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <fstream>
#include <iostream>
#include <sstream>

namespace ywtb::server {

namespace {

constexpr const char* kAdminUsage =
    "usage: ywtb-counter-server admin COMMAND --data-dir DIR\n"
    "  approve CASE [--note TEXT]      the case is approved; its counter sees it in the status feed\n"
    "  deny CASE [--note TEXT]         the case is denied\n"
    "  decide CASE approve|deny        the same, spelled the other way\n"
    "  cases                           every case the server holds, its status and how many changes it got\n"
    "  conflicts                       changes that contradicted a status the server owns\n"
    "  publish NAME FILE               publish catalogue|templates|calendars|indicators from a JSON file\n"
    "  add-staff ID NAME               add a staff member or reset a password; the password is read from "
    "standard input\n"
    "  add-window ID intake|pickup NAME\n";

int usage(std::ostream& err, const std::string& problem) {
    err << "ywtb-counter-server admin: " << problem << "\n" << kAdminUsage;
    return 2;
}

} // namespace

int runAdminCommand(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                    std::ostream& err) {
    std::string dataDir;
    std::string note;
    std::vector<std::string> words;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--data-dir" || args[i] == "--note") {
            if (i + 1 >= args.size())
                return usage(err, args[i] + " needs a value");
            (args[i] == "--data-dir" ? dataDir : note) = args[i + 1];
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
    try {
        ServerStore store(dataDir);
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
            std::ifstream file(words[2], std::ios::binary);
            if (!file) {
                err << "ywtb-counter-server admin: cannot read " << words[2] << " — check the path\n";
                return 1;
            }
            std::ostringstream text;
            text << file.rdbuf();
            try {
                Poco::JSON::Parser parser;
                parser.parse(text.str());
            } catch (const Poco::Exception& e) {
                err << "ywtb-counter-server admin: " << words[2] << " is not valid JSON: " << e.displayText()
                    << " — fix the file and publish again\n";
                return 1;
            }
            store.publishReference(name, text.str());
            out << name << " published from " << words[2] << "\n";
            return 0;
        }
        if (command == "add-staff" && words.size() == 3) {
            if (!matches(words[1], Charset::Identifier) || words[1].size() > 32)
                return usage(err, "ID must be 1 to 32 letters, digits, '_' or '-'");
            std::string password;
            std::getline(in, password);
            if (password.empty())
                return usage(err,
                             "type the password on standard input (it is never taken from the command line)");
            store.addStaff(words[1], words[2], password);
            out << "staff " << words[1] << " can sign in\n";
            return 0;
        }
        if (command == "add-window" && words.size() == 4) {
            if (words[2] != "intake" && words[2] != "pickup")
                return usage(err, "the window type must be intake or pickup");
            if (!matches(words[1], Charset::Identifier) || words[1].size() > 32)
                return usage(err, "ID must be 1 to 32 letters, digits, '_' or '-'");
            store.addWindow({words[1], words[2], words[3]});
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
