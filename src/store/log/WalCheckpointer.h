#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace opsdeck::store {

// Moves the WAL checkpoint off the writer thread. SQLite's automatic checkpoint runs
// inside the committing connection: every 64 MiB of WAL the writer stopped to copy pages
// into the database file and fsync it. In WAL mode another connection may checkpoint
// while the writer keeps appending, so this one does, on its own thread:
// - attach() turns the writer's autocheckpoint off and installs a WAL hook that, after
//   each commit, wakes this thread once the WAL holds kWakePages pages;
// - the thread runs PRAGMA wal_checkpoint(PASSIVE) on its own connection: it copies what
//   no reader still needs and never waits for the writer. When the writer next begins a
//   transaction with everything copied, SQLite restarts the WAL from its start (and
//   journal_size_limit truncates the file back), so the WAL stays near kWakePages;
// - bound: should this thread fall behind (a slow disk, a long reader), the writer
//   checkpoints itself at kWriterPages, as before, so the WAL never grows without limit.
// Failures (a full disk) are logged and retried on the next wake: the writer's own
// commits report disk faults, a checkpoint only frees WAL space.
class WalCheckpointer final
{
public:
    static constexpr int kWakePages = 2048;    // 16 MiB of 8 KiB pages
    static constexpr int kWriterPages = 32768; // 256 MiB: the writer steps in

    explicit WalCheckpointer(std::string path);
    ~WalCheckpointer(); // joins; closes its connection before the writer's closes
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    void attach(sqlite3 *writer);
    std::int64_t checkpoints() const;

private:
    static int onCommit(void *self, sqlite3 *db, const char *dbName, int pages);
    void run();

    std::string m_path;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_pending = false;
    bool m_stopping = false;
    std::int64_t m_checkpoints = 0;
    std::thread m_thread;
};

} // namespace opsdeck::store
