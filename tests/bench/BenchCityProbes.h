#pragma once

// What `opsdeck-bench city` reads off the product while it runs: the feed-receive ->
// stored lag of each committed batch, the events and rider fixes it ingested, the
// database's size by table (SQLite's dbstat), and opsfeed as a separate process (so
// the simulator's CPU is not the console's).
#include "core/pipeline/CoreObserver.h"

#include <QProcess>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace opsdeck::bench {

std::int64_t steadyNowNs();

// Fed by StoreWorker::Options::committed (RuntimeOptions::storeCommitted) on the store
// thread: how long after its first event came off the SUB socket each batch was
// committed. Only batches received from `from` on count. Percentiles weigh each batch
// by its events (every event of a batch gets the batch's first event's lag: an upper
// bound).
class LagRecorder final
{
public:
    void startAt(std::int64_t fromNs) { m_fromNs.store(fromNs); }
    void record(std::int64_t receivedNs, std::size_t events);
    double percentileMs(double p) const;
    std::int64_t events() const;

private:
    std::atomic<std::int64_t> m_fromNs{-1};
    mutable std::mutex m_mutex;
    std::vector<std::pair<double, std::size_t>> m_samples; // (lag ms, events)
};

// A core observer counting what the console ingested (live events, rider fixes, and
// their envelope bytes, to split the event log's size between fixes and the rest).
class IngestCounter final : public core::CoreObserver
{
public:
    void onEvent(const core::Event &event, bool applied, const core::Projections &projections) override;

    std::atomic<std::int64_t> events{0};
    std::atomic<std::int64_t> fixes{0};
    std::atomic<std::int64_t> bytes{0};
    std::atomic<std::int64_t> fixBytes{0};
};

// Pages of the database by table (each table with its indexes), read through SQLite's
// dbstat virtual table on a connection of our own (WAL: it reads alongside the writer).
struct DbSizes {
    std::int64_t total = 0;     // page_count * page_size
    std::int64_t events = 0;    // the event log: `events` and its indexes
    std::int64_t track = 0;     // rider positions outside the log (kTrackTablePatterns)
    std::int64_t fileBytes = 0; // the file and its -wal on disk
    bool ok = false;
};
// LIKE patterns of the tables that hold rider fixes besides the event log.
extern const std::vector<std::string> kTrackTablePatterns;
DbSizes measureDb(const QString &path);

// Three free loopback endpoints for a gateway to bind.
std::vector<std::string> freeLoopbackEndpoints(int count);

// The allocator's view of this process (mallinfo2) and SQLite's own allocations.
std::string heapSummary();

// CPU seconds used so far by a process (all its threads), from /proc/<pid>/stat.
double processCpuSeconds(qint64 pid);

// build/ci/bin/opsfeed next to this executable, its stderr in `logPath`.
class OpsfeedProcess final
{
public:
    OpsfeedProcess() = default;
    ~OpsfeedProcess(); // stop()
    OpsfeedProcess(const OpsfeedProcess &) = delete;
    OpsfeedProcess &operator=(const OpsfeedProcess &) = delete;

    bool start(const QStringList &arguments, const QString &logPath, QString *error);
    void stop(); // SIGTERM, then SIGKILL after 10 s
    qint64 pid() const { return m_process.processId(); }
    // Lines of its log saying the simulation fell behind real time.
    int fellBehindCount() const;

private:
    QProcess m_process;
    QString m_logPath;
};

} // namespace opsdeck::bench
