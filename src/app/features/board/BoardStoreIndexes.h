#pragma once

#include "store/board/OrderEventIndex.h"
#include "store/board/OrderSearchIndex.h"

#include <memory>

namespace opsdeck::app {

// The board's two store-side indexes. Created, used and destroyed on the store thread
// only (through StoreWorker::post); shared_ptr so queued jobs keep them alive.
struct BoardStoreIndexes {
    std::unique_ptr<store::OrderSearchIndex> search;
    std::unique_ptr<store::OrderEventIndex> events;
};

} // namespace opsdeck::app
