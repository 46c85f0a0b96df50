#include "app/start_options.h"

namespace ywtb::app {

StartOptions parseStartOptions(const std::vector<std::string>& args) {
    StartOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        auto value = [&](std::string& into) {
            if (i + 1 >= args.size() || args[i + 1].starts_with("--")) {
                options.problem = arg + " needs a value";
                return;
            }
            into = args[++i];
        };
        if (arg == "--data-dir") {
            std::string dir;
            value(dir);
            options.dataDir = dir;
        } else if (arg == "--staff") {
            value(options.staff);
        } else if (arg == "--window") {
            value(options.window);
        } else if (arg == "--lang") {
            value(options.language);
            if (!options.language.empty() && options.language != "zh_CN" && options.language != "en")
                options.problem = "--lang takes zh_CN or en";
        } else if (arg == "--server") {
            value(options.server);
            if (!options.server.empty() && !options.server.starts_with("http://") &&
                !options.server.starts_with("https://"))
                options.problem =
                    "--server takes an address starting with https:// (or http:// on this machine)";
        } else if (arg == "--ca") {
            value(options.caFile);
        } else if (arg == "--password-file") {
            value(options.passwordFile);
        } else if (arg == "--idcard") {
            value(options.devices.idcard);
        } else if (arg == "--rating") {
            value(options.devices.rating);
        } else if (arg == "--signature") {
            value(options.devices.signature);
        } else if (arg == "--applicant-screen") {
            std::string n;
            value(n);
            if (options.problem.empty()) {
                if (n == "off")
                    options.applicantScreen = kNoApplicantScreen;
                else if (n.size() == 1 && n[0] >= '0' && n[0] <= '9')
                    options.applicantScreen = n[0] - '0';
                else
                    options.problem =
                        "--applicant-screen takes a display number 0-9 (0: a window on this screen) or off";
            }
        } else if (arg == "--scanner") {
            value(options.devices.scanner);
        } else if (arg == "--demo") {
            options.demo = true;
        } else if (arg == "--report-ready") {
            options.reportReady = true;
        } else if (arg == "--quit-when-ready") {
            options.quitWhenReady = true;
        } else if (arg == "--help" || arg == "-h") {
            options.help = true;
        } else {
            options.problem = "unknown option " + arg;
        }
        if (!options.problem.empty())
            break;
    }
    if (options.problem.empty() && options.quitWhenReady && !options.reportReady)
        options.problem = "--quit-when-ready goes with --report-ready";
    return options;
}

std::optional<DirectSignIn> signInWithoutDialog(const StartOptions& options) {
    DirectSignIn who{options.staff, options.window};
    if (options.demo) {
        who.staff = who.staff.empty() ? "demo" : who.staff;
        who.window = who.window.empty() ? "W01" : who.window;
    }
    if (who.staff.empty() || who.window.empty())
        return std::nullopt;
    return who;
}

std::string startUsage() {
    return "usage: ywtb-counter [--data-dir DIR] [--staff STAFF --window WINDOW] [--demo] [--lang zh_CN|en]\n"
           "                    [--server URL [--ca FILE] [--password-file FILE]]\n"
           "                    [--idcard PORT] [--rating ADDRESS] [--signature ADDRESS] [--scanner NAME]\n"
           "                    [--applicant-screen N|off] [--report-ready [--quit-when-ready]]\n"
           "  --data-dir DIR   the counter's data (default: ~/.local/share/ywtb-counter)\n"
           "  --staff, --window  sign in without the sign-in dialog (WINDOW: an id of forms/centre.json)\n"
           "  --demo           demo data: signs in as demo at W01 and reserves document numbers for the "
           "window\n"
           "  --lang           zh_CN (default) or en\n"
           "  --server URL     sync with the central server (docs/sync.md); without it the counter works "
           "offline\n"
           "  --ca FILE        the CA certificate (PEM) of the server's certificate, when not a system CA\n"
           "  --password-file FILE  the staff's server password on its first line (else asked after "
           "sign-in)\n"
           "  --idcard PORT, --rating ADDRESS, --signature ADDRESS  the applicant's devices (a serial port, "
           "or ws://…),\n"
           "                   replacing the addresses of forms/devices.json (docs/devices.md)\n"
           "  --applicant-screen N  the applicant's window (what is checked, what is missing, sign and rate "
           "prompts) full\n"
           "                   screen on display N, counted from 0; 0 or a display that is not there: a "
           "window on this\n"
           "                   screen; off: none. Kept for the next start (also View > Applicant screen)\n"
           "  --scanner NAME   the document scanner, a SANE device name as scanimage -L shows it "
           "(docs/scanning.md)\n"
           "  --report-ready   once the window is shown, its status bar filled and the first idle event "
           "handled, print\n"
           "                   'ready MS' (milliseconds since the process started) on standard output "
           "(bench/)\n"
           "  --quit-when-ready  with --report-ready: close the window right after\n"
           "environment: YWTB_TRAINING_DATE=YYYY-MM-DD works on a fixed date (training room)\n"
           "needs a display: on a machine without one run  xvfb-run -a ywtb-counter ...\n";
}

} // namespace ywtb::app
