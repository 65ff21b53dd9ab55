#pragma once

// `store` mode of the benchmarks: how many events per second EventStore::write logs
// with a realistic mix, measured on a real file in `dir`. Header-only so a bench
// driver can include it without another target.
//
// Mix per batch of 1000 events (what the core hands over at full feed rate): 70%
// rider.position, 25% order events (order.paid-like), 5% order.created (sealed),
// every envelope ~400 bytes; plus the changed projections: one order upsert per order
// event (with sealed PII) and 100 rider upserts, and the depot cursors.

#include "core/model/Records.h"
#include "store/log/EventStore.h"

#include <QElapsedTimer>
#include <QString>

#include <string>
#include <ctime>
#include <vector>

namespace opsdeck::bench {

inline core::StoreBatch storeBenchBatch(std::int64_t &seq, std::int64_t &orderCounter, int events)
{
    core::StoreBatch b;
    b.events.reserve(static_cast<std::size_t>(events));
    const std::string epoch = "gw1-20261122T101500Z";
    const std::string depot = "BJ-CY-01";
    for (int i = 0; i < events; ++i) {
        core::Event e;
        e.epoch = epoch;
        e.depot = depot;
        e.seq = ++seq;
        e.id = "e-" + std::to_string(e.seq);
        e.tsMs = 1795342500123 + e.seq;
        const int slot = i % 20;
        std::string data;
        if (slot == 0) {
            e.kind = core::EventKind::OrderCreated;
            e.orderId = "o-" + std::to_string(++orderCounter);
            e.customerName = "Zhang Wei";
            e.customerPhone = "13812341234";
            e.addressText = "Chaoyang Rd 88, Unit 5";
            data = R"("order_id":")" + e.orderId + R"(","merchant_id":"m-17","channel":"fresh","customer":{"name":"Zhang Wei","phone":"13812341234"},"address":{"text":"Chaoyang Rd 88, Unit 5","lat":39.92,"lng":116.44},"items":[{"sku":"veg-001","qty":2}],"amount":42.5)";
        } else if (slot < 6) {
            e.kind = core::EventKind::OrderPaid;
            e.orderId = "o-" + std::to_string(orderCounter - slot);
            data = R"("order_id":")" + e.orderId + R"(","amount":42.5,"method":"wechat")";
        } else {
            e.kind = core::EventKind::RiderPosition;
            e.riderId = "r-" + std::to_string(e.seq % 300);
            data = R"("rider_id":")" + e.riderId + R"(","lat":39.92191234,"lng":116.44361234,"speed_mps":4.2,"heading_deg":87.5,"accuracy_m":5,"battery_pct":71)";
        }
        e.raw = R"({"v":1,"epoch":")" + epoch + R"(","depot":")" + depot + R"(","seq":)" + std::to_string(e.seq)
            + R"(,"id":")" + e.id + R"(","ts":"2026-11-22T10:15:00.123Z","type":")"
            + std::string(core::typeName(e.kind)) + R"(","data":{)" + data;
        if (e.raw.size() < 390)
            e.raw += R"(,"note":")" + std::string(390 - e.raw.size(), 'n') + "\"";
        e.raw += "}}";
        if (!e.orderId.empty()) {
            core::OrderRecord o;
            o.orderId = e.orderId;
            o.depot = depot;
            o.state = core::OrderState::Paid;
            o.customerName = "Zhang Wei";
            o.customerPhone = "13812341234";
            o.addressText = "Chaoyang Rd 88, Unit 5";
            o.createdAtMs = o.updatedAtMs = e.tsMs;
            o.enteredAtMs[1] = e.tsMs;
            b.orders.push_back(std::move(o));
        }
        b.events.push_back(std::move(e));
    }
    for (int r = 0; r < 100; ++r) {
        core::RiderRecord rider;
        rider.riderId = "r-" + std::to_string((seq + r) % 300);
        rider.depot = depot;
        rider.status = "delivering";
        b.riders.push_back(std::move(rider));
    }
    b.cursors.push_back({depot, epoch, seq});
    b.applied = events;
    return b;
}

struct StoreWriteRate {
    double perWallSecond = 0;
    double perCpuSecond = 0; // the writer thread's own CPU time: stable on a busy machine
};

inline double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Events per second through EventStore::write (batch building excluded from the clock).
inline StoreWriteRate measureStoreWriteRate(const QString &dir, int events)
{
    store::EventStore store;
    store.open(dir + QStringLiteral("/bench.db"));
    std::int64_t seq = 0;
    std::int64_t orders = 0;
    constexpr int kBatch = 1000;
    std::vector<core::StoreBatch> batches;
    for (int done = 0; done < events; done += kBatch)
        batches.push_back(storeBenchBatch(seq, orders, std::min(kBatch, events - done)));
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = threadCpuSeconds();
    for (const auto &b : batches)
        store.write(b);
    const double cpu = threadCpuSeconds() - cpuStart;
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    return {seconds > 0 ? events / seconds : 0.0, cpu > 0 ? events / cpu : 0.0};
}

} // namespace opsdeck::bench
