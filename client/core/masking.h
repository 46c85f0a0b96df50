#pragma once
// Personal information (PIPL) as it may appear in logs and error messages.

#include <string>
#include <string_view>

namespace ywtb::core {

/// Keeps the first six and last four characters: 110105********002X. Short input is masked whole.
std::string maskIdNumber(std::string_view number);
/// Keeps the first three and last four digits: 138****5678.
std::string maskPhone(std::string_view phone);
/// Keeps the first character (UTF-8 aware): 张** for 张三丰.
std::string maskName(std::string_view name);

} // namespace ywtb::core
