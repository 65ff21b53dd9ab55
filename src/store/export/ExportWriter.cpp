#include "ExportWriter.h"

#include "core/model/JsonText.h"

#include <QLocale>

#include <cmath>
#include <cstdio>

namespace opsdeck::store {

namespace {

QByteArray formatReal(double v)
{
    // Shortest text that reads back as the same double: 12.5, not 12.5000000000000000.
    return QByteArray::number(v, 'g', QLocale::FloatingPointShortest);
}

QByteArray plainText(const ExportCell &cell)
{
    switch (cell.kind) {
    case ExportCell::Kind::Null: return {};
    case ExportCell::Kind::Text:
    case ExportCell::Kind::Json: return cell.text;
    case ExportCell::Kind::Integer: return QByteArray::number(static_cast<qlonglong>(cell.integer));
    case ExportCell::Kind::Real: return formatReal(cell.real);
    }
    return {};
}

} // namespace

QByteArray CsvWriter::quoteField(const QByteArray &field)
{
    bool needsQuotes = false;
    for (const char c : field) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            needsQuotes = true;
            break;
        }
    }
    if (!needsQuotes)
        return field;
    QByteArray out;
    out.reserve(field.size() + 8);
    out.append('"');
    for (const char c : field) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
    return out;
}

void CsvWriter::header(const std::vector<const char *> &columns)
{
    QByteArray line;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i)
            line.append(',');
        line.append(quoteField(columns[i]));
    }
    line.append("\r\n");
    put(line);
}

void CsvWriter::row(const std::vector<ExportCell> &cells)
{
    QByteArray line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i)
            line.append(',');
        line.append(quoteField(plainText(cells[i])));
    }
    line.append("\r\n");
    put(line);
}

QByteArray JsonLinesWriter::jsonString(const QByteArray &utf8)
{
    return QByteArray::fromStdString(core::jsonQuote(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size()))));
}

void JsonLinesWriter::header(const std::vector<const char *> &columns)
{
    m_keys.clear();
    for (const char *column : columns)
        m_keys.push_back(jsonString(column) + ':');
}

void JsonLinesWriter::row(const std::vector<ExportCell> &cells)
{
    QByteArray line;
    line.append('{');
    for (std::size_t i = 0; i < cells.size() && i < m_keys.size(); ++i) {
        if (i)
            line.append(',');
        line.append(m_keys[i]);
        const ExportCell &cell = cells[i];
        switch (cell.kind) {
        case ExportCell::Kind::Null: line.append("null"); break;
        case ExportCell::Kind::Text: line.append(jsonString(cell.text)); break;
        case ExportCell::Kind::Json: line.append(cell.text); break;
        case ExportCell::Kind::Integer: line.append(QByteArray::number(static_cast<qlonglong>(cell.integer))); break;
        case ExportCell::Kind::Real: line.append(std::isfinite(cell.real) ? formatReal(cell.real) : "null"); break;
        }
    }
    line.append("}\n");
    put(line);
}

} // namespace opsdeck::store
