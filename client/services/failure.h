#pragma once
// What a front end's last-resort handler shows and logs when an exception escapes a call (a store that fails
// under a timer, a bug): the error as the counter describes it, never the end of the process.

#include "core/error.h"

#include <exception>

namespace ywtb::services {

/// The error carried by `failure`: a store failure's own error (what failed, how to fix it), else an
/// unexpected error naming the exception's text.
core::Error errorOf(std::exception_ptr failure);

} // namespace ywtb::services
