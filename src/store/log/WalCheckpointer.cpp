#include "WalCheckpointer.h"

#include "store/db/StoreLog.h"

#include <pthread.h>

namespace opsdeck::store {

WalCheckpointer::WalCheckpointer(std::string path) : m_path(std::move(path))
{
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "opsdeck-wal"); // its own line in the benches' CPU by thread
        run();
    });
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void WalCheckpointer::attach(sqlite3 *writer)
{
    sqlite3_wal_autocheckpoint(writer, 0);
    sqlite3_wal_hook(writer, &WalCheckpointer::onCommit, this);
}

std::int64_t WalCheckpointer::checkpoints() const
{
    std::lock_guard lock(m_mutex);
    return m_checkpoints;
}

int WalCheckpointer::onCommit(void *self, sqlite3 *db, const char *dbName, int pages)
{
    auto *me = static_cast<WalCheckpointer *>(self);
    if (pages >= kWriterPages) {
        // Behind: the writer copies the WAL itself rather than let it grow on.
        sqlite3_wal_checkpoint_v2(db, dbName, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (pages >= kWakePages) {
        {
            std::lock_guard lock(me->m_mutex);
            me->m_pending = true;
        }
        me->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    sqlite3 *db = nullptr;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_pending || m_stopping; });
            if (m_stopping)
                break;
            m_pending = false;
        }
        if (!db && sqlite3_open_v2(m_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
            qCWarning(lcStore) << "WAL checkpointer cannot open the database:" << sqlite3_errmsg(db);
            sqlite3_close(db);
            db = nullptr;
            continue;
        }
        const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcStore) << "WAL checkpoint failed, retried at the next commit:" << sqlite3_errmsg(db);
        std::lock_guard lock(m_mutex);
        ++m_checkpoints;
    }
    // Closed here, before the writer's connection: the writer, closing last, checkpoints
    // and removes the WAL as it always did.
    sqlite3_close(db);
}

} // namespace opsdeck::store
