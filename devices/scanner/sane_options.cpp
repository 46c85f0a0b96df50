#include "devices/scanner/sane_options.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace ywtb::devices::sane {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool contains(const std::string& text, const char* part) {
    return text.find(part) != std::string::npos;
}

bool usable(const std::optional<OptionDescriptor>& option) {
    return option && option->settable && option->active;
}

bool isDuplexSource(const std::string& name) {
    return contains(lower(name), "duplex");
}
bool isFeederFrontSource(const std::string& name) {
    const auto l = lower(name);
    return (contains(l, "adf") || contains(l, "feeder") || contains(l, "sheet")) && !contains(l, "duplex") &&
           !contains(l, "back");
}
bool isFlatbedSource(const std::string& name) {
    const auto l = lower(name);
    return contains(l, "flatbed") || contains(l, "platen") || contains(l, "glass") || contains(l, "normal");
}

bool isLineartMode(const std::string& name) {
    const auto l = lower(name);
    return l == "lineart" || l == "binary" || contains(l, "black & white") ||
           contains(l, "black and white") || l == "monochrome";
}
bool isGrayMode(const std::string& name) {
    const auto l = lower(name);
    return contains(l, "gray") || contains(l, "grey");
}
bool isColorMode(const std::string& name) {
    const auto l = lower(name);
    return (contains(l, "color") || contains(l, "colour")) && !contains(l, "lineart") &&
           !contains(l, "halftone");
}

bool offersDepth(const KnownOptions& known, int depth) {
    if (!usable(known.depth))
        return depth == 8;
    const auto& words = known.depth->wordList;
    if (!words.empty())
        return std::find(words.begin(), words.end(), static_cast<double>(depth)) != words.end();
    return known.depth->range && known.depth->range->min <= depth && depth <= known.depth->range->max;
}

double maxMm(const std::optional<OptionDescriptor>& option) {
    if (!option || option->unit != Unit::Mm)
        return 0;
    if (option->range)
        return option->range->max;
    if (!option->wordList.empty())
        return *std::max_element(option->wordList.begin(), option->wordList.end());
    return 0;
}

} // namespace

KnownOptions findKnownOptions(const std::vector<OptionDescriptor>& options) {
    KnownOptions known;
    for (const auto& o : options) {
        if (o.name == "source")
            known.source = o;
        else if (o.name == "mode")
            known.mode = o;
        else if (o.name == "depth")
            known.depth = o;
        else if (o.name == "resolution")
            known.resolution = o;
        else if (o.name == "tl-x")
            known.tlX = o;
        else if (o.name == "tl-y")
            known.tlY = o;
        else if (o.name == "br-x")
            known.brX = o;
        else if (o.name == "br-y")
            known.brY = o;
        else if (o.name == "page-width")
            known.pageWidth = o;
        else if (o.name == "page-height")
            known.pageHeight = o;
    }
    return known;
}

std::optional<std::string> sourceValue(const KnownOptions& known, ScanSource source) {
    if (!usable(known.source) || known.source->stringList.empty())
        return source == ScanSource::Flatbed ? std::optional<std::string>("") : std::nullopt;
    for (const auto& name : known.source->stringList) {
        const bool match = source == ScanSource::AdfDuplex  ? isDuplexSource(name)
                           : source == ScanSource::AdfFront ? isFeederFrontSource(name)
                                                            : isFlatbedSource(name);
        if (match)
            return name;
    }
    return std::nullopt;
}

std::optional<ModeChoice> modeChoice(const KnownOptions& known, ScanMode mode) {
    if (!usable(known.mode) || known.mode->stringList.empty())
        return std::nullopt;
    const auto& names = known.mode->stringList;
    auto find = [&](bool (*test)(const std::string&)) -> std::optional<std::string> {
        for (const auto& name : names)
            if (test(name))
                return name;
        return std::nullopt;
    };
    switch (mode) {
    case ScanMode::Color:
        if (auto name = find(isColorMode))
            return ModeChoice{*name, offersDepth(known, 8) && usable(known.depth) ? std::optional<int>(8)
                                                                                  : std::nullopt};
        break;
    case ScanMode::Gray:
        if (auto name = find(isGrayMode))
            return ModeChoice{*name, offersDepth(known, 8) && usable(known.depth) ? std::optional<int>(8)
                                                                                  : std::nullopt};
        break;
    case ScanMode::Lineart:
        if (auto name = find(isLineartMode))
            return ModeChoice{*name, std::nullopt};
        // Devices without a line-art mode (SANE's test backend among them) give 1-bit grey.
        if (auto name = find(isGrayMode); name && usable(known.depth) && offersDepth(known, 1))
            return ModeChoice{*name, 1};
        break;
    }
    return std::nullopt;
}

bool takesResolution(const KnownOptions& known, int dpi) {
    if (!usable(known.resolution))
        return false;
    const auto& r = *known.resolution;
    if (!r.wordList.empty())
        return std::find(r.wordList.begin(), r.wordList.end(), static_cast<double>(dpi)) != r.wordList.end();
    if (r.range) {
        if (dpi < r.range->min || dpi > r.range->max)
            return false;
        return r.range->quant <= 0 || std::fmod(dpi - r.range->min, r.range->quant) < 1e-6;
    }
    return true;
}

ScannerCapabilities capabilitiesOf(const KnownOptions& known) {
    ScannerCapabilities caps;
    for (auto source : {ScanSource::Flatbed, ScanSource::AdfFront, ScanSource::AdfDuplex})
        if (sourceValue(known, source))
            caps.sources.push_back(source);
    for (auto mode : {ScanMode::Color, ScanMode::Gray, ScanMode::Lineart})
        if (modeChoice(known, mode))
            caps.modes.push_back(mode);
    if (usable(known.resolution)) {
        if (!known.resolution->wordList.empty()) {
            for (double dpi : known.resolution->wordList)
                caps.resolutions.push_back(static_cast<int>(std::lround(dpi)));
        } else {
            for (int dpi : {75, 100, 150, 200, 240, 300, 400, 600, 1200})
                if (takesResolution(known, dpi))
                    caps.resolutions.push_back(dpi);
        }
    }
    caps.maxArea = PaperSize{maxMm(known.brX), maxMm(known.brY)};
    return caps;
}

} // namespace ywtb::devices::sane
