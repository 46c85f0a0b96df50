#pragma once
// Text for people, kept untranslated in core and translated at the edge (CLI, GUI).

#include <functional>
#include <string>
#include <utility>
#include <vector>

// Marks a literal for xgettext (keyword N_) without translating it: core has no locale. wxWidgets defines the
// same macro ("(s)") when none exists; either one leaves the literal as it is, so the order of includes does
// not matter.
#ifndef N_
#define N_(text) text
#endif

namespace ywtb::core {

/// Maps an English msgid to the user's language; the identity when no catalogue is loaded.
using Translator = std::function<std::string(const char* msgid)>;

/// A translatable sentence: an English msgid with {name} placeholders and the values to put in them.
struct Message {
    const char* text = "";
    std::vector<std::pair<std::string, std::string>> args;
    /// Placeholder values that are themselves msgids, translated before they are filled in.
    std::vector<std::pair<std::string, const char*>> terms;

    Message() = default;
    Message(const char* msgid, std::vector<std::pair<std::string, std::string>> values = {})
        : text(msgid), args(std::move(values)) {}

    /// Adds a placeholder whose value is a msgid (marked with N_) to be translated too.
    Message& term(std::string name, const char* msgid) {
        terms.emplace_back(std::move(name), msgid);
        return *this;
    }

    bool empty() const { return text == nullptr || *text == '\0'; }
    /// The sentence in the language `translate` gives, placeholders filled in.
    std::string render(const Translator& translate) const;
    /// The sentence in English.
    std::string str() const;
};

/// Fills {name} placeholders of `pattern` from `args`; unknown placeholders stay as written.
std::string fillPlaceholders(const std::string& pattern,
                             const std::vector<std::pair<std::string, std::string>>& args);

} // namespace ywtb::core
