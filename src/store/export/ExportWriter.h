#pragma once

#include <QByteArray>
#include <QIODevice>

#include <cstdint>
#include <string_view>
#include <vector>

namespace opsdeck::store {

// One exported value. Json holds a JSON document that JSONL nests as is and CSV
// writes as text; Null is an empty CSV field and JSON null.
struct ExportCell {
    enum class Kind { Null, Text, Integer, Real, Json };
    Kind kind = Kind::Null;
    QByteArray text; // UTF-8, for Text and Json
    std::int64_t integer = 0;
    double real = 0.0;

    static ExportCell null() { return {}; }
    static ExportCell fromText(std::string_view s) { return {Kind::Text, QByteArray(s.data(), qsizetype(s.size())), 0, 0.0}; }
    static ExportCell fromText(const QByteArray &s) { return {Kind::Text, s, 0, 0.0}; }
    static ExportCell fromInteger(std::int64_t v) { return {Kind::Integer, {}, v, 0.0}; }
    static ExportCell fromReal(double v) { return {Kind::Real, {}, 0, v}; }
    static ExportCell fromJson(const QByteArray &json) { return {Kind::Json, json, 0, 0.0}; }
    static ExportCell textOrNull(std::string_view s) { return s.empty() ? null() : fromText(s); }
};

// Writes rows of cells under a fixed header as CSV (RFC 4180: CRLF, fields quoted
// when they hold a comma, quote, CR or LF, quotes doubled) or JSON Lines (one object
// per line, keys in column order). Tracks write errors instead of ignoring them.
class ExportWriter
{
public:
    virtual ~ExportWriter() = default;
    virtual void header(const std::vector<const char *> &columns) = 0;
    virtual void row(const std::vector<ExportCell> &cells) = 0;
    bool failed() const { return m_failed; }

protected:
    explicit ExportWriter(QIODevice &out) : m_out(out) {}
    void put(const QByteArray &bytes)
    {
        if (!m_failed && m_out.write(bytes) != bytes.size())
            m_failed = true;
    }

private:
    QIODevice &m_out;
    bool m_failed = false;
};

class CsvWriter final : public ExportWriter
{
public:
    explicit CsvWriter(QIODevice &out) : ExportWriter(out) {}
    void header(const std::vector<const char *> &columns) override;
    void row(const std::vector<ExportCell> &cells) override;
    static QByteArray quoteField(const QByteArray &field);
};

class JsonLinesWriter final : public ExportWriter
{
public:
    explicit JsonLinesWriter(QIODevice &out) : ExportWriter(out) {}
    void header(const std::vector<const char *> &columns) override;
    void row(const std::vector<ExportCell> &cells) override;
    static QByteArray jsonString(const QByteArray &utf8);

private:
    std::vector<QByteArray> m_keys; // pre-quoted "name":
};

} // namespace opsdeck::store
