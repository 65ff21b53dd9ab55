#include "BenchCityProbes.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>
#include <zmq.hpp>

#include <algorithm>
#include <chrono>

#include <malloc.h>
#include <unistd.h>

namespace opsdeck::bench {

std::int64_t steadyNowNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

void LagRecorder::record(std::int64_t receivedNs, std::size_t events)
{
    const std::int64_t from = m_fromNs.load(std::memory_order_relaxed);
    if (from < 0 || receivedNs < from || events == 0)
        return;
    const double lagMs = static_cast<double>(steadyNowNs() - receivedNs) / 1e6;
    std::lock_guard lock(m_mutex);
    m_samples.emplace_back(lagMs, events);
}

double LagRecorder::percentileMs(double p) const
{
    std::vector<std::pair<double, std::size_t>> samples;
    {
        std::lock_guard lock(m_mutex);
        samples = m_samples;
    }
    std::sort(samples.begin(), samples.end());
    std::size_t total = 0;
    for (const auto &s : samples)
        total += s.second;
    const auto rank = static_cast<double>(total) * p / 100.0;
    std::size_t seen = 0;
    for (const auto &[lag, events] : samples) {
        seen += events;
        if (static_cast<double>(seen) >= rank)
            return lag;
    }
    return samples.empty() ? 0.0 : samples.back().first;
}

std::int64_t LagRecorder::events() const
{
    std::lock_guard lock(m_mutex);
    std::int64_t total = 0;
    for (const auto &s : m_samples)
        total += static_cast<std::int64_t>(s.second);
    return total;
}

void IngestCounter::onEvent(const core::Event &event, bool applied, const core::Projections &projections)
{
    (void)applied;
    (void)projections;
    const auto size = static_cast<std::int64_t>(event.raw.size());
    events.fetch_add(1, std::memory_order_relaxed);
    bytes.fetch_add(size, std::memory_order_relaxed);
    if (event.kind == core::EventKind::RiderPosition) {
        fixes.fetch_add(1, std::memory_order_relaxed);
        fixBytes.fetch_add(size, std::memory_order_relaxed);
    }
}

// The position history of main (rider_position_*) and the track store that replaces
// the fixes of the event log (issue 16).
const std::vector<std::string> kTrackTablePatterns = {"rider_position%", "track%", "rider_track%"};

namespace {

bool matchesTrack(sqlite3 *db, const std::string &table)
{
    for (const std::string &pattern : kTrackTablePatterns) {
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(db, "SELECT ?1 LIKE ?2", -1, &st, nullptr);
        sqlite3_bind_text(st, 1, table.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, pattern.c_str(), -1, SQLITE_TRANSIENT);
        const bool match = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
        sqlite3_finalize(st);
        if (match)
            return true;
    }
    return false;
}

std::int64_t pragmaInt(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = nullptr;
    std::int64_t value = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return value;
}

} // namespace

DbSizes measureDb(const QString &path)
{
    DbSizes sizes;
    sizes.fileBytes = QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return sizes;
    }
    sqlite3_busy_timeout(db, 5000);
    sizes.total = pragmaInt(db, "PRAGMA page_count") * pragmaInt(db, "PRAGMA page_size");
    sqlite3_stmt *st = nullptr;
    const char *sql = "SELECT s.tbl_name, sum(d.pgsize) FROM sqlite_schema s"
                      " JOIN dbstat d ON d.name = s.name AND d.aggregate = 1 GROUP BY s.tbl_name";
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK) {
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const std::string table = reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
            const std::int64_t bytes = sqlite3_column_int64(st, 1);
            if (table == "events")
                sizes.events += bytes;
            else if (matchesTrack(db, table))
                sizes.track += bytes;
        }
        sizes.ok = rc == SQLITE_DONE;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return sizes;
}

std::vector<std::string> freeLoopbackEndpoints(int count)
{
    // Bound together, then released: the gateway binds them a moment later.
    zmq::context_t ctx(1);
    std::vector<zmq::socket_t> sockets;
    std::vector<std::string> endpoints;
    for (int i = 0; i < count; ++i) {
        sockets.emplace_back(ctx, zmq::socket_type::pub);
        sockets.back().set(zmq::sockopt::linger, 0);
        sockets.back().bind("tcp://127.0.0.1:*");
        endpoints.push_back(sockets.back().get(zmq::sockopt::last_endpoint));
    }
    for (auto &s : sockets)
        s.close();
    return endpoints;
}

std::string heapSummary()
{
    // Live heap vs what the allocator holds: tells per-rider state from arena slack.
    const struct mallinfo2 m = mallinfo2();
    char line[160];
    std::snprintf(line, sizeof line, "heap in use %.0f MB, free in arenas %.0f MB, mmapped %.0f MB, sqlite %.0f MB",
                  static_cast<double>(m.uordblks) / 1e6, static_cast<double>(m.fordblks) / 1e6,
                  static_cast<double>(m.hblkhd) / 1e6, static_cast<double>(sqlite3_memory_used()) / 1e6);
    return line;
}

double processCpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    const auto fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() <= 12) // utime and stime are fields 14 and 15 of stat, 12 and 13 after ")"
        return 0;
    return static_cast<double>(fields.at(11).toLongLong() + fields.at(12).toLongLong())
        / static_cast<double>(sysconf(_SC_CLK_TCK));
}

OpsfeedProcess::~OpsfeedProcess()
{
    stop();
}

bool OpsfeedProcess::start(const QStringList &arguments, const QString &logPath, QString *error)
{
    const QString program = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("opsfeed"));
    m_logPath = logPath;
    m_process.setStandardOutputFile(logPath);
    m_process.setStandardErrorFile(logPath, QIODevice::Append);
    m_process.start(program, arguments);
    if (m_process.waitForStarted(10000))
        return true;
    *error = QStringLiteral("cannot start %1: %2").arg(program, m_process.errorString());
    return false;
}

void OpsfeedProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

int OpsfeedProcess::fellBehindCount() const
{
    QFile log(m_logPath);
    if (!log.open(QIODevice::ReadOnly))
        return 0;
    return static_cast<int>(log.readAll().count("fell behind"));
}

} // namespace opsdeck::bench
