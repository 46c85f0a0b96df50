#pragma once
// Reference data the centre publishes on the central server (docs/api.md section 4) and each counter pulls
// with its sync (docs/sync.md): the catalogue goes into the store as an import does; calendars, templates and
// the rating indicator set are kept under DATA/reference/ and used instead of the shipped forms/ and
// templates/. A document that fails the checks the shipped files pass is refused whole, and the one in use
// stays in use.

#include "core/error.h"
#include "core/rating.h"
#include "services/actor.h"

#include <filesystem>
#include <string>
#include <vector>

namespace ywtb::store {
class LocalStore;
}

namespace ywtb::services {

/// The documents the server publishes, in the order a sync pulls them.
const std::vector<std::string>& referenceNames();

/// Checks and installs one pulled document `name` (`body` as the server sent it), with an audit entry.
/// Returns a one-line summary, e.g. "calendars: 2 files (2026.json, 2027.json)".
core::Expected<std::string> installReference(store::LocalStore& store, const std::string& name,
                                             const std::string& body, const Actor& actor,
                                             const core::Clock& clock);

/// The folder the working-day calendars are read from: the pulled one when there is one, else
/// `formsDir`/calendar.
std::filesystem::path calendarFolder(const std::filesystem::path& dataDir,
                                     const std::filesystem::path& formsDir);
/// The folder the document templates are read from: the pulled one when there is one, else `templatesDir`.
std::filesystem::path templateFolder(const std::filesystem::path& dataDir,
                                     const std::filesystem::path& templatesDir);
/// The rating indicator set: the pulled one when there is one, else the built-in (core::onSiteIndicators).
core::Expected<core::RatingIndicatorSet> loadIndicatorSet(const std::filesystem::path& dataDir);

} // namespace ywtb::services
