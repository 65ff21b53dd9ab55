#include "WireWriter.h"

#include "core/model/JsonText.h"

#include <charconv>
#include <cmath>

namespace opsdeck::sim {

void appendEscaped(std::string &out, std::string_view text)
{
    core::appendJsonQuoted(out, text);
}

void appendInt(std::string &out, std::int64_t v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void appendFixed(std::string &out, double v, int decimals)
{
    if (!std::isfinite(v)) { // JSON has no NaN/Inf
        out.append("null");
        return;
    }
    char buf[48];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
    if (s == "-0" || (s.starts_with("-0.") && s.find_first_not_of("0.", 1) == std::string_view::npos))
        s.remove_prefix(1); // "-0.00" reads oddly on a dashboard
    out.append(s);
}

void appendTimestamp(std::string &out, std::int64_t ms)
{
    // Howard Hinnant's civil_from_days.
    std::int64_t days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
    std::int64_t rem = ms - days * 86400000;
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2)
        ++y;
    const auto h = static_cast<unsigned>(rem / 3600000);
    rem %= 3600000;
    const auto mi = static_cast<unsigned>(rem / 60000);
    rem %= 60000;
    const auto s = static_cast<unsigned>(rem / 1000);
    const auto milli = static_cast<unsigned>(rem % 1000);
    char buf[26];
    auto put = [&buf](int pos, unsigned v, int width) {
        for (int i = width - 1; i >= 0; --i) {
            buf[pos + i] = static_cast<char>('0' + v % 10);
            v /= 10;
        }
    };
    put(0, static_cast<unsigned>(y), 4);
    buf[4] = '-';
    put(5, m, 2);
    buf[7] = '-';
    put(8, d, 2);
    buf[10] = 'T';
    put(11, h, 2);
    buf[13] = ':';
    put(14, mi, 2);
    buf[16] = ':';
    put(17, s, 2);
    buf[19] = '.';
    put(20, milli, 3);
    buf[23] = 'Z';
    buf[24] = '"';
    out.push_back('"');
    out.append(buf, 25);
}

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first)
        m_out.push_back(',');
    m_first = false;
}

void JsonWriter::beginObject()
{
    if (m_discard)
        return;
    separate();
    m_out.push_back('{');
    m_first = true;
}

void JsonWriter::endObject()
{
    if (m_discard)
        return;
    m_out.push_back('}');
    m_first = false;
}

void JsonWriter::beginArray()
{
    if (m_discard)
        return;
    separate();
    m_out.push_back('[');
    m_first = true;
}

void JsonWriter::endArray()
{
    if (m_discard)
        return;
    m_out.push_back(']');
    m_first = false;
}

void JsonWriter::key(std::string_view k)
{
    if (m_discard)
        return;
    separate();
    appendEscaped(m_out, k);
    m_out.push_back(':');
    m_afterKey = true;
}

void JsonWriter::value(std::string_view v)
{
    if (m_discard)
        return;
    separate();
    appendEscaped(m_out, v);
}

void JsonWriter::value(std::int64_t v)
{
    if (m_discard)
        return;
    separate();
    appendInt(m_out, v);
}

void JsonWriter::value(bool v)
{
    if (m_discard)
        return;
    separate();
    m_out.append(v ? "true" : "false");
}

void JsonWriter::value(double v, int decimals)
{
    if (m_discard)
        return;
    separate();
    appendFixed(m_out, v, decimals);
}

void JsonWriter::null()
{
    if (m_discard)
        return;
    separate();
    m_out.append("null");
}

void JsonWriter::timestamp(std::int64_t ms)
{
    if (m_discard)
        return;
    separate();
    appendTimestamp(m_out, ms);
}

void beginEnvelope(std::string &out, std::string_view epoch, std::string_view depot, std::int64_t seq,
                   std::string_view id, std::int64_t tsMs, std::string_view type)
{
    out.append(R"({"v":1,"epoch":)");
    appendEscaped(out, epoch);
    out.append(R"(,"depot":)");
    appendEscaped(out, depot);
    out.append(R"(,"seq":)");
    appendInt(out, seq);
    out.append(R"(,"id":)");
    appendEscaped(out, id);
    out.append(R"(,"ts":)");
    appendTimestamp(out, tsMs);
    out.append(R"(,"type":)");
    appendEscaped(out, type);
    out.append(R"(,"data":{)");
}

void endEnvelope(std::string &out)
{
    out.append("}}");
}

} // namespace opsdeck::sim
