// opsdeck-bench track [--riders N] [--seconds S]: the track store alone (issue 16). N
// riders report at 1 Hz for S seconds of feed time, written as fast as the store takes
// them through EventStore::write in the batches the core hands over (every 100 ms of
// feed), on a real file. Baseline in the same run: the same fixes through the same
// write() as event-log envelopes (how every fix was stored before schema 5), for a
// quarter of the time (at most 500k fixes). Prints bytes per fix (file growth / fixes), fixes per second, the
// fleet at T for every rider (from blocks and from the open generation) and one rider's
// trail over the whole run.
#include "store/db/Sqlite.h"
#include "store/log/EventStore.h"
#include "store/track/TrackStore.h"

#include <QFileInfo>
#include <QTemporaryDir>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <vector>

using namespace opsdeck;

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::int64_t kT0 = 1795342500000;

struct Rider {
    std::string id;
    double lat, lng, speed, heading, battery;
    int phaseMs;
};

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Rounded like opsfeed writes them (6 decimals of degree, 2 of speed, 1 of heading/battery).
double round(double v, double scale)
{
    return std::round(v * scale) / scale;
}

std::vector<Rider> makeRiders(int n, std::mt19937 &rng)
{
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<Rider> riders;
    for (int i = 0; i < n; ++i)
        riders.push_back({std::to_string(i).insert(0, 1, 'R'), 39.75 + u(rng) * 0.35, 116.20 + u(rng) * 0.45, u(rng) * 8,
                          u(rng) * 360, 40 + u(rng) * 60, static_cast<int>(u(rng) * 1000)});
    return riders;
}

// One second of movement: speed and heading drift, a few riders stop or start.
void move(Rider &r, std::mt19937 &rng)
{
    std::normal_distribution<double> n(0, 1);
    r.speed = std::clamp(r.speed + n(rng) * 0.3, 0.0, 9.0);
    r.heading = std::fmod(r.heading + n(rng) * 4 + 360, 360);
    const double rad = r.heading * M_PI / 180;
    r.lat += r.speed * std::cos(rad) / 111320.0;
    r.lng += r.speed * std::sin(rad) / (111320.0 * std::cos(r.lat * M_PI / 180));
    r.battery = std::max(5.0, r.battery - 0.002);
}

core::Event fixEvent(const Rider &r, std::int64_t ts, std::int64_t seq, bool asLog)
{
    core::Event e;
    e.kind = core::EventKind::RiderPosition;
    e.epoch = "gw1-bench";
    e.depot = "BJ-CY-01";
    e.seq = seq;
    e.id = "e-" + std::to_string(seq);
    e.tsMs = ts;
    e.riderId = r.id;
    e.lat = round(r.lat, 1e6);
    e.lng = round(r.lng, 1e6);
    e.speedMps = round(r.speed, 100);
    e.headingDeg = round(r.heading, 10);
    e.batteryPct = round(r.battery, 10);
    e.hasPosition = !asLog; // without a position the store logs the envelope, as before schema 5
    char data[256];
    std::snprintf(data, sizeof data,
                  R"({"rider_id":"%s","lat":%.6f,"lng":%.6f,"speed_mps":%.2f,"heading_deg":%.1f,"accuracy_m":5.0,"battery_pct":%.1f})",
                  r.id.c_str(), e.lat, e.lng, e.speedMps, e.headingDeg, e.batteryPct);
    e.raw = R"({"v":1,"epoch":"gw1-bench","depot":"BJ-CY-01","seq":)" + std::to_string(seq) + R"(,"id":")" + e.id
        + R"(","ts":"2026-11-22T10:15:00.123Z","type":"rider.position","data":)" + data + "}";
    return e;
}

std::int64_t fileBytes(const QString &path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

struct Run {
    std::int64_t fixes = 0, bytes = 0;
    double wall = 0, cpu = 0;
    double fleetBlocksMs = 0, fleetMemoryMs = 0, trailMs = 0;
    std::size_t fleetRiders = 0, trailFixes = 0;
};

// CPU time of this thread: the queries run on the store thread, and wall time on a
// shared 2-core machine mostly measures the neighbours.
double msSince(double cpuStart)
{
    return (cpuSeconds() - cpuStart) * 1000;
}

Run runOnce(int riderCount, int seconds, bool asLog)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("track.db"));
    store::EventStore store;
    store.open(path);
    store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    const std::int64_t before = fileBytes(path);
    std::mt19937 rng(16);
    std::vector<Rider> riders = makeRiders(riderCount, rng);
    std::int64_t seq = 0;
    Run run;
    const auto start = Clock::now();
    const double cpu0 = cpuSeconds();
    for (int s = 0; s < seconds; ++s) {
        for (int slot = 0; slot < 10; ++slot) { // a batch per 100 ms of feed time
            core::StoreBatch b;
            for (Rider &r : riders) {
                if (r.phaseMs / 100 != slot)
                    continue;
                move(r, rng);
                const std::int64_t ts = kT0 + s * 1000LL + r.phaseMs + static_cast<int>(rng() % 3);
                b.events.push_back(fixEvent(r, ts, ++seq, asLog));
            }
            b.cursors.push_back({"BJ-CY-01", "gw1-bench", seq});
            b.applied = static_cast<std::int64_t>(b.events.size());
            run.fixes += b.applied;
            store.write(b);
        }
    }
    run.wall = std::chrono::duration<double>(Clock::now() - start).count();
    run.cpu = cpuSeconds() - cpu0;
    store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    run.bytes = fileBytes(path) - before;
    if (!asLog) {
        double t = cpuSeconds();
        run.fleetRiders = store.tracks().fleetAt(kT0 + seconds * 500LL).size();
        run.fleetBlocksMs = msSince(t);
        t = cpuSeconds();
        store.tracks().fleetAt(kT0 + seconds * 1000LL);
        run.fleetMemoryMs = msSince(t);
        t = cpuSeconds();
        run.trailFixes = store.tracks().trail("R7", 0, kT0 + seconds * 1000LL).size();
        run.trailMs = msSince(t);
    }
    return run;
}

int argValue(int argc, char **argv, const char *name, int fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return std::max(1, std::atoi(argv[i + 1]));
    return fallback;
}

} // namespace

int runTrackBench(int argc, char **argv)
{
    const int riders = argValue(argc, argv, "--riders", 10000);
    const int seconds = argValue(argc, argv, "--seconds", 180);
    const Run track = runOnce(riders, seconds, false);
    // The baseline's file grows ~330 bytes a fix: at most half a million of them.
    const Run log = runOnce(riders, std::max(1, std::min(seconds / 4, 500000 / riders)), true);
    const double perFix = static_cast<double>(track.bytes) / static_cast<double>(track.fixes);
    const double logPerFix = static_cast<double>(log.bytes) / static_cast<double>(log.fixes);
    std::printf("track: %d riders at 1 Hz for %d s of feed time, written through EventStore::write as fast as it takes them\n",
                riders, seconds);
    std::printf("  track store      %8.2f bytes/fix  %9.0f fixes/s  %9.0f fixes/CPU-s  (%lld fixes, %lld bytes)\n", perFix,
                static_cast<double>(track.fixes) / track.wall, static_cast<double>(track.fixes) / track.cpu,
                static_cast<long long>(track.fixes), static_cast<long long>(track.bytes));
    std::printf("  event log (old)  %8.2f bytes/fix  %9.0f fixes/s  %9.0f fixes/CPU-s  (%lld fixes, same write path)\n",
                logPerFix, static_cast<double>(log.fixes) / log.wall, static_cast<double>(log.fixes) / log.cpu,
                static_cast<long long>(log.fixes));
    std::printf("  fleet at T (%zu riders, CPU ms): %.1f ms from blocks, %.1f ms from the open generation; trail of one "
                "rider over the run (%zu fixes): %.2f ms\n",
                track.fleetRiders, track.fleetBlocksMs, track.fleetMemoryMs, track.trailFixes, track.trailMs);
    std::printf("RESULT track bytes_per_fix=%.2f fixes_per_s=%.0f log_bytes_per_fix=%.1f log_fixes_per_s=%.0f "
                "bytes_ratio=%.1f rate_ratio=%.2f fleet_ms=%.1f trail_ms=%.2f\n",
                perFix, static_cast<double>(track.fixes) / track.wall, logPerFix,
                static_cast<double>(log.fixes) / log.wall, logPerFix / perFix,
                (static_cast<double>(track.fixes) / track.wall) / (static_cast<double>(log.fixes) / log.wall),
                track.fleetBlocksMs, track.trailMs);
    return 0;
}
