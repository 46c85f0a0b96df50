#pragma once
// One line in the intake and pickup pages for what a device asks of the applicant: the card on the reader,
// the 好差评 rating, the signature on the pad. While the applicant acts it says what to do and offers Cancel
// (Esc); then it shows the outcome. The device call runs on a worker thread: the window never waits for it.

#include "app/background_jobs.h"
#include "core/message.h"
#include "core/rating.h"
#include "devices/idcard/id_card.h"
#include "render/document_template.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <wx/panel.h>

class wxButton;
class wxStaticText;

namespace ywtb::services {
class Counter;
}

namespace ywtb::app {

class DevicePrompt : public wxPanel {
public:
    /// What the prompt under way asks of the applicant (the applicant's screen says it to them).
    enum class Asking { Nothing, IdCard, Rating, Signature };

    /// `changed` runs when a prompt starts or ends, so the page can enable its buttons.
    DevicePrompt(wxWindow* parent, services::Counter& session, std::function<void()> changed);

    /// Asks the applicant to rate the case's `stage` when a rating device is configured; does nothing
    /// otherwise. The level is the applicant's: the line shows it once submitted, or why there is none.
    void rate(const std::string& caseNumber, core::RatingStage stage);
    /// Asks for the applicant's signature of `kind` on the pad; once it is kept, `signedThen` runs on the UI
    /// thread. Cancelled or failed, the line says why and nothing else happens.
    void sign(const std::string& caseNumber, render::DocumentKind kind, std::function<void()> signedThen);
    /// Reads the card on the ID-card reader; `read` gets it on the UI thread. Failed, the line says why.
    void readCard(std::function<void(const devices::IdCard&)> read);
    /// Takes back the prompt under way (Esc): what comes from the device for it is not kept.
    void cancel();
    /// Shows a problem in red, e.g. that the card read is not the receiver's.
    void showProblem(const wxString& text);

    bool waiting() const { return m_cancelled != nullptr; }
    Asking asking() const { return waiting() ? m_asking : Asking::Nothing; }
    wxString text() const;
    bool showsProblem() const { return m_problem; }
    /// Device work started and not yet delivered, a cancelled prompt's included (tests wait for it).
    int pending() const { return m_jobs.pending(); }

private:
    using Cancelled = std::shared_ptr<std::atomic<bool>>;
    /// Shows `prompt` and runs `work` on a worker thread, then `done` on the UI thread unless cancelled
    /// meanwhile.
    template <typename Result>
    void run(Asking asking, const wxString& prompt, std::function<Result(const std::atomic<bool>&)> work,
             std::function<void(Result)> done);
    void show(const wxString& text, bool problem);

    services::Counter& m_session;
    std::function<void()> m_changed;
    wxStaticText* m_line = nullptr;
    wxButton* m_cancel = nullptr;
    Cancelled m_cancelled; ///< of the prompt under way; null when none is
    Asking m_asking = Asking::Nothing;
    bool m_problem = false;
    BackgroundJobs m_jobs;
};

} // namespace ywtb::app
