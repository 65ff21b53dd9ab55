#include "StoreOrderSearch.h"

#include "store/db/StoreWorker.h"

#include <QLoggingCategory>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcBoardSearch, "opsdeck.app.search")

StoreOrderSearch::StoreOrderSearch(store::StoreWorker &store, std::shared_ptr<BoardStoreIndexes> indexes,
                                   bool mayViewPersonalData, QObject *parent)
    : sdk::OrderSearch(parent), m_store(store), m_indexes(std::move(indexes)), m_mayViewPersonalData(mayViewPersonalData)
{
}

StoreOrderSearch::~StoreOrderSearch()
{
    m_return.disarm();
}

quint64 StoreOrderSearch::search(const QString &text, int limit)
{
    const quint64 ticket = ++*m_latest;
    const std::string query = text.toStdString();
    auto handle = m_return.handle();
    const bool posted = m_store.post([indexes = m_indexes, latest = m_latest, ticket, query, limit, text, handle,
                                      personal = m_mayViewPersonalData, self = this](store::EventStore &) {
        if (latest->load() != ticket)
            return; // a newer keystroke is queued behind us
        QStringList ids;
        if (indexes->search) {
            for (const std::string &id : indexes->search->find(query, limit, personal))
                ids << QString::fromStdString(id);
        }
        handle.deliver([self, latest, ticket, text, ids] {
            if (latest->load() == ticket)
                emit self->resultsReady(ticket, text, ids);
        });
    });
    if (!posted)
        qCWarning(lcBoardSearch) << "search dropped: the store is stopped";
    return ticket;
}

} // namespace opsdeck::app
