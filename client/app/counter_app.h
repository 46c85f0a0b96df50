#pragma once
// The wxApp: reads the command line, loads the language and the session, signs in, opens the main frame.

#include "core/message.h" // first: wx then keeps core's N_ (it defines its own only when none exists)
#include "app/start_options.h"

#include <wx/app.h>

#include <memory>

namespace ywtb::services {
class Counter;
}

namespace ywtb::app {


class CounterApp : public wxApp {
public:
    CounterApp();
    ~CounterApp() override;
    bool OnInit() override;
    /// Our own command line (start_options.h), not wx's parser.
    void OnInitCmdLine(wxCmdLineParser&) override {}
    bool OnCmdLineParsed(wxCmdLineParser&) override { return true; }

private:
    /// Signs in: --staff and --window (or --demo) without the dialog, else the sign-in dialog until it succeeds.
    /// With --server, at the central server or, when it is away, against this PC's record of the last online
    /// sign-in (the password from --password-file or asked for). False when the clerk cancels or it fails (shown).
    bool signIn(const StartOptions& options);

    std::unique_ptr<services::Counter> m_session;
};

} // namespace ywtb::app
