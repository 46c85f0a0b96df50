#pragma once
// Who applies: a person (GB 11643 ID number) or an organisation (GB 32100 credit code), checked as typed with
// the error shown beside the field; a person's name, number and address can be read from the ID card instead.

#include "app/background_jobs.h"
#include "core/case.h"
#include "core/civil_date.h"
#include "core/error.h"
#include "core/message.h"
#include "devices/idcard/id_card.h"

#include <functional>
#include <optional>
#include <wx/panel.h>

class wxButton;
class wxRadioBox;
class wxStaticText;
class wxTextCtrl;

namespace ywtb::app {

class ApplicantPanel : public wxPanel {
public:
    /// Reads the card on the reader; it blocks, so it runs on a worker thread.
    using CardReading = std::function<core::Expected<devices::IdCard>()>;

    /// `changed` runs after every edit, so the intake window can enable "Open case". `cardReading` is empty
    /// when the counter has no ID-card reader.
    ApplicantPanel(wxWindow* parent, core::CivilDate today, std::function<void()> changed,
                   CardReading cardReading);

    /// The applicant as entered, or none while a field is missing or wrong.
    std::optional<core::Applicant> applicant() const;
    /// Why applicant() is empty (the first problem), or empty.
    wxString problem() const;
    void clear();
    /// Reads the ID card in the background, then fills name, ID number and address from it; a failure is
    /// shown beside the button and changes nothing.
    void readCard();
    bool canReadCard() const;
    /// The applicant of the card, as if typed (the checks as typed run).
    void fillFromCard(const devices::IdCard& card);

    wxRadioBox* kindChoice() const { return m_kind; }
    wxTextCtrl* nameField() const { return m_name; }
    wxTextCtrl* idField() const { return m_id; }
    wxTextCtrl* phoneField() const { return m_phone; }
    wxTextCtrl* addressField() const { return m_address; }
    wxButton* cardButton() const { return m_cardButton; }
    /// The line beside "Read ID card": the reading under way, or why the card was not read.
    wxString cardLine() const;
    /// A card reading under way (tests wait for it).
    int pending() const { return m_jobs.pending(); }
    /// The error shown beside the ID number / credit code field.
    wxString idError() const;
    wxString phoneError() const;

private:
    void validate();
    bool isOrganisation() const;

    core::CivilDate m_today;
    std::function<void()> m_changed;
    CardReading m_readCard;
    wxRadioBox* m_kind = nullptr;
    wxStaticText* m_idLabel = nullptr;
    wxTextCtrl* m_name = nullptr;
    wxTextCtrl* m_id = nullptr;
    wxStaticText* m_idError = nullptr;
    wxTextCtrl* m_phone = nullptr;
    wxStaticText* m_phoneError = nullptr;
    wxTextCtrl* m_address = nullptr;
    wxButton* m_cardButton = nullptr;
    wxStaticText* m_cardLine = nullptr;
    std::string m_normalisedId;
    std::string m_normalisedPhone;
    wxString m_problem;
    BackgroundJobs m_jobs;
};

} // namespace ywtb::app
