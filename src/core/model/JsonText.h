#pragma once

#include <string>
#include <string_view>

namespace opsdeck::core {

// A JSON string literal for UTF-8 text: quotes, backslashes and control characters
// escaped, everything else passed through. Used where a handful of fields are written
// and building a QJsonDocument would cost more than the message itself.
void appendJsonQuoted(std::string &out, std::string_view text);
std::string jsonQuote(std::string_view text);

} // namespace opsdeck::core
