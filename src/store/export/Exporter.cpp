#include "Exporter.h"

#include "store/log/EventStore.h"
#include "ExportWriter.h"
#include "store/db/StoreError.h"
#include "store/db/StoreLog.h"

#include "core/model/Event.h"
#include "core/model/EventDecoder.h"
#include "core/model/Masking.h"
#include "core/stock/StockBook.h"

#include <QFileInfo>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

#include <unordered_set>

namespace opsdeck::store {

namespace {

ExportCell timeCell(std::int64_t ms)
{
    return ms > 0 ? ExportCell::fromText(core::formatTimestampMs(ms)) : ExportCell::null();
}

QString fromUtf8(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

ExportCell personalCell(const std::string &value, QString (*mask)(const QString &), bool clear)
{
    if (value.empty())
        return ExportCell::null();
    return clear ? ExportCell::fromText(value) : ExportCell::fromText(mask(fromUtf8(value)).toUtf8());
}

QByteArray stateTimesJson(const core::OrderRecord &o)
{
    QJsonObject times;
    for (int i = 0; i < core::kOrderStateCount; ++i) {
        const std::int64_t ms = o.enteredAtMs[static_cast<std::size_t>(i)];
        if (ms > 0) {
            const auto name = core::toString(static_cast<core::OrderState>(i));
            times.insert(QLatin1String(name.data(), static_cast<qsizetype>(name.size())),
                         QString::fromStdString(core::formatTimestampMs(ms)));
        }
    }
    return QJsonDocument(times).toJson(QJsonDocument::Compact);
}

// Masks the personal fields of protocol.md inside an envelope, leaving the rest as sent.
QByteArray maskEnvelope(const QByteArray &body)
{
    QJsonParseError error{};
    QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (!doc.isObject())
        return QByteArrayLiteral("{\"masked\":true}"); // unparsable: never leak it
    QJsonObject envelope = doc.object();
    QJsonObject data = envelope.value(QLatin1String("data")).toObject();
    QJsonObject customer = data.value(QLatin1String("customer")).toObject();
    if (customer.contains(QLatin1String("name")))
        customer.insert(QLatin1String("name"), core::maskName(customer.value(QLatin1String("name")).toString()));
    if (customer.contains(QLatin1String("phone")))
        customer.insert(QLatin1String("phone"), core::maskPhone(customer.value(QLatin1String("phone")).toString()));
    if (!customer.isEmpty())
        data.insert(QLatin1String("customer"), customer);
    // The destination (address.lat/lng) and where a parcel was signed (data.lat/lng) are
    // where a person lives: rounded to about 1 km, as masked roles see them.
    const auto roundCoordinates = [](QJsonObject &object) {
        for (const QLatin1String key : {QLatin1String("lat"), QLatin1String("lng")}) {
            if (object.value(key).isDouble())
                object.insert(key, core::maskCoordinate(object.value(key).toDouble()));
            else if (object.contains(key))
                object.insert(key, QJsonValue::Null); // not a number: nothing of it is shown
        }
    };
    QJsonObject address = data.value(QLatin1String("address")).toObject();
    if (!address.isEmpty()) {
        if (address.contains(QLatin1String("text")))
            address.insert(QLatin1String("text"), core::maskAddress(address.value(QLatin1String("text")).toString()));
        roundCoordinates(address);
        data.insert(QLatin1String("address"), address);
    }
    roundCoordinates(data);
    // The customer's note (our extension) is free text: nothing of it is safe to show.
    if (data.contains(QLatin1String("note")))
        data.insert(QLatin1String("note"), QStringLiteral("***"));
    // Who signed for the parcel is a person's name, as the order timeline treats it.
    if (data.contains(QLatin1String("signed_by")))
        data.insert(QLatin1String("signed_by"), core::maskName(data.value(QLatin1String("signed_by")).toString()));
    if (!data.isEmpty())
        envelope.insert(QLatin1String("data"), data);
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

ExportCell bodyCell(const LoggedEvent &e, bool clear, ExportFormat format)
{
    QByteArray body(e.body.data(), static_cast<qsizetype>(e.body.size()));
    const bool personal = e.type == "order.created" || e.type == "order.snapshot" || e.type == "order.signed";
    if (personal && !clear)
        body = maskEnvelope(body);
    if (format == ExportFormat::Jsonl) {
        // Nest the envelope as an object when it is one; anything else stays a string.
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        return doc.isObject() ? ExportCell::fromJson(body.trimmed()) : ExportCell::fromText(body);
    }
    return ExportCell::fromText(body);
}

using InScope = std::function<bool(const std::string &, const std::string &)>;

void exportOrders(EventStore &store, ExportWriter &writer, bool clear, const InScope &inScope, std::int64_t &rows)
{
    writer.header({"order_id", "depot", "state", "rider_id", "merchant_id", "channel", "amount", "lat", "lng",
                   "created_at", "updated_at", "eta", "promised_at", "last_reason", "state_times", "customer_name",
                   "customer_phone", "address", "priority", "customer_note", "retired_at"});
    std::vector<ExportCell> cells;
    store.forEachOrder([&](const core::OrderRecord &o) {
        if (inScope && !inScope(o.depot, o.merchantId))
            return;
        cells.clear();
        cells.push_back(ExportCell::fromText(o.orderId));
        cells.push_back(ExportCell::fromText(o.depot));
        cells.push_back(ExportCell::fromText(core::toString(o.state)));
        cells.push_back(ExportCell::textOrNull(o.riderId));
        cells.push_back(ExportCell::textOrNull(o.merchantId));
        cells.push_back(ExportCell::textOrNull(o.channel));
        cells.push_back(ExportCell::fromReal(o.amount));
        cells.push_back(ExportCell::fromReal(clear ? o.lat : core::maskCoordinate(o.lat)));
        cells.push_back(ExportCell::fromReal(clear ? o.lng : core::maskCoordinate(o.lng)));
        cells.push_back(timeCell(o.createdAtMs));
        cells.push_back(timeCell(o.updatedAtMs));
        cells.push_back(timeCell(o.etaMs));
        cells.push_back(timeCell(o.promisedAtMs));
        cells.push_back(ExportCell::textOrNull(o.lastReason));
        cells.push_back(ExportCell::fromJson(stateTimesJson(o)));
        cells.push_back(personalCell(o.customerName, core::maskName, clear));
        cells.push_back(personalCell(o.customerPhone, core::maskPhone, clear));
        cells.push_back(personalCell(o.addressText, core::maskAddress, clear));
        cells.push_back(ExportCell::fromText(core::toString(o.priority)));
        // Free text: nothing of it can be shown safely, only that there is one.
        cells.push_back(personalCell(o.customerNote, [](const QString &) { return QStringLiteral("***"); }, clear));
        cells.push_back(timeCell(o.retiredAtMs)); // empty for a live order
        writer.row(cells);
        ++rows;
    });
}

void exportEvents(EventStore &store, ExportWriter &writer, bool clear, ExportFormat format, const InScope &inScope,
                  std::int64_t &rows)
{
    writer.header({"epoch", "depot", "seq", "id", "ts", "type", "order_id", "rider_id", "body"});
    // An event is in scope when its order is: the orders table knows the merchant.
    std::unordered_set<std::string> orders;
    if (inScope)
        store.forEachOrder([&](const core::OrderRecord &o) {
            if (inScope(o.depot, o.merchantId))
                orders.insert(o.orderId);
        });
    std::vector<ExportCell> cells;
    store.forEachEvent([&](const LoggedEvent &e) {
        if (inScope && (e.orderId.empty() || !orders.count(e.orderId)))
            return;
        cells.clear();
        cells.push_back(ExportCell::fromText(e.epoch));
        cells.push_back(ExportCell::fromText(e.depot));
        cells.push_back(ExportCell::fromInteger(e.seq));
        cells.push_back(ExportCell::fromText(e.id));
        cells.push_back(timeCell(e.tsMs));
        cells.push_back(ExportCell::fromText(e.type));
        cells.push_back(ExportCell::textOrNull(e.orderId));
        cells.push_back(ExportCell::textOrNull(e.riderId));
        cells.push_back(bodyCell(e, clear, format));
        writer.row(cells);
        ++rows;
    });
}

void exportRejected(EventStore &store, ExportWriter &writer, bool clear, std::int64_t &rows)
{
    writer.header({"at", "reason", "detail", "topic", "size", "raw_base64"});
    std::vector<ExportCell> cells;
    store.forEachRejected([&](const core::Rejected &r) {
        cells.clear();
        cells.push_back(timeCell(r.atMs));
        cells.push_back(ExportCell::fromText(core::toString(r.reason)));
        cells.push_back(ExportCell::textOrNull(r.detail));
        cells.push_back(ExportCell::textOrNull(r.topic));
        cells.push_back(ExportCell::fromInteger(r.size));
        // Base64: raw bytes are by definition not valid JSON/UTF-8 in many cases.
        cells.push_back(clear ? ExportCell::fromText(QByteArray(r.raw.data(), qsizetype(r.raw.size())).toBase64())
                              : ExportCell::null());
        writer.row(cells);
        ++rows;
    });
}

// The restock suggestions (docs/merchant.md), rebuilt from the inventory.level events in
// the log and judged at the feed time of the latest one: the same figures the stock view
// showed then. Scoped by the level's depot and merchant; a level naming no merchant is
// left out of a scoped export.
void exportStock(EventStore &store, ExportWriter &writer, const InScope &inScope,
                 const core::stock::StockSettings &settings, std::int64_t &rows)
{
    writer.header({"merchant", "depot", "sku", "name", "unit", "level", "per_hour", "cover_hours", "state",
                   "next_slot", "suggest_qty", "level_at"});
    core::EventDecoder decoder;
    core::stock::StockBook book(settings);
    std::int64_t latestMs = 0;
    store.forEachEvent([&](const LoggedEvent &e) {
        if (e.type != "inventory.level")
            return;
        // Logged events passed the decoder once; one that no longer does is left out.
        auto decoded = decoder.decode(e.depot + "/" + e.type, e.body);
        if (const auto *event = std::get_if<core::Event>(&decoded); event && book.apply(*event))
            latestMs = std::max(latestMs, event->tsMs);
    });
    std::vector<ExportCell> cells;
    for (const core::stock::StockFigures &f : book.figures(latestMs, std::nullopt)) {
        if (inScope && (f.key.merchant.empty() || !inScope(f.key.depot, f.key.merchant)))
            continue;
        cells.clear();
        cells.push_back(ExportCell::textOrNull(f.key.merchant));
        cells.push_back(ExportCell::fromText(f.key.depot));
        cells.push_back(ExportCell::fromText(f.key.sku));
        cells.push_back(ExportCell::textOrNull(f.name));
        cells.push_back(ExportCell::textOrNull(f.unit));
        cells.push_back(ExportCell::fromReal(f.level));
        cells.push_back(ExportCell::fromReal(f.perHour));
        cells.push_back(f.coverHours ? ExportCell::fromReal(*f.coverHours) : ExportCell::null());
        cells.push_back(ExportCell::fromText(core::stock::toString(f.state)));
        cells.push_back(timeCell(f.nextSlotMs));
        cells.push_back(ExportCell::fromReal(f.suggestQty));
        cells.push_back(timeCell(f.atMs));
        writer.row(cells);
        ++rows;
    }
}

} // namespace

std::optional<ExportTable> exportTableFromName(QStringView name)
{
    if (name == u"orders")
        return ExportTable::Orders;
    if (name == u"events")
        return ExportTable::Events;
    if (name == u"rejected")
        return ExportTable::Rejected;
    if (name == u"stock")
        return ExportTable::Stock;
    return std::nullopt;
}

std::optional<ExportFormat> exportFormatFromName(QStringView name)
{
    if (name == u"csv")
        return ExportFormat::Csv;
    if (name == u"jsonl")
        return ExportFormat::Jsonl;
    return std::nullopt;
}

ExportResult Exporter::run(const QString &dbPath, QIODevice &out) const
{
    ExportResult result;
    if (!QFileInfo::exists(dbPath)) {
        // Read-only open would fail too, but with SQLite's vaguer "unable to open".
        result.error = QStringLiteral("no database at %1").arg(dbPath);
        return result;
    }
    std::unique_ptr<ExportWriter> writer;
    if (m_options.format == ExportFormat::Csv)
        writer = std::make_unique<CsvWriter>(out);
    else
        writer = std::make_unique<JsonLinesWriter>(out);
    try {
        EventStore store;
        EventStore::Options options;
        options.readOnly = true;
        options.keyPath = m_options.keyPath;
        options.keyVault = m_options.keyVault;
        store.open(dbPath, options);
        const bool clear = m_options.includePersonalData;
        const InScope &scope = m_options.inScope;
        switch (m_options.table) {
        case ExportTable::Orders: exportOrders(store, *writer, clear, scope, result.rows); break;
        case ExportTable::Events: exportEvents(store, *writer, clear, m_options.format, scope, result.rows); break;
        case ExportTable::Stock: exportStock(store, *writer, scope, m_options.stockSettings, result.rows); break;
        case ExportTable::Rejected:
            if (!scope)
                exportRejected(store, *writer, clear, result.rows);
            break;
        }
    } catch (const StoreError &error) {
        result.error = QString::fromUtf8(error.what());
        qCWarning(lcStore) << "export failed:" << error.what();
        return result;
    }
    if (writer->failed()) {
        result.error = QStringLiteral("writing the export failed: %1").arg(out.errorString());
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace opsdeck::store
