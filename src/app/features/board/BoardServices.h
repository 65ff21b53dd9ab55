#pragma once

#include "BoardStoreIndexes.h"
#include "feed/wire/FeedEndpoints.h"

#include <QString>

#include <memory>

namespace opsdeck::core {
class ConsoleCore;
}
namespace opsdeck::core::access {
class AccessGuard;
}
namespace opsdeck::sdk {
class ConsoleContext;
}
namespace opsdeck::store {
class StoreWorker;
}

namespace opsdeck::app {

class BoardIndexFeeder;
class ControlAuditSink;
class ConsoleRuntime;
class ControlOrderActions;
class StoreOrderHistory;
class StoreOrderSearch;

// The host side of the order board: search index and order -> event index on the store
// thread, and the three SDK services (OrderActions, OrderSearch, OrderHistory).
// main.cpp: assemble(runtime) before runtime.start(), provideTo(context, ...) after.
class BoardServices final
{
public:
    BoardServices();
    ~BoardServices();
    BoardServices(const BoardServices &) = delete;
    BoardServices &operator=(const BoardServices &) = delete;

    void assemble(ConsoleRuntime &runtime);
    // Same, without a runtime (tests, tools): adds the feeder to `core` and posts the
    // index creation and initial fill to `store`.
    void assemble(core::ConsoleCore &core, store::StoreWorker &store);

    // Every action goes through `access` (the console's one permission check), which
    // outlives the services.
    void provideTo(sdk::ConsoleContext &context, store::StoreWorker &store, const std::string &controlEndpoint,
                   const feed::CurveKeys &curve, const core::access::AccessGuard &access);

    ControlOrderActions *actions() const { return m_actions.get(); }
    StoreOrderSearch *search() const { return m_search.get(); }
    // The store-thread indexes behind the services (a test builds a search for another role).
    std::shared_ptr<BoardStoreIndexes> indexes() const { return m_indexes; }
    StoreOrderHistory *history() const { return m_history.get(); }

private:
    std::shared_ptr<BoardStoreIndexes> m_indexes = std::make_shared<BoardStoreIndexes>();
    std::unique_ptr<BoardIndexFeeder> m_feeder;
    std::unique_ptr<ControlAuditSink> m_audit; // before m_actions: outlives its last write
    std::unique_ptr<ControlOrderActions> m_actions;
    std::unique_ptr<StoreOrderSearch> m_search;
    std::unique_ptr<StoreOrderHistory> m_history;
};

} // namespace opsdeck::app
