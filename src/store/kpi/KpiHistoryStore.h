#pragma once

#include "core/kpi/KpiCounters.h"
#include "core/kpi/KpiSnapshot.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace opsdeck::store {

class Database;

// The KPI history: additive aggregates per minute and per hour for every scope ("all",
// "depot:…", "channel:…", "merchant:…"), in the console's SQLite file. The KPI engine
// hands closed minutes over; each is added to its minute row and its hour row (late
// events add a second delta to a row already written). A 7-day query reads 168 hour rows
// per scope instead of scanning millions of events. Runs on the store thread only.
class KpiHistoryStore final
{
public:
    // CREATE TABLE IF NOT EXISTS, and the kpi_hist_add() SQL function that merges two
    // histogram blobs (registered on this connection).
    static void prepare(Database &db);

    // One transaction.
    static void write(Database &db, const std::vector<core::KpiHistoryRow> &rows);

    struct Bucket {
        std::int64_t startMs = 0;
        core::KpiCounters counters;
    };
    struct Result {
        core::KpiCounters total;                                       // of `scope`
        std::vector<Bucket> series;                                    // of `scope`, per hour, ascending
        std::vector<std::pair<std::string, core::KpiCounters>> depots; // every "depot:" scope, totals
        // The part of [fromMs, toMs) the console observed: from the first to the end of the
        // last minute it wrote for "all" (0, 0: none). Per-minute figures are averaged over
        // it, not over the hours of a day before the console started or still to come.
        std::int64_t observedFromMs = 0;
        std::int64_t observedToMs = 0;
    };

    // [fromMs, toMs): whole hours from the hour table, the ragged ends from the minute table.
    static Result query(Database &db, std::int64_t fromMs, std::int64_t toMs, const std::string &scope);

    // Sparse histogram blob: (uint8 bin, uint32 little-endian count) per non-empty bin.
    static std::string encodeHistogram(const core::KpiHistogram &hist);
    static bool decodeHistogram(const void *data, int size, core::KpiHistogram &into); // adds; false if malformed
};

} // namespace opsdeck::store
