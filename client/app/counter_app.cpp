#include "app/counter_app.h"

#include "app/app_i18n.h"
#include "app/main_frame.h"
#include "app/process_uptime.h"
#include "app/sign_in_dialog.h"
#include "core/civil_date.h"
#include "services/counter.h"
#include "services/failure.h"
#include "services/resource_paths.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <wx/config.h>
#include <wx/log.h>
#include <wx/msgdlg.h>
#include <wx/stdpaths.h>
#include <wx/textdlg.h>
#include <wx/utils.h>

namespace ywtb::app {

CounterApp::CounterApp() = default;
CounterApp::~CounterApp() = default;

void reportUnexpectedFailure(std::exception_ptr failure, const std::function<void(const wxString&)>& show) {
    const auto error = services::errorOf(std::move(failure));
    std::cerr << "error: " << error.str() << std::endl;
    show(tr(error));
}

bool CounterApp::OnExceptionInMainLoop() {
    reportUnexpectedFailure(std::current_exception(), [](const wxString& text) {
        wxMessageBox(text + "\n\n" + _("The counter goes on: check the open case before the next step."),
                     _("Something went wrong"), wxOK | wxICON_ERROR);
    });
    return true; // go on with the main loop
}

void CounterApp::OnUnhandledException() {
    reportUnexpectedFailure(std::current_exception(), [](const wxString&) {});
}

namespace {

/// The password of --password-file (its first line); empty after telling why when it cannot be read.
std::string passwordFromFile(const std::string& path) {
    std::string password;
    std::ifstream in(path);
    if (!in || !std::getline(in, password) || password.empty()) {
        const auto text = fill(_("The server password cannot be read from {file}: put it on the first line."),
                               {{"file", path}});
        std::cerr << text.utf8_string() << "\n";
        wxMessageBox(text, _("Sign in"), wxOK | wxICON_ERROR);
        return {};
    }
    return password;
}

/// --report-ready: "interactive" is the frame shown with its status bar filled (the constructor does that)
/// and the first idle event handled: every event the start-up queued has been processed.
void reportWhenReady(MainFrame* frame, bool quit) {
    frame->Bind(wxEVT_IDLE, [frame, quit](wxIdleEvent& event) {
        event.Skip();
        static bool reported = false;
        if (reported)
            return;
        reported = true;
        std::cout << "ready " << static_cast<long>(millisecondsSinceProcessStart() + 0.5) << std::endl;
        if (quit)
            frame->CallAfter([frame] { frame->Close(); });
    });
}

} // namespace

bool CounterApp::signIn(const StartOptions& options) {
    const bool withServer = !options.server.empty();
    const services::ServerAccess server{options.server, options.caFile};
    if (auto who = signInWithoutDialog(options)) {
        if (!withServer) {
            auto signedIn = m_session->signIn(who->staff, who->window);
            if (!signedIn)
                std::cerr << tr(signedIn.error()).utf8_string() << "\n";
            return signedIn.ok();
        }
        std::string password;
        if (!options.passwordFile.empty()) {
            password = passwordFromFile(options.passwordFile);
        } else {
            wxPasswordEntryDialog dialog(nullptr,
                                         fill(_("Password of {staff} on the central server {server}"),
                                              {{"staff", who->staff}, {"server", options.server}}),
                                         _("Sign in"));
            if (dialog.ShowModal() == wxID_OK)
                password = dialog.GetValue().utf8_string();
        }
        if (password.empty())
            return false;
        auto signedIn = m_session->signInAt(server, who->staff, password, who->window);
        if (!signedIn) {
            std::cerr << tr(signedIn.error()).utf8_string() << "\n";
            wxMessageBox(tr(signedIn.error()), _("Sign in"), wxOK | wxICON_WARNING);
            return false;
        }
        if (signedIn->route == services::SignInRoute::Offline)
            std::cerr << _("signed in offline").utf8_string() << ": "
                      << tr(signedIn->unreachable).utf8_string() << "\n";
        return true;
    }
    while (!m_session->signedIn()) {
        SignInDialog dialog(nullptr, m_session->centre(), wxString::FromUTF8(options.staff),
                            wxString::FromUTF8(options.window), withServer);
        if (dialog.ShowModal() != wxID_OK)
            return false;
        wxBusyCursor busy;
        if (!withServer) {
            if (auto signedIn = m_session->signIn(dialog.staff(), dialog.window()); !signedIn)
                wxMessageBox(tr(signedIn.error()), _("Sign in"), wxOK | wxICON_WARNING);
            continue;
        }
        auto signedIn = m_session->signInAt(server, dialog.staff(), dialog.password(), dialog.window());
        if (!signedIn)
            wxMessageBox(tr(signedIn.error()), _("Sign in"), wxOK | wxICON_WARNING);
        else if (signedIn->route == services::SignInRoute::Offline)
            std::cerr << _("signed in offline").utf8_string() << ": "
                      << tr(signedIn->unreachable).utf8_string() << "\n";
    }
    return true;
}

bool CounterApp::OnInit() {
    SetAppName("ywtb-counter");
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i)
        args.push_back(argv[i].utf8_string());
    const auto options = parseStartOptions(args);
    if (options.help) {
        std::cout << startUsage();
        return false;
    }
    if (!options.problem.empty()) {
        std::cerr << "ywtb-counter: " << options.problem << "\n\n" << startUsage();
        return false;
    }

    const auto executable = std::filesystem::path(wxStandardPaths::Get().GetExecutablePath().utf8_string());
    const auto paths = services::ResourcePaths::locate(executable);
    ViewSettings settings;
    auto* config = wxConfigBase::Get();
    settings.language =
        options.language.empty() ? config->Read("/view/language", "zh_CN").utf8_string() : options.language;
    settings.fontPoints = static_cast<int>(config->ReadLong("/view/font_points", 0));
    settings.applicantScreen = options.applicantScreen == kNoApplicantScreen ? -1
                               : options.applicantScreen >= 0
                                   ? options.applicantScreen
                                   : static_cast<int>(config->ReadLong("/view/applicant_screen", -1));
    initLanguage(paths.localeDir, settings.language);

    std::unique_ptr<core::Clock> clock = std::make_unique<core::SystemClock>();
    // A training room (培训模式) works on a fixed date, as the CLI does; the title says so.
    wxString training;
    if (const char* date = std::getenv("YWTB_TRAINING_DATE"); date && *date) {
        auto parsed = core::CivilDate::parse(date);
        if (!parsed) {
            std::cerr << "YWTB_TRAINING_DATE: " << parsed.error().str() << "\n";
            return false;
        }
        clock = std::make_unique<core::FixedClock>(*parsed, parsed->iso() + "T00:00:00Z");
        training = fill(_("training date {date}"), {{"date", parsed->iso()}});
    }

    const auto dataDir = options.dataDir.empty() ? services::defaultDataDir() : options.dataDir;
    std::vector<core::Error> errors;
    m_session = services::Counter::open(paths, dataDir, std::move(clock), errors);
    if (!m_session) {
        wxString text;
        for (const auto& e : errors)
            text += tr(e) + "\n";
        std::cerr << text.utf8_string();
        wxMessageBox(text, _("ywtb-counter cannot start"), wxOK | wxICON_ERROR);
        return false;
    }

    if (!signIn(options))
        return false;
    if (options.demo) {
        if (auto reserved = m_session->reserveDemoNumberBlocks(); !reserved)
            std::cerr << tr(reserved.error()).utf8_string() << "\n";
    }

    if (!options.server.empty())
        m_session->startServerSync();
    const auto deviceProblems = m_session->openDevices(options.devices);

    auto* frame = new MainFrame(*m_session, settings);
    if (!training.empty() || options.demo)
        frame->SetTitle(frame->GetTitle() + " [" + (options.demo ? wxString("DEMO ") : wxString()) +
                        training + "]");
    frame->Show();
    if (options.reportReady)
        reportWhenReady(frame, options.quitWhenReady);
    if (const auto formProblems = m_session->applicationForms().errors(); !formProblems.empty()) {
        // The counter works on; only the items whose form is broken cannot take cases until it is mended.
        wxString text =
            _("These application forms cannot be used: their items take no cases until the file is mended "
              "(ywtb-counter-cli form check names every problem):") +
            "\n\n";
        for (const auto& e : formProblems)
            text += tr(e) + "\n";
        std::cerr << text.utf8_string();
        frame->report(tr(formProblems.front()));
        wxMessageBox(text, _("Application forms"), wxOK | wxICON_WARNING, frame);
    }
    if (const auto& moved = m_session->movedAtOpen(); !moved.empty()) {
        // The State Council's notice of a year arrived: dates counted provisionally were counted again, each
        // audited; the clerk is told which cases moved, to tell their applicants (docs/intake.md).
        wxString text =
            _("The holiday notice of a year counted provisionally is now in the data; these dates "
              "were counted again:") +
            "\n\n";
        for (const auto& m : moved)
            text += wxString::FromUTF8(m.caseNumber + "  " + m.field + "  " + m.before + " → " + m.after) +
                    (m.stillProvisional ? wxString::FromUTF8("（按法定节假日暂计）") : wxString()) + "\n";
        std::cerr << text.utf8_string();
        frame->report(fill(_("{count} dates counted again on the new holiday notice"),
                           {{"count", std::to_string(moved.size())}}));
        wxMessageBox(text, _("Holiday notice"), wxOK | wxICON_INFORMATION, frame);
    }
    if (const auto& problem = m_session->recountProblem()) {
        std::cerr << tr(*problem).utf8_string() << "\n";
        frame->report(tr(*problem));
    }
    if (!deviceProblems.empty()) {
        // Once, at the start: the counter works on without the device, as if it had none.
        wxString text = _("These devices cannot be used; the counter works without them:") + "\n\n";
        for (const auto& e : deviceProblems)
            text += tr(e) + "\n";
        std::cerr << text.utf8_string();
        frame->report(tr(deviceProblems.front()));
        wxMessageBox(text, _("Devices"), wxOK | wxICON_WARNING, frame);
    }
    return true;
}

} // namespace ywtb::app
