#pragma once
// The centre's own settings (forms/centre.json): its code and name, its windows, the format of each
// kind of document number. Data an administrator edits, validated on load like the catalogue.

#include "core/civil_date.h"
#include "core/error.h"
#include "core/item.h"
#include "core/rating.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ywtb::core {

struct CentreWindow {
    std::string id;                       ///< e.g. "W01"
    std::string name;                     ///< e.g. "1号综合窗口"
    std::optional<WindowType> intakeType; ///< empty for a pickup window (出件窗口)
};

struct CentreConfig {
    std::string code; ///< GB/T 2260 code of the district, the first part of every case number
    std::string name;
    std::string shortName; ///< used in document numbers: 徐汇
    std::string phone;
    std::string address;
    std::string progressUrl; ///< where an applicant follows the case, with {case} for its number; empty: none
    std::string
        sealImage; ///< PNG of the centre's seal, relative to centre.json's folder; empty: an empty seal box
    std::vector<CentreWindow> windows;
    std::map<std::string, std::string> documentNumberFormats; ///< kind → pattern with {year} and {seq:N}
    BadRatingLimits
        badRatingLimits; ///< "bad_rating_limits": working days to contact, fix simple, fix complex

    const CentreWindow* window(const std::string& id) const;
};

/// The document kinds a centre numbers; centre.json must give a format for each.
const std::vector<std::string>& numberedDocumentKinds();

struct CentreConfigResult {
    CentreConfig config;
    std::vector<Error> errors;
    bool ok() const { return errors.empty(); }
};
/// Parses forms/centre.json ("ywtb-centre", format_version 1).
CentreConfigResult parseCentreConfig(std::string_view text, const std::string& file);

/// The progress-lookup address of case `number`: progressUrl with {case} replaced; empty when none is
/// configured.
std::string progressUrlOf(const CentreConfig& centre, const std::string& number);

/// Fills a document-number pattern: {year}, {seq} or {seq:N} (zero-padded to N digits), {window}.
std::string formatDocumentNumber(const std::string& pattern, int year, std::int64_t seq,
                                 const std::string& window);

/// The case number: centre code, window, date and the window's sequence of the day: 310104-W01-20261128-0007.
std::string formatCaseNumber(const std::string& centreCode, const std::string& window, CivilDate day,
                             std::int64_t seq);

/// The case number inside what a barcode scanner typed from a paper's QR code: the number alone, or the
/// progress address holding it (https://…?case=310104-W01-20261128-0007). None when there is none.
std::optional<std::string> caseNumberIn(std::string_view scanned);

} // namespace ywtb::core
