#pragma once

#include "core/model/Records.h"
#include "core/model/Rejection.h"

#include <QString>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace opsdeck::store {

class KeyVault;

class Database;
class PersonalDataCipher;
class TrackStore;

// Everything the console needs at startup to resume where it stopped.
struct LoadedState {
    std::vector<core::OrderRecord> orders;
    std::vector<core::RiderRecord> riders;
    std::vector<core::Cursor> cursors;
    std::array<std::int64_t, core::kRejectReasonCount> rejectedByReason{}; // exact, never pruned
    std::int64_t rejectedTotal = 0;   // sum of rejectedByReason (+ reasons this build does not know)
    std::int64_t rejectedKept = 0;    // rows still in the capped rejected table
    std::int64_t eventsLogged = 0;    // rows ever inserted into the event log (replays not counted)
    std::int64_t eventsApplied = 0;   // sum of StoreBatch::applied
    std::int64_t duplicates = 0;      // sum of StoreBatch::duplicates
    std::int64_t alerts = 0;          // integrity alerts recorded
    std::int64_t resyncs = 0;         // resyncs recorded
    std::int64_t batches = 0;         // transactions committed by write()
};

// One row of the event log, body decrypted.
struct LoggedEvent {
    std::string epoch;
    std::string depot;
    std::int64_t seq = 0;
    std::string id;
    std::int64_t tsMs = 0;
    std::string type;
    std::string orderId;
    std::string riderId;
    std::string body; // the envelope as received
};

struct WriteResult {
    std::int64_t eventsLogged = 0;  // newly inserted
    std::int64_t eventsIgnored = 0; // already in the log (replay)
    std::int64_t fixesStored = 0;   // rider fixes, kept in the track store instead of the log
};

// The console's SQLite database: event log, projections, cursors, rejected messages,
// integrity alerts and resyncs. One connection, used by one thread at a time (the
// StoreWorker's). Every method throws StoreError on failure; a failed write() leaves
// the database exactly as before it.
class EventStore final
{
public:
    struct Options {
        QString keyPath;                   // an explicit key file; empty: resolveKeyPath (KeyLocation.h)
        QString keyDir;                    // the console's key folder (defaultKeyDir()); see resolveKeyPath
        std::shared_ptr<KeyVault> keyVault; // where the key is kept (KeyVault.h); empty: its file
        std::int64_t rejectedKeep = 10000; // newest rejected rows kept
        bool readOnly = false;             // for the exporter: never creates, migrates or writes
        int busyTimeoutMs = 5000;          // wait this long for another connection's lock
        // Open a database whose key rotation is unfinished (a console closed mid-way)
        // sealing with the new key and opening with both (KeyRotation::resume), for the
        // console to finish it with LiveKeyRotation; otherwise such a file is refused.
        bool resumeKeyRotation = false;
    };

    EventStore();
    ~EventStore();
    EventStore(const EventStore &) = delete;
    EventStore &operator=(const EventStore &) = delete;

    // Creates or upgrades the schema, switches to WAL with synchronous=NORMAL, and
    // checks the key: WrongKey / MissingKey / BadKeyFile before any data is touched.
    void open(const QString &path, const Options &options);
    void open(const QString &path) { open(path, Options{}); }
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    QString keyPath() const { return m_keyPath; } // the key file in use (KeyLocation.h)

    LoadedState load();
    WriteResult write(const core::StoreBatch &batch); // one transaction

    // Streaming reads for export and tools, in key order; bodies and PII decrypted.
    void forEachOrder(const std::function<void(const core::OrderRecord &)> &visit);
    void forEachEvent(const std::function<void(const LoggedEvent &)> &visit);
    void forEachRejected(const std::function<void(const core::Rejected &)> &visit);
    // The events of one type logged in the last spanMs of feed time before the latest of
    // them, oldest first (the stock view's history at start, docs/merchant.md); visit
    // returns false to stop. The log has no index by type: this reads every row, so run it
    // on a read-only connection of its own, never on the store thread.
    void forEachRecentEvent(const std::string &type, std::int64_t spanMs,
                            const std::function<bool(const LoggedEvent &)> &visit);

    // For feature stores (positions, search, alerts, KPIs, audit) that keep their own
    // tables in the same file: they create them with CREATE ... IF NOT EXISTS and run
    // on the store thread through StoreWorker::post(). Personal data they keep must go
    // through cipher() (null only for a read-only store opened without its key).
    Database &database();
    // A key rotation in the running console (LiveKeyRotation) swaps the key in place, on
    // the store thread between writes: everything holding the cipher keeps pointing at it.
    void replaceCipher(const PersonalDataCipher &cipher);
    // The burst alerts' key for this installation, derived from the personal-data key;
    // empty when no key is loaded. Store thread.
    std::string burstKey() const;
    const PersonalDataCipher *cipher() const;
    // PersonalDataEraser::Counts::orderIds: later writes of these orders keep pii NULL.
    // Store thread.
    void markPersonalDataErased(const std::vector<std::string> &orderIds);
    // Rider fixes (store thread only; empty for a read-only store): docs/storage.md.
    TrackStore &tracks();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    QString m_path;
    QString m_keyPath;
};

} // namespace opsdeck::store
