#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace opsdeck::sim {

// One feed message: [topic, envelope].
struct WireMessage {
    std::string topic;
    std::string envelope;
};

// A minimal streaming JSON writer into a std::string. QJsonDocument builds a tree of
// QJsonValues and converts every string to UTF-16 and back, which costs several
// microseconds per envelope; flood mode needs hundreds of thousands of envelopes per
// second, so numbers go through std::to_chars and strings are escaped byte-wise
// (UTF-8 passes through untouched, control characters become \u00XX).
class JsonWriter final
{
public:
    explicit JsonWriter(std::string &out) : m_out(out) {}
    // discard: writes nothing (a warm start's silent pre-roll has no reader for the text).
    JsonWriter(std::string &out, bool discard) : m_out(out), m_discard(discard) {}

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(std::string_view k);

    void value(std::string_view v);
    void value(const char *v) { value(std::string_view(v)); }
    void value(const std::string &v) { value(std::string_view(v)); }
    void value(std::int64_t v);
    void value(int v) { value(static_cast<std::int64_t>(v)); }
    void value(bool v);
    void value(double v, int decimals);
    void null();
    void timestamp(std::int64_t ms); // RFC 3339 UTC string with milliseconds

    template<typename T>
    void field(std::string_view k, const T &v)
    {
        key(k);
        value(v);
    }
    void field(std::string_view k, double v, int decimals)
    {
        key(k);
        value(v, decimals);
    }

    std::string &buffer() { return m_out; }

private:
    void separate();
    std::string &m_out;
    bool m_first = true;
    bool m_afterKey = false;
    bool m_discard = false;
};

void appendEscaped(std::string &out, std::string_view text);
void appendInt(std::string &out, std::int64_t v);
void appendFixed(std::string &out, double v, int decimals);
// Same text as core::formatTimestampMs ("2026-11-22T10:15:00.123Z") without
// snprintf, because every envelope carries at least one timestamp.
void appendTimestamp(std::string &out, std::int64_t ms);

// Envelope framing: beginEnvelope writes
// {"v":1,"epoch":…,"depot":…,"seq":…,"id":…,"ts":…,"type":…,"data":{
// and leaves `out` inside "data", where a fresh JsonWriter(out) adds fields;
// endEnvelope closes both objects.
void beginEnvelope(std::string &out, std::string_view epoch, std::string_view depot, std::int64_t seq,
                   std::string_view id, std::int64_t tsMs, std::string_view type);
void endEnvelope(std::string &out);

} // namespace opsdeck::sim
