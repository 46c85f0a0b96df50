#pragma once
// The wxApp: reads the command line, loads the language and the session, signs in, opens the main frame.

#include "app/start_options.h"
#include "core/message.h"

#include <exception>
#include <functional>
#include <memory>
#include <wx/app.h>

namespace ywtb::services {
class Counter;
}

namespace ywtb::app {

/// The last-resort handler's work: logs `failure` on standard error (as the counter's errors are: masked) and
/// gives `show` the text for the clerk, in their language. The window stays open: the clerk goes on.
void reportUnexpectedFailure(std::exception_ptr failure, const std::function<void(const wxString&)>& show);

class CounterApp : public wxApp {
public:
    CounterApp();
    ~CounterApp() override;
    bool OnInit() override;
    /// Our own command line (start_options.h), not wx's parser.
    void OnInitCmdLine(wxCmdLineParser&) override {}
    bool OnCmdLineParsed(wxCmdLineParser&) override { return true; }
    /// An exception out of an event handler or a timer (a store error, a bug): shown and logged, and the
    /// counter goes on (reportUnexpectedFailure), never the end of the process.
    bool OnExceptionInMainLoop() override;
    void OnUnhandledException() override;

private:
    /// Signs in: --staff and --window (or --demo) without the dialog, else the sign-in dialog until it
    /// succeeds. With --server, at the central server or, when it is away, against this PC's record of the
    /// last online sign-in (the password from --password-file or asked for). False when the clerk cancels or
    /// it fails (shown).
    bool signIn(const StartOptions& options);

    std::unique_ptr<services::Counter> m_session;
};

} // namespace ywtb::app
