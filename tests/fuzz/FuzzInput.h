#pragma once

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

// Shared by the libFuzzer targets: views of the raw input.
namespace opsdeck::fuzz {

inline std::string_view view(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

// A deep copy: Qt's parsers may keep or modify what they are given, and ASan should see
// any read past the input's end.
inline QByteArray bytes(const std::uint8_t *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// Two-part inputs (a feed message's topic and envelope) are "part1\npart2" in the corpus,
// so captured messages stay readable and libFuzzer can mutate either part.
inline std::pair<std::string_view, std::string_view> splitAtNewline(std::string_view input)
{
    const auto cut = input.find('\n');
    if (cut == std::string_view::npos)
        return {std::string_view(), input};
    return {input.substr(0, cut), input.substr(cut + 1)};
}

} // namespace opsdeck::fuzz
