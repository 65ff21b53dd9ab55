#pragma once

// Builders for realistic store batches: envelopes of ~400 bytes shaped like protocol.md.

#include "core/model/Event.h"
#include "core/model/Records.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace opsdeck::store::test {

inline constexpr std::int64_t kBaseMs = 1795342500123; // 2026-11-22T10:15:00.123Z

inline std::string isoTs(std::int64_t ms)
{
    return core::formatTimestampMs(ms);
}

inline core::Event makeCreated(const std::string &epoch, const std::string &depot, std::int64_t seq,
                               const std::string &orderId, const std::string &name, const std::string &phone,
                               const std::string &address)
{
    core::Event e;
    e.kind = core::EventKind::OrderCreated;
    e.epoch = epoch;
    e.depot = depot;
    e.seq = seq;
    e.id = "e-" + depot + "-" + std::to_string(seq);
    e.tsMs = kBaseMs + seq;
    e.orderId = orderId;
    e.merchantId = "m-17";
    e.channel = "fresh";
    e.customerName = name;
    e.customerPhone = phone;
    e.addressText = address;
    e.amount = 42.5;
    e.promisedAtMs = e.tsMs + 1800000;
    e.raw = R"({"v":1,"epoch":")" + epoch + R"(","depot":")" + depot + R"(","seq":)" + std::to_string(seq)
        + R"(,"id":")" + e.id + R"(","ts":")" + isoTs(e.tsMs) + R"(","type":"order.created","data":{"order_id":")"
        + orderId + R"(","merchant_id":"m-17","channel":"fresh","customer":{"name":")" + name + R"(","phone":")"
        + phone + R"("},"address":{"text":")" + address
        + R"(","lat":39.9219,"lng":116.4436},"items":[{"sku":"veg-001","name":"spinach","qty":2,"unit":"bag"}],"amount":42.5,"note":"Ring twice, code 4711","promised_at":")"
        + isoTs(e.promisedAtMs) + R"("}})";
    e.customerNote = "Ring twice, code 4711";
    return e;
}

// A rider.position envelope padded to about `bytes` (the common hot-path event).
inline core::Event makePosition(const std::string &epoch, const std::string &depot, std::int64_t seq,
                                std::size_t bytes = 400)
{
    core::Event e;
    e.kind = core::EventKind::RiderPosition;
    e.epoch = epoch;
    e.depot = depot;
    e.seq = seq;
    e.id = "e-" + depot + "-" + std::to_string(seq);
    e.tsMs = kBaseMs + seq;
    e.riderId = "r-" + std::to_string(seq % 300);
    e.raw = R"({"v":1,"epoch":")" + epoch + R"(","depot":")" + depot + R"(","seq":)" + std::to_string(seq)
        + R"(,"id":")" + e.id + R"(","ts":")" + isoTs(e.tsMs) + R"(","type":"rider.position","data":{"rider_id":")"
        + e.riderId + R"(","lat":39.92191234,"lng":116.44361234,"speed_mps":4.2,"heading_deg":87.5,"accuracy_m":5,"battery_pct":71)";
    if (e.raw.size() + 20 < bytes)
        e.raw += R"(,"pad":")" + std::string(bytes - e.raw.size() - 12, 'x') + "\"";
    e.raw += "}}";
    return e;
}

// An order event that moves an order (order.paid-like), for orders with an order_id.
inline core::Event makeOrderEvent(const std::string &epoch, const std::string &depot, std::int64_t seq,
                                  const std::string &orderId, std::size_t bytes = 400)
{
    core::Event e = makePosition(epoch, depot, seq, bytes);
    e.kind = core::EventKind::OrderPaid;
    e.riderId.clear();
    e.orderId = orderId;
    return e;
}

inline core::OrderRecord makeOrder(const std::string &orderId, const std::string &depot)
{
    core::OrderRecord o;
    o.orderId = orderId;
    o.depot = depot;
    o.merchantId = "m-17";
    o.channel = "campus";
    o.riderId = "r-7";
    o.customerName = "Zhang, \"Wei\"";
    o.customerPhone = "13812341234";
    o.addressText = "Chaoyang Rd 88, Unit 5";
    o.customerNote = "Gate code 4711, leave with the guard";
    o.priority = core::OrderPriority::Urgent;
    o.lastReason = "traffic_accident";
    o.state = core::OrderState::Delivering;
    o.lat = 39.9219;
    o.lng = 116.4436;
    o.amount = 88.25;
    o.etaMs = kBaseMs + 900000;
    o.promisedAtMs = kBaseMs + 1800000;
    o.createdAtMs = kBaseMs;
    o.updatedAtMs = kBaseMs + 60000;
    o.enteredAtMs[static_cast<std::size_t>(core::OrderState::Created)] = kBaseMs;
    o.enteredAtMs[static_cast<std::size_t>(core::OrderState::Paid)] = kBaseMs + 1000;
    o.enteredAtMs[static_cast<std::size_t>(core::OrderState::Picking)] = kBaseMs + 2000;
    o.enteredAtMs[static_cast<std::size_t>(core::OrderState::Delivering)] = kBaseMs + 60000;
    return o;
}

inline core::RiderRecord makeRider(const std::string &riderId, const std::string &depot)
{
    core::RiderRecord r;
    r.riderId = riderId;
    r.name = "Li Lei";
    r.depot = depot;
    r.status = "delivering";
    r.lat = 39.91;
    r.lng = 116.40;
    r.speedMps = 4.5;
    r.headingDeg = 270.0;
    r.batteryPct = 63.0;
    r.capacity = 3;
    r.fixAtMs = kBaseMs + 5000;
    r.updatedAtMs = kBaseMs + 5001;
    return r;
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The database plus its WAL: personal data must be absent from both.
inline QByteArray readDbFiles(const QString &dbPath)
{
    return readAll(dbPath) + readAll(dbPath + QStringLiteral("-wal"));
}

// `count` rider fixes of one depot from `firstSeq` on, with the cursor they move to.
inline core::StoreBatch positions(std::int64_t firstSeq, int count)
{
    core::StoreBatch b;
    for (int i = 0; i < count; ++i)
        b.events.push_back(makePosition("gw1", "BJ-CY-01", firstSeq + i));
    b.cursors.push_back({"BJ-CY-01", "gw1", firstSeq + count - 1});
    b.applied = count;
    return b;
}

// The first column of the first row of `sql` on the file at `path`, read-only; -1 when no row.
inline std::int64_t scalar(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    std::int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return v;
}

} // namespace opsdeck::store::test
