#pragma once

// opsdeck-bench board: the data shared by the board models' figures (BenchBoard.cpp) and
// the search figures (BenchBoardSearch.cpp).
#include "sdk/Rows.h"

#include <QList>

#include <cstdint>
#include <vector>

namespace opsdeck::bench::board {

inline constexpr int kOrders = 200000;
inline constexpr int kChangesPerBatch = 500; // 5k changes/s, one batch per 100 ms
inline constexpr int kBatches = 40;
inline constexpr qint64 kNow = 1'800'000'000'000;

struct Data {
    QList<sdk::OrderRow> orders; // in live states, times around kNow
    std::vector<QList<sdk::OrderRow>> batches;
};

Data makeData();

// Component figure: the FTS5 index alone on this thread, p95 per keystroke.
double indexP95Ms(const Data &d, std::int64_t *indexed);
// The product: p95 of a keystroke through the assembled console's OrderSearch while its
// feed carries 5k order changes a second (BenchBoardSearch.cpp says what is fed).
double roundTripP95Ms(const Data &d);

} // namespace opsdeck::bench::board
