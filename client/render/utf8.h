#pragma once
// Layout works on code points; documents carry UTF-8. The conversions are core's, shared with search.

#include "core/utf8.h"

namespace ywtb::render {
using core::codePointName;
using core::decodeUtf8;
using core::encodeUtf8;
} // namespace ywtb::render
