#pragma once
// UTF-8 to code points and back, strictly (RFC 3629): search and layout work on code points.

#include <string>
#include <string_view>

namespace ywtb::core {

/// Code points of `text`; each malformed byte sequence becomes U+FFFD, which no font is allowed to draw.
std::u32string decodeUtf8(std::string_view text);

/// UTF-8 bytes of `text`.
std::string encodeUtf8(std::u32string_view text);

/// "U+20BB7": how an error names a character a clerk cannot see on screen.
std::string codePointName(char32_t c);

} // namespace ywtb::core
