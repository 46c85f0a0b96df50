#pragma once
// Errors as values a person can read: what went wrong, where, and how to fix it.

#include "core/message.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace ywtb::core {

/// A failure the user sees as is: a stable code for programs, the sentence, the place and the fix.
struct Error {
    std::string code;  ///< stable identifier, e.g. "id.check_digit", for tests and --json
    Message what;      ///< what is wrong
    std::string where; ///< file and JSON path, field, device or URL; empty when not applicable
    Message fix;       ///< what to do about it; may be empty

    /// "where: what — fix" in the language `translate` gives.
    std::string render(const Translator& translate) const;
    std::string str() const { return render(nullptr); }
};

/// Thrown where a caller asked for a value that is not there; a programming error, not a user error.
class BadExpectedAccess : public std::logic_error {
public:
    explicit BadExpectedAccess(const Error& e)
        : std::logic_error("value taken from a failed result: " + e.str()) {}
};

/// Either a value or the Error that prevented it.
template <typename T> class Expected {
public:
    Expected(T value) : m_state(std::move(value)) {}
    Expected(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T& value() const& {
        if (!ok())
            throw BadExpectedAccess(error());
        return std::get<T>(m_state);
    }
    T& value() & {
        if (!ok())
            throw BadExpectedAccess(error());
        return std::get<T>(m_state);
    }
    T&& value() && {
        if (!ok())
            throw BadExpectedAccess(error());
        return std::get<T>(std::move(m_state));
    }
    const T* operator->() const { return &value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

/// Success with no value.
struct Done {};

} // namespace ywtb::core
