#include "BoardServices.h"

#include "app/features/intake/ControlAuditSink.h"

#include "BoardIndexFeeder.h"
#include "app/runtime/ConsoleRuntime.h"
#include "ControlOrderActions.h"
#include "StoreOrderHistory.h"
#include "StoreOrderSearch.h"
#include "core/pipeline/ConsoleCore.h"
#include "sdk/ConsoleContext.h"
#include "store/log/EventStore.h"
#include "store/db/StoreWorker.h"

namespace opsdeck::app {

BoardServices::BoardServices() = default;

BoardServices::~BoardServices() = default;

void BoardServices::assemble(ConsoleRuntime &runtime)
{
    runtime.addAssembleHook([this](core::ConsoleCore &core, store::StoreWorker &store) { assemble(core, store); });
}

void BoardServices::assemble(core::ConsoleCore &core, store::StoreWorker &store)
{
    store.post([indexes = m_indexes](store::EventStore &eventStore) {
        indexes->events = std::make_unique<store::OrderEventIndex>(eventStore);
        indexes->search = std::make_unique<store::OrderSearchIndex>(eventStore.database());
        std::vector<store::OrderSearchIndex::Entry> entries;
        eventStore.forEachOrder([&entries](const core::OrderRecord &order) {
            entries.push_back({order.orderId, order.customerName, order.customerPhone});
        });
        indexes->search->add(entries);
    });
    m_feeder = std::make_unique<BoardIndexFeeder>(store, m_indexes);
    core.addObserver(m_feeder.get());
    // The actions' audit table in every assembly (the window writes it, headless has it).
    m_audit = std::make_unique<StoreAuditSink>(store);
}

void BoardServices::provideTo(sdk::ConsoleContext &context, store::StoreWorker &store,
                              const std::string &controlEndpoint, const feed::CurveKeys &curve,
                              const core::access::AccessGuard &access)
{
    m_actions = std::make_unique<ControlOrderActions>(controlEndpoint, curve, access);
    // The order's depot and merchant as the console sees it now (one lookup per action).
    m_actions->setScopeOf([&context](const QString &orderId) {
        for (const sdk::OrderRow &row : context.currentOrders())
            if (row.orderId == orderId)
                return core::access::Scope{row.depot.toStdString(), row.merchantId.toStdString()};
        return core::access::Scope{};
    });
    m_search = std::make_unique<StoreOrderSearch>(store, m_indexes, !context.maskPersonalData());
    // Every board action on the audit trail, in the console's database (store thread),
    // through the sink the intake commands use.
    if (!m_audit)
        m_audit = std::make_unique<StoreAuditSink>(store);
    m_actions->setAudit(m_audit.get());
    ControlOrderActions *actions = m_actions.get();
    m_history = std::make_unique<StoreOrderHistory>(store, m_indexes, context.maskPersonalData(),
                                                    [actions](const QString &id) { return actions->actionsOn(id); });
    context.provide<sdk::OrderActions>(m_actions.get());
    context.provide<sdk::OrderSearch>(m_search.get());
    context.provide<sdk::OrderHistory>(m_history.get());
}

} // namespace opsdeck::app
