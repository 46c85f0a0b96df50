#include "cli/commands.h"

#include "cli/i18n.h"
#include "core/message.h"

#include <algorithm>

namespace ywtb::cli {

std::string Arguments::next() {
    return empty() ? std::string() : m_words[m_next++];
}

const std::string& Arguments::peek() const {
    static const std::string none;
    return empty() ? none : m_words[m_next];
}

bool Arguments::option(const std::string& name, std::string& value, std::string& problem) {
    for (std::size_t i = m_next; i < m_words.size(); ++i) {
        const auto& word = m_words[i];
        if (word == name) {
            if (i + 1 >= m_words.size() || m_words[i + 1].starts_with("--")) {
                problem = core::fillPlaceholders(tr(N_("{option} needs a value")), {{"option", name}});
                m_words.erase(m_words.begin() + static_cast<long>(i));
                return false;
            }
            value = m_words[i + 1];
            m_words.erase(m_words.begin() + static_cast<long>(i), m_words.begin() + static_cast<long>(i) + 2);
            return true;
        }
        if (word.starts_with(name + "=")) {
            value = word.substr(name.size() + 1);
            m_words.erase(m_words.begin() + static_cast<long>(i));
            return true;
        }
    }
    return false;
}

bool Arguments::flag(const std::string& name) {
    auto found =
        std::find(m_words.begin() + static_cast<long>(std::min(m_next, m_words.size())), m_words.end(), name);
    if (found == m_words.end())
        return false;
    m_words.erase(found);
    return true;
}

std::vector<std::string> Arguments::rest() const {
    return std::vector<std::string>(m_words.begin() + static_cast<long>(std::min(m_next, m_words.size())),
                                    m_words.end());
}

const std::vector<Command>& commands() {
    static const std::vector<Command> all{
        {"version", "--version", N_("print the program and schema versions"), runVersion},
        {"validate", "validate (id|uscc|phone) VALUE",
         N_("check an ID number, a unified social credit code or a phone number"), runValidate},
        {"catalogue", "catalogue (summary|list|show CODE|search TEXT|import FILE_OR_DIR|remove CODE)",
         N_("read, search, import and remove items of the catalogue"), runCatalogue},
        {"deadline", "deadline --from YYYY-MM-DD (--days N | --item CODE [--kind statutory|promised])",
         N_("the due date, counted in working days"), runDeadline},
        {"case",
         "case (new --item CODE (--applicant FILE | --from-idcard [--idcard PORT]) [--agent FILE] | material "
         "CASE ID --status S [--licence NO] [--note TEXT] |\n"
         "        decide CASE KIND [--reason-kind K] [--reason TEXT] [--apply-to TEXT] [--basis TEXT] "
         "[--supplement-by "
         "DATE] [--pledge-signed]\n"
         "        [--signature PNG] |\n"
         "        review CASE (start|approve|deny|ready) [--reason TEXT] | release CASE --method M "
         "--receiver NAME [--proxy-id ID]\n"
         "        [--tracking NO] [--locker CODE] [--signature PNG] [--check-idcard [--idcard PORT]] |\n"
         "        fetch CASE --server URL [--ca FILE] [--password-file F] | resubmit CASE | show CASE | list "
         "[--status S] [--overdue] [--due-before DATE]\n"
         "        [--applicant ID] | sweep | pdf CASE [--material ID] --out FILE.pdf |\n"
         "        form CASE [--file VALUES.json] [--set FIELD=VALUE ...])",
         N_("take an application at the counter and follow it to release"), runCase},
        {"form", "form (show CODE | check)",
         N_("the application form of an item, and the check of every form in forms/application"), runForm},
        {"audit", "audit (verify | recent [N])",
         N_("check the audit trail's hash chain, or show its newest entries"), runAudit},
        {"numbers",
         "numbers (reserve --kind K --year YYYY --from N --to M | pull --server URL --kind K --year YYYY "
         "--count N [--ca FILE] | list)",
         N_("reserve and list this window's blocks of document numbers, by hand or from the central server"),
         runNumbers},
        {"queue",
         "queue (next | recall ID | skip ID | transfer ID --to WINDOW | done ID | list | issue "
         "walk_in|appointment [--item CODE])\n"
         "        --server URL [--ca FILE] [--password-file F]",
         N_("the hall's queue for this window: call the next ticket (appointments first), recall, skip, "
            "transfer, finish"),
         runQueue},
        {"credit", "credit flag ID_OR_CODE --reason TEXT",
         N_("put an applicant on the local credit list (no conditional acceptance)"), runCredit},
        {"render", "render KIND --case CASE --out FILE.pdf",
         N_("the paper of a decision as PDF (acceptance, receipt, correction, pledge, supplement, refusal, "
            "decision, delivery-receipt)"),
         runRender},
        {"documents", "documents CASE",
         N_("the documents issued for a case: number, template version, who, when, prints"), runDocuments},
        {"templates", "templates check", N_("validate every document template in templates/"), runTemplates},
        {"printers", "printers", N_("the printer queues of this computer"), runPrinters},
        {"print", "print FILE.pdf [--printer NAME] [--copies N]",
         N_("print a PDF and wait for the job's fate; a registered document's prints are counted"), runPrint},
        {"login", "login --server URL --user STAFF [--ca FILE]   (the password on standard input)",
         N_("sign in at the central server (kept for sync), or offline against this PC's record of the last "
            "online sign-in"),
         runLogin},
        {"sync",
         "sync ((once | run) --server URL [--password-file F] [--ca FILE] | status | poisoned | retry ID | "
         "discard ID)",
         N_("send the outbox to the central server (once, or until stopped); list, retry or discard the "
            "entries it refused"),
         runSync},
        {"outbox", "outbox [--failed] | outbox (retry | discard) ID",
         N_("the changes waiting for the central server, or (--failed) those it refused; retry or discard a "
            "refused one"),
         runOutbox},
        {"scanners", "scanners", N_("the scanners of this computer and what each offers"), runScanners},
        {"scan",
         "scan --device NAME [--source ADF|flatbed|duplex] [--resolution 300] [--mode color|gray|lineart] "
         "[--pages N]\n"
         "        [--blank flag|drop|keep] --case CASE --material ID",
         N_("scan pages onto a material of a case; each page is stored as it arrives, Ctrl+C stops"),
         runScan},
        {"pages",
         "pages (CASE [--material ID] | move CASE PAGE --to N | rotate CASE PAGE [--by 90|180|270|-90] | "
         "delete CASE PAGE)",
         N_("the scanned pages of a case, in order; move, turn or delete a page"), runPages},
        {"devices", "devices [--idcard PORT] [--rating PORT|ws://…] [--signature PORT|ws://…]",
         N_("the ID-card reader, rating device and signature pad of this counter (forms/devices.json) and "
            "their states"),
         runDevices},
        {"idcard", "idcard read [--idcard PORT]", N_("read the ID card on the reader"), runIdCard},
        {"rate", "rate CASE --stage receive|accept|release [--rating PORT|ws://…] [--wait SECONDS]",
         N_("ask the applicant to rate a step of the case on the 好差评 device and keep the rating"),
         runRate},
        {"sign", "sign CASE --document pledge|delivery-receipt [--signature PORT|ws://…] [--wait SECONDS]",
         N_("capture the applicant's signature for a document on the pad"), runSign},
        {"ratings", "ratings [--bad] [--overdue] [--case CASE]",
         N_("the ratings given at this counter; bad ones with their rectification"), runRatings},
        {"rating", "rating answer ID --text TEXT",
         N_("record the answer (contact and rectification) to a bad rating"), runRating},
    };
    return all;
}

std::string usageText(const std::string& command) {
    std::string out;
    for (const auto& c : commands()) {
        if (c.name == command) {
            out += tr(N_("usage")) + ": ywtb-counter-cli [--data-dir DIR] [--json] " + c.synopsis + "\n  " +
                   tr(c.summary) + "\n";
            return out;
        }
    }
    out += tr(N_("usage")) +
           ": ywtb-counter-cli [--data-dir DIR] [--window ID] [--staff ID] [--json] COMMAND ...\n\n";
    out += tr(N_("commands")) + ":\n";
    for (const auto& c : commands())
        out += "  " + std::string(c.synopsis) + "\n      " + tr(c.summary) + "\n";
    out += "\n" + tr(N_("options")) + ":\n";
    out += "  --data-dir DIR   " +
           tr(N_("where the counter keeps its data (default: the XDG data directory)")) + "\n";
    out += "  --window ID      " + tr(N_("the window you work at (default: $YWTB_WINDOW, else W01)")) + "\n";
    out += "  --staff ID       " + tr(N_("your staff number, for the audit trail (default: $YWTB_STAFF)")) +
           "\n";
    out += "  --json           " + tr(N_("print results and errors as JSON")) + "\n";
    out += "  --help           " + tr(N_("print this text")) + "\n";
    out += "\n" + tr(N_("exit status: 0 done, 1 invalid input or failure, 2 wrong usage")) + "\n";
    return out;
}

} // namespace ywtb::cli
