// opsdeck-bench kpi [--seconds N] [--cache PATH]
//
// 1. Live (BenchKpiLive.cpp): the assembled console (every feature) fed a synthetic
//    delivery day at ~20k events/s by a scripted gateway over real sockets; the dashboard
//    (offscreen) applies each 1 s snapshot of the KPI feature's service and repaints.
//    gui_ms = p95 of that GUI work per tick.
// 2. History (component figures: the store's aggregate tables, no console): a store with
//    10M events and the aggregates the engine wrote while they went through it; p95 of the
//    7-day query (aggregate tables) against the naive scan of the event log over the same
//    7 days (baseline, same run).
// Last line: RESULT kpi gui_ms=<p95> history_ms=<p95>
#include "../kpi/SyntheticKpiFeed.h"
#include "BenchKpi.h"
#include "core/kpi/KpiEngine.h"
#include "core/pipeline/Projections.h"
#include "store/log/EventStore.h"
#include "store/kpi/KpiHistoryStore.h"
#include "store/db/Sqlite.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace opsdeck;
using opsdeck::bench::kpi::percentile;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kHistoryEvents = 10'000'000;
constexpr std::int64_t kDayMs = 86'400'000;

// --- 2. history (component figures) ----------------------------------------------------

struct HistoryInfo {
    std::int64_t events = 0;
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
};

// Keeps memory flat over a week: open orders and all riders carried into fresh projections.
std::unique_ptr<core::Projections> compacted(const core::Projections &projections,
                                             const std::vector<std::string> &riderIds)
{
    std::vector<core::OrderRecord> open;
    projections.forEachOrder([&open](const core::OrderRecord &rec) {
        if (!core::isFinal(rec.state))
            open.push_back(rec);
    });
    std::vector<core::RiderRecord> riders;
    for (const auto &id : riderIds)
        if (const auto *rr = projections.findRider(id))
            riders.push_back(*rr);
    auto fresh = std::make_unique<core::Projections>();
    fresh->load(std::move(open), std::move(riders));
    return fresh;
}

// The event log is bulk-inserted (one prepared INSERT, 250k rows per transaction, bodies
// in clear: the synthetic events carry no personal data) while every event goes through
// real Projections and the real KpiEngine, whose closed minutes are written by
// KpiHistoryStore::write — the job the StoreWorker runs in the console.
HistoryInfo buildHistory(const QString &path)
{
    HistoryInfo info;
    store::EventStore es;
    es.open(path);
    store::Database &db = es.database();
    store::KpiHistoryStore::prepare(db);
    db.exec("PRAGMA synchronous=OFF");
    kpitest::SyntheticKpiFeed::Options o;
    o.ordersPerMinPerDepot = 28;
    o.ridersPerDepot = 60;
    o.startMs = 1794787200000; // 2026-11-16T00:00:00Z
    kpitest::SyntheticKpiFeed gen(o);
    info.fromMs = o.startMs;

    auto projections = std::make_unique<core::Projections>();
    std::vector<core::KpiHistoryRow> pendingRows;
    core::KpiEngine engine({}, nullptr, [&pendingRows](std::vector<core::KpiHistoryRow> &&rows) {
        for (auto &r : rows)
            pendingRows.push_back(std::move(r));
    });
    engine.onTick(*projections, o.startMs);
    // The log's schema (v2): key = stream << 40 | seq, one `streams` row per (epoch, depot).
    store::Statement insert = db.prepare(
        "INSERT INTO events(key, seq, id, ts_ms, type, order_id, rider_id, sealed, body) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8)",
        true);
    store::Statement insertStream = db.prepare("INSERT INTO streams(id, epoch, depot) VALUES(?1, ?2, ?3)", true);
    std::map<std::pair<std::string, std::string>, std::int64_t> streams;
    std::int64_t nextCompact = o.startMs + 3600000;
    auto tx = std::make_unique<store::Transaction>(db);
    const auto t0 = Clock::now();
    for (std::int64_t n = 0; n < kHistoryEvents; ++n) {
        core::Event e = gen.next();
        engine.onTick(*projections, std::max(e.tsMs, engine.nowMs()));
        const auto r = projections->apply(e);
        engine.onEvent(e, r.outcome == core::Projections::Outcome::Applied, *projections);
        const std::string type(core::typeName(e.kind));
        auto stream = streams.find({e.epoch, e.depot});
        if (stream == streams.end()) {
            const auto id = static_cast<std::int64_t>(streams.size()) + 1;
            insertStream.bind(1, id).bindText(2, e.epoch).bindText(3, e.depot).run();
            stream = streams.emplace(std::make_pair(e.epoch, e.depot), id).first;
        }
        insert.bind(1, (stream->second << 40) | e.seq).bind(2, e.seq).bindText(3, e.id).bind(4, e.tsMs);
        insert.bindText(5, type).bindTextOrNull(6, e.orderId).bindTextOrNull(7, e.riderId).bindBlob(8, e.raw);
        insert.run();
        info.toMs = e.tsMs;
        if ((n + 1) % 250000 == 0) {
            tx->commit();
            // The engine's closed minutes, in their own transaction as the store job does it.
            store::KpiHistoryStore::write(db, pendingRows);
            pendingRows.clear();
            tx = std::make_unique<store::Transaction>(db);
            std::fprintf(stderr, "\r  building: %lld M events", static_cast<long long>((n + 1) / 1000000));
        }
        if (e.tsMs >= nextCompact) {
            projections = compacted(*projections, gen.riderIds());
            nextCompact += 3600000;
        }
    }
    tx->commit();
    engine.flushHistory();
    store::KpiHistoryStore::write(db, pendingRows);
    db.exec("CREATE TABLE IF NOT EXISTS bench_meta(key TEXT PRIMARY KEY, value INTEGER)");
    auto meta = db.prepare("INSERT OR REPLACE INTO bench_meta VALUES(?1, ?2)");
    for (auto [k, v] : {std::pair<const char *, std::int64_t>{"events", kHistoryEvents}, {"from_ms", info.fromMs}, {"to_ms", info.toMs}})
        meta.bindText(1, k).bind(2, v).run();
    info.events = kHistoryEvents;
    std::fprintf(stderr, "\n");
    std::printf("  built %s in %.0f s\n", qPrintable(path), std::chrono::duration<double>(Clock::now() - t0).count());
    return info;
}

bool readHistoryInfo(const QString &path, HistoryInfo *info)
{
    if (!QFile::exists(path))
        return false;
    try {
        store::EventStore es;
        es.open(path);
        auto &db = es.database();
        if (db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'bench_meta'") == 0)
            return false;
        info->events = db.queryInt("SELECT value FROM bench_meta WHERE key = 'events'");
        info->fromMs = db.queryInt("SELECT value FROM bench_meta WHERE key = 'from_ms'");
        info->toMs = db.queryInt("SELECT value FROM bench_meta WHERE key = 'to_ms'");
        return info->events == kHistoryEvents;
    } catch (const std::exception &) {
        return false;
    }
}

// The 7-day query over the cached 10M-event store (built once), against the naive scan.
double historyP95Ms(const QString &cache)
{
    HistoryInfo info;
    if (!readHistoryInfo(cache, &info)) {
        QFile::remove(cache);
        QFile::remove(cache + QStringLiteral(".key"));
        QFile::remove(cache + QStringLiteral("-wal"));
        QFile::remove(cache + QStringLiteral("-shm"));
        std::printf("  building the 10M-event store (once; cached in %s)\n", qPrintable(cache));
        info = buildHistory(cache);
    } else {
        std::printf("  using cached store %s\n", qPrintable(cache));
    }
    store::EventStore es;
    es.open(cache);
    auto &db = es.database();
    store::KpiHistoryStore::prepare(db);
    const std::int64_t to = info.toMs + 1;
    const std::int64_t from = to - 7 * kDayMs;
    std::printf("  store: %lld events, %.1f days, %lld minute rows, %lld hour rows\n",
                static_cast<long long>(db.queryInt("SELECT count(*) FROM events")), (info.toMs - info.fromMs) / double(kDayMs),
                static_cast<long long>(db.queryInt("SELECT count(*) FROM kpi_minute")),
                static_cast<long long>(db.queryInt("SELECT count(*) FROM kpi_hour")));
    std::vector<double> queryMs;
    std::int64_t orders = 0;
    for (int i = 0; i < 40; ++i) {
        QElapsedTimer t;
        t.start();
        // The service's job: the aggregate query (ragged ends from minutes), then the figures.
        const auto r = store::KpiHistoryStore::query(db, from + i * 60000, to, "all");
        const auto f = core::computeKpiFigures(r.total, static_cast<double>(to - from));
        for (const auto &[scope, c] : r.depots)
            (void)core::computeKpiFigures(c, static_cast<double>(to - from));
        queryMs.push_back(t.nsecsElapsed() / 1e6);
        orders = r.total[core::KpiField::Created];
        (void)f;
    }
    std::vector<double> scanMs;
    std::int64_t scanned = 0;
    for (int i = 0; i < 1; ++i) { // one run: it takes seconds
        QElapsedTimer t;
        t.start();
        // Baseline: the cheapest scan of the log (counts by type only: no quantiles, no depots).
        auto stmt = db.prepare("SELECT type, count(*) FROM events WHERE ts_ms >= ?1 AND ts_ms < ?2 GROUP BY type");
        stmt.bind(1, from).bind(2, to);
        scanned = 0;
        while (stmt.step())
            scanned += stmt.columnInt(1);
        scanMs.push_back(t.nsecsElapsed() / 1e6);
    }
    const double history = percentile(queryMs, 0.95);
    const double scan = percentile(scanMs, 0.95);
    std::printf("  7-day query, aggregate tables  p95 %8.2f ms (40 runs; %lld orders, all + per depot)\n", history,
                static_cast<long long>(orders));
    std::printf("  7-day naive scan of the log    p95 %8.2f ms (1 run; %lld events counted by type)\n", scan,
                static_cast<long long>(scanned));
    std::printf("  speed-up %.0fx\n", history > 0 ? scan / history : 0.0);
    return history;
}

} // namespace

int runKpiBench(int argc, char **argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they are measured
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    double seconds = 30;
    if (const int at = args.indexOf(QStringLiteral("--seconds")); at > 0 && at + 1 < args.size())
        seconds = std::max(3.0, args.at(at + 1).toDouble());
    QString cache = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../bench-cache/kpi-10m.db"));
    if (const int at = args.indexOf(QStringLiteral("--cache")); at > 0 && at + 1 < args.size())
        cache = args.at(at + 1);
    QDir().mkpath(QFileInfo(cache).absolutePath());

    std::printf("kpi: the assembled console + dashboard at ~20k events/s for %.0f s, then 7-day history over 10M events\n",
                seconds);
    const bench::kpi::LiveFigures live = bench::kpi::runLive(seconds);
    std::printf("  component: KPI engine alone (one thread)  %12.0f events/s\n", live.engineAloneEventsPerSec);
    std::printf("  live feed into the assembled console      %12.0f events/s published, %.0f/s logged (steady part; "
                "%lld gaps, %lld rejected)\n",
                live.eventsPerSec, live.loggedPerSec, live.gaps, live.rejected);
    std::printf("  dashboard tick, GUI thread CPU (apply + paint of what changed) p95 %.2f ms, max %.2f ms over %d ticks\n", live.guiP95, live.guiMax,
                live.ticks);

    std::printf("  component figures: the store's history tables, no console\n");
    const double history = historyP95Ms(cache);
    std::printf("RESULT kpi gui_ms=%.2f history_ms=%.2f\n", live.guiP95, history);
    return 0;
}
