#include "core/centre_config.h"

#include "core/decision_table.h"
#include "core/json_reader.h"

#include <cstdio>
#include <set>

namespace ywtb::core {
namespace {

bool isWindowId(const std::string& id) {
    if (id.empty() || id.size() > 8)
        return false;
    for (char c : id)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    return true;
}

// The placeholders of a pattern, in order; false when a brace is left open.
bool placeholdersOf(const std::string& pattern, std::vector<std::string>& names) {
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '{')
            continue;
        const auto close = pattern.find('}', i);
        if (close == std::string::npos)
            return false;
        names.push_back(pattern.substr(i + 1, close - i - 1));
        i = close;
    }
    return true;
}

bool isSeqPlaceholder(const std::string& name) {
    if (name == "seq")
        return true;
    if (name.size() < 5 || name.rfind("seq:", 0) != 0)
        return false;
    const auto width = name.substr(4);
    return width.size() <= 2 && width.find_first_not_of("0123456789") == std::string::npos &&
           std::stoi(width) >= 1 && std::stoi(width) <= 12;
}

} // namespace

const CentreWindow* CentreConfig::window(const std::string& id) const {
    for (const auto& w : windows)
        if (w.id == id)
            return &w;
    return nullptr;
}

const std::vector<std::string>& numberedDocumentKinds() {
    // Every numbered series of the decision table, in its order, then the release's.
    static const std::vector<std::string> kinds = [] {
        std::vector<std::string> out;
        auto take = [&](const std::vector<DecisionPaper>& papers) {
            for (const auto& paper : papers)
                if (*paper.series)
                    out.emplace_back(paper.series);
        };
        for (const auto& row : decisionTable())
            take(row.papers);
        take(releasePapers());
        return out;
    }();
    return kinds;
}

CentreConfigResult parseCentreConfig(std::string_view text, const std::string& file) {
    CentreConfigResult result;
    JsonProblems problems(file);
    auto opened = openDataFile(text, problems,
                               {"ywtb-centre", 1, "centre", N_("the centre's settings (forms/centre.json)")});
    if (!opened) {
        result.errors = problems.errors();
        return result;
    }
    auto& top = *opened;
    auto& c = result.config;
    c.code = top.text("code");
    if (!c.code.empty() &&
        (c.code.size() != 6 || c.code.find_first_not_of("0123456789") != std::string::npos))
        top.problem(
            "code", "centre.code",
            Message(N_("the centre code \"{code}\" is not a six-digit division code"), {{"code", c.code}}),
            Message(N_("use the district's GB/T 2260 code, e.g. 310104")));
    c.name = top.text("name");
    c.shortName = top.text("short_name");
    c.phone = top.text("phone", Presence::Optional);
    c.address = top.text("address", Presence::Optional);
    c.progressUrl = top.text("progress_url", Presence::Optional);
    if (!c.progressUrl.empty() &&
        (c.progressUrl.rfind("https://", 0) != 0 || c.progressUrl.find("{case}") == std::string::npos))
        top.problem("progress_url", "centre.progress_url",
                    Message(N_("the progress address \"{url}\" must start with https:// and hold {case} "
                               "where the case number goes"),
                            {{"url", c.progressUrl}}),
                    Message(N_("write it like https://zwdt.example.gov.cn/progress?case={case}")));
    c.sealImage = top.text("seal_image", Presence::Optional);
    if (!c.sealImage.empty() &&
        (c.sealImage.size() < 5 || c.sealImage.compare(c.sealImage.size() - 4, 4, ".png") != 0))
        top.problem(
            "seal_image", "centre.seal_image",
            Message(N_("the seal image \"{file}\" is not a .png file"), {{"file", c.sealImage}}),
            Message(
                N_("scan or export the seal as PNG with a transparent or white background, e.g. seal.png")));
    std::set<std::string> ids;
    for (auto& w : top.objects("windows", Presence::Required, 1)) {
        CentreWindow window;
        window.id = w.text("id");
        if (!window.id.empty() && !isWindowId(window.id))
            w.problem("id", "centre.window_id",
                      Message(N_("window id \"{id}\" must be 1 to 8 capital letters and digits"),
                              {{"id", window.id}}),
                      Message(N_("use ids such as W01 or P01")));
        else if (!window.id.empty() && !ids.insert(window.id).second)
            w.problem("id", "centre.window_id",
                      Message(N_("window id \"{id}\" is used twice"), {{"id", window.id}}),
                      Message(N_("give each window its own id")));
        window.name = w.text("name");
        const auto type = w.choice("type", {"universal", "domain", "cross_province", "pickup"});
        if (type == "universal")
            window.intakeType = WindowType::Universal;
        else if (type == "domain")
            window.intakeType = WindowType::Domain;
        else if (type == "cross_province")
            window.intakeType = WindowType::CrossProvince;
        w.finish();
        c.windows.push_back(std::move(window));
    }
    if (auto formats = top.object("document_numbers")) {
        for (const auto& kind : numberedDocumentKinds()) {
            const auto pattern = formats->text(kind);
            if (pattern.empty())
                continue;
            std::vector<std::string> names;
            bool hasYear = false, hasSeq = false;
            if (!placeholdersOf(pattern, names)) {
                formats->problem(kind, "centre.pattern",
                                 Message(N_("a '{' is not closed in \"{pattern}\""), {{"pattern", pattern}}),
                                 Message(N_("close every placeholder, e.g. {year}")));
                continue;
            }
            for (const auto& name : names) {
                if (name == "year")
                    hasYear = true;
                else if (isSeqPlaceholder(name))
                    hasSeq = true;
                else if (name != "window")
                    formats->problem(kind, "centre.placeholder",
                                     Message(N_("unknown placeholder {{name}} in \"{pattern}\""),
                                             {{"name", name}, {"pattern", pattern}}),
                                     Message(N_("use {year}, {seq}, {seq:6} or {window}")));
            }
            if (!hasYear || !hasSeq)
                formats->problem(
                    kind, "centre.pattern",
                    Message(N_("\"{pattern}\" needs both {year} and {seq}: numbers restart each year"),
                            {{"pattern", pattern}}),
                    Message(N_("write it like 沪徐汇受〔{year}〕{seq:6}号")));
            c.documentNumberFormats[kind] = pattern;
        }
        formats->finish();
    }
    if (auto limits = top.object("bad_rating_limits", Presence::Optional)) {
        auto& l = c.badRatingLimits;
        l.contactDays = static_cast<int>(
            limits->integer("contact_days", 0, 30, Presence::Optional).value_or(l.contactDays));
        l.simpleDays = static_cast<int>(
            limits->integer("simple_days", 0, 60, Presence::Optional).value_or(l.simpleDays));
        l.complexDays = static_cast<int>(
            limits->integer("complex_days", 0, 120, Presence::Optional).value_or(l.complexDays));
        if (l.contactDays > l.simpleDays || l.simpleDays > l.complexDays)
            limits->problem("", "centre.bad_rating_limits",
                            Message(N_("the bad-rating limits must not shrink: contact {contact} ≤ simple "
                                       "fix {simple} ≤ complex fix {complex} working days"),
                                    {{"contact", std::to_string(l.contactDays)},
                                     {"simple", std::to_string(l.simpleDays)},
                                     {"complex", std::to_string(l.complexDays)}}),
                            Message(N_("write e.g. contact_days 1, simple_days 5, complex_days 15")));
        limits->finish();
    }
    top.finish();
    result.errors = problems.errors();
    return result;
}

std::string progressUrlOf(const CentreConfig& centre, const std::string& number) {
    std::string url = centre.progressUrl;
    if (const auto at = url.find("{case}"); at != std::string::npos)
        url.replace(at, 6, number);
    return url;
}

std::string formatDocumentNumber(const std::string& pattern, int year, std::int64_t seq,
                                 const std::string& window) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const auto close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
        if (close == std::string::npos) {
            out += pattern[i];
            continue;
        }
        const auto name = pattern.substr(i + 1, close - i - 1);
        if (name == "year") {
            out += std::to_string(year);
        } else if (name == "window") {
            out += window;
        } else if (isSeqPlaceholder(name)) {
            auto digits = std::to_string(seq);
            const std::size_t width = name == "seq" ? 0 : static_cast<std::size_t>(std::stoi(name.substr(4)));
            if (digits.size() < width)
                digits.insert(0, width - digits.size(), '0');
            out += digits;
        } else {
            out += pattern.substr(i, close - i + 1);
        }
        i = close;
    }
    return out;
}

std::string formatCaseNumber(const std::string& centreCode, const std::string& window, CivilDate day,
                             std::int64_t seq) {
    char text[64];
    std::snprintf(text, sizeof text, "%s-%s-%04d%02u%02u-%04lld", centreCode.c_str(), window.c_str(),
                  day.year(), day.month(), day.day(), static_cast<long long>(seq));
    return text;
}

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t count) {
    if (at + count > s.size())
        return false;
    for (std::size_t i = at; i < at + count; ++i)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

// The length of the case number starting at `at` (centre-window-date-seq), or 0.
std::size_t caseNumberAt(std::string_view s, std::size_t at) {
    if (!digits(s, at, 6) || at + 6 >= s.size() || s[at + 6] != '-')
        return 0;
    std::size_t i = at + 7;
    const std::size_t windowStart = i;
    while (i < s.size() && i - windowStart < 8 &&
           ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
        ++i;
    if (i == windowStart || i >= s.size() || s[i] != '-' || !digits(s, i + 1, 8) || i + 9 >= s.size() ||
        s[i + 9] != '-')
        return 0;
    std::size_t end = i + 10;
    while (end < s.size() && s[end] >= '0' && s[end] <= '9')
        ++end;
    return end - (i + 10) >= 4 ? end - at : 0;
}

} // namespace

std::optional<std::string> caseNumberIn(std::string_view scanned) {
    for (std::size_t at = 0; at < scanned.size(); ++at) {
        if (at > 0 && scanned[at - 1] >= '0' && scanned[at - 1] <= '9')
            continue; // the number starts at a digit not preceded by one
        if (const auto length = caseNumberAt(scanned, at))
            return std::string(scanned.substr(at, length));
    }
    return std::nullopt;
}

} // namespace ywtb::core
