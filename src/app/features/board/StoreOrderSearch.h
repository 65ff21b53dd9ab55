#pragma once

#include "BoardStoreIndexes.h"
#include "GuiReturn.h"
#include "sdk/OrderSearch.h"

#include <atomic>
#include <memory>

namespace opsdeck::store {
class StoreWorker;
}

namespace opsdeck::app {

// sdk::OrderSearch over the in-memory FTS5 index on the store thread. A query still
// queued when a newer one arrives is skipped; an answer overtaken on its way back is
// dropped on the GUI thread. Without mayViewPersonalData (a masked role) names are not
// searched: order ids and the phone tail only.
class StoreOrderSearch final : public sdk::OrderSearch
{
    Q_OBJECT
public:
    StoreOrderSearch(store::StoreWorker &store, std::shared_ptr<BoardStoreIndexes> indexes, bool mayViewPersonalData,
                     QObject *parent = nullptr);
    ~StoreOrderSearch() override;

    quint64 search(const QString &text, int limit) override;
    quint64 latestTicket() const { return m_latest->load(); }

private:
    store::StoreWorker &m_store;
    std::shared_ptr<BoardStoreIndexes> m_indexes;
    bool m_mayViewPersonalData;
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    GuiReturn m_return{this};
};

} // namespace opsdeck::app
