#pragma once

// EventStore's private state, shared by the files that implement it (EventStore.cpp: open,
// write, load; EventStoreReads.cpp: the readers). Not for anyone else.
#include "EventStore.h"
#include "OrderRows.h"
#include "WalCheckpointer.h"

#include "store/db/KeyLocation.h"
#include "store/db/KeyRotation.h"
#include "store/db/KeyVault.h"
#include "store/db/PersonalDataCipher.h"
#include "store/db/RowCodec.h"
#include "store/db/Schema.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"
#include "store/db/StoreLog.h"
#include "store/track/TrackStore.h"

#include <QFile>

#include <map>
#include <optional>

namespace opsdeck::store {

// Prepared once per connection (SQLITE_PREPARE_PERSISTENT): the write path never parses SQL.
struct EventStore::Impl {
    Database db;
    std::unique_ptr<WalCheckpointer> checkpointer; // destroyed before db: its connection closes first
    std::optional<PersonalDataCipher> cipher;
    std::int64_t rejectedKeep = 10000;
    bool readOnly = false;
    int schemaVersion = kSchemaVersion; // a read-only open leaves an older file as it is

    Statement insertEvent;
    Statement insertStream;
    TrackStore tracks; // rider fixes: not in the log, in the same transaction (docs/storage.md)
    // (epoch, depot) -> stream id of the event key. A stream inserted by a transaction
    // that then rolls back must not stay here, so new ids wait in pendingStreams until
    // the commit.
    std::map<std::pair<std::string, std::string>, std::int64_t> streams;
    std::vector<std::pair<std::pair<std::string, std::string>, std::int64_t>> pendingStreams;
    std::int64_t nextStreamId = 1;
    // A batch is mostly one (epoch, depot) after another: the last stream answers most
    // lookups without a map search (cleared with the map, as a rollback forgets ids).
    std::string lastEpoch, lastDepot;
    std::int64_t lastStream = 0;
    std::int64_t streamId(const std::string &epoch, const std::string &depot);
    void loadStreams();
    std::optional<OrderRowWriter> orders;
    Statement upsertRider;
    Statement upsertCursor;
    Statement insertRejected;
    Statement pruneRejected;
    Statement bumpRejectedCount;
    Statement insertAlert;
    Statement insertResync;
    Statement bumpTotal;

    void prepareWrites();
    // One write() batch, table by table, inside the caller's transaction.
    void logEvents(const std::vector<core::Event> &events, WriteResult &result);
    void upsertRecords(const core::StoreBatch &batch);
    void logRejected(const std::vector<core::Rejected> &rejected);
    void logIncidents(const core::StoreBatch &batch);
    void bumpTotals(const core::StoreBatch &batch, const WriteResult &result);
    const PersonalDataCipher &requireCipher() const
    {
        if (!cipher)
            throw StoreError(StoreError::Code::MissingKey, "no personal-data key loaded for this database");
        return *cipher;
    }
    std::string openSealed(std::string_view sealed, std::string_view ad, const char *what) const
    {
        auto plain = requireCipher().open(sealed, ad);
        if (!plain)
            throw StoreError(StoreError::Code::Crypto, std::string("cannot decrypt ") + what
                                                           + " (tampered or copied between rows)");
        return std::move(*plain);
    }
    void readLogged(Statement &stmt, LoggedEvent &e);
};

} // namespace opsdeck::store
