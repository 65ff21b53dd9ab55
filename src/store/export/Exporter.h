#pragma once

#include <QString>
#include <QStringView>

#include "core/stock/StockBook.h"

#include <cstdint>
#include <functional>
#include <string>
#include <memory>
#include <optional>

class QIODevice;

namespace opsdeck::store {

class KeyVault;

enum class ExportTable { Orders, Events, Rejected, Stock };
enum class ExportFormat { Csv, Jsonl };

std::optional<ExportTable> exportTableFromName(QStringView name);   // "orders" | "events" | "rejected" | "stock"
std::optional<ExportFormat> exportFormatFromName(QStringView name); // "csv" | "jsonl"

struct ExportOptions {
    ExportTable table = ExportTable::Orders;
    ExportFormat format = ExportFormat::Csv;
    // Off: customer name/phone/address are masked (138****1234) in orders and in the
    // bodies of order.created/order.snapshot events, and rejected raw bytes (which may
    // be a mangled order) are withheld. On: everything in clear, for an authorised export.
    bool includePersonalData = false;
    QString keyPath; // empty: "<db>.key"
    // The reader's data scope (core::access::inScope over an order's depot and merchant);
    // empty: every row. With a scope, orders and their events outside it are left out,
    // events of no order (riders, depots) too, and rejected input (whose order cannot be
    // told) is not exported at all.
    std::function<bool(const std::string &depot, const std::string &merchant)> inScope;
    std::shared_ptr<KeyVault> keyVault; // the OS keyring where the console keeps the key (KeyVault.h)
    // The stock table's target cover, low line and slots (the desk's settings).
    core::stock::StockSettings stockSettings;
};

struct ExportResult {
    bool ok = false;
    std::int64_t rows = 0;
    QString error; // set when !ok: wrong key, not an OpsDeck db, write failure...
};

// `opsdeck export orders|events|rejected`: streams one table from a database to a
// device (a file, or stdout through QFile::open(stdout, ...)). Opens the database
// read-only, so it runs while the console keeps writing (WAL readers do not block it).
// Timestamps are RFC 3339 UTC with milliseconds.
class Exporter final
{
public:
    explicit Exporter(ExportOptions options) : m_options(std::move(options)) {}
    ExportResult run(const QString &dbPath, QIODevice &out) const;

private:
    ExportOptions m_options;
};

} // namespace opsdeck::store
