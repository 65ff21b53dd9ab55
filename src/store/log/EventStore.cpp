#include "EventStoreImpl.h"

namespace opsdeck::store {

namespace {

constexpr int kSeqBits = 40;
constexpr std::int64_t kMaxSeq = (std::int64_t{1} << kSeqBits) - 1;
constexpr std::int64_t kMaxStreams = std::int64_t{1} << 23;

std::int64_t eventKey(std::int64_t stream, std::int64_t seq)
{
    return (stream << kSeqBits) | seq;
}

} // namespace

void EventStore::Impl::loadStreams()
{
    streams.clear();
    pendingStreams.clear();
    nextStreamId = 1;
    lastStream = 0;
    Statement stmt = db.prepare("SELECT id, epoch, depot FROM streams");
    while (stmt.step()) {
        const std::int64_t id = stmt.columnInt(0);
        streams[{stmt.columnText(1), stmt.columnText(2)}] = id;
        nextStreamId = std::max(nextStreamId, id + 1);
    }
}

std::int64_t EventStore::Impl::streamId(const std::string &epoch, const std::string &depot)
{
    if (lastStream != 0 && depot == lastDepot && epoch == lastEpoch)
        return lastStream;
    const auto found = [&](std::int64_t id) {
        lastEpoch = epoch;
        lastDepot = depot;
        return lastStream = id;
    };
    auto key = std::make_pair(epoch, depot);
    if (const auto it = streams.find(key); it != streams.end())
        return found(it->second);
    for (const auto &[pending, id] : pendingStreams)
        if (pending == key)
            return found(id);
    if (nextStreamId >= kMaxStreams)
        throw StoreError(StoreError::Code::Sqlite, "event log: too many (epoch, depot) streams");
    const std::int64_t id = nextStreamId++;
    insertStream.bind(1, id).bindText(2, epoch).bindText(3, depot).run();
    pendingStreams.emplace_back(std::move(key), id);
    return found(id);
}

void EventStore::Impl::prepareWrites()
{
    insertEvent = db.prepare("INSERT OR IGNORE INTO events(key, seq, id, ts_ms, type, order_id, rider_id, "
                             "sealed, body) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                             true);
    insertStream = db.prepare("INSERT INTO streams(id, epoch, depot) VALUES(?1, ?2, ?3)", true);
    loadStreams();
    orders.emplace(db, cipher ? &*cipher : nullptr);
    upsertRider = db.prepare("INSERT OR REPLACE INTO riders(rider_id, name, depot, status, lat, lng, speed_mps, "
                             "heading_deg, battery_pct, capacity, fix_at_ms, updated_at_ms) VALUES(?1, ?2, ?3, ?4, "
                             "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                             true);
    upsertCursor = db.prepare("INSERT OR REPLACE INTO cursors(depot, epoch, seq) VALUES(?1, ?2, ?3)", true);
    insertRejected = db.prepare("INSERT INTO rejected(at_ms, reason, detail, topic, size, sealed, raw) "
                                "VALUES(?1, ?2, ?3, ?4, ?5, 1, ?6)",
                                true);
    // Ids only grow (the max row is never deleted), so "id <= max - keep" drops exactly
    // the oldest rows beyond the cap with one range delete.
    pruneRejected = db.prepare("DELETE FROM rejected WHERE id <= (SELECT max(id) FROM rejected) - ?1", true);
    bumpRejectedCount = db.prepare("INSERT INTO rejected_counts(reason, count) VALUES(?1, ?2) "
                                   "ON CONFLICT(reason) DO UPDATE SET count = count + excluded.count",
                                   true);
    insertAlert = db.prepare("INSERT INTO alerts(at_ms, kind, depot, epoch, seq, order_id, detail) "
                             "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                             true);
    insertResync = db.prepare("INSERT INTO resyncs(at_ms, depot, reason, epoch, seq, records) "
                              "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                              true);
    bumpTotal = db.prepare("INSERT INTO totals(key, value) VALUES(?1, ?2) "
                           "ON CONFLICT(key) DO UPDATE SET value = value + excluded.value",
                           true);
    tracks.open(db);
}

EventStore::EventStore() = default;

EventStore::~EventStore()
{
    close();
}

void EventStore::open(const QString &path, const Options &options)
{
    close();
    auto impl = std::make_unique<Impl>();
    impl->rejectedKeep = std::max<std::int64_t>(0, options.rejectedKeep);
    impl->readOnly = options.readOnly;
    const int flags = options.readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    impl->db = Database(QFile::encodeName(path).toStdString(), flags | SQLITE_OPEN_NOMUTEX);
    Database &db = impl->db;
    // The exporter reads while the console writes; wait for a checkpoint instead of failing.
    sqlite3_busy_timeout(db.handle(), options.busyTimeoutMs);
    if (options.readOnly) {
        const auto version = db.queryInt("PRAGMA user_version");
        if (version == 0)
            throw StoreError(StoreError::Code::Schema, QFile::encodeName(path).toStdString()
                                                           + " is not an OpsDeck database (or was never written)");
        if (version > kSchemaVersion)
            throw StoreError(StoreError::Code::Schema, "database schema version " + std::to_string(version)
                                                           + " is newer than this build");
        impl->schemaVersion = static_cast<int>(version);
    } else {
        // Page size only takes effect on a new database, and must precede WAL. 8 KiB pages
        // keep ~400-byte event rows well inside the WITHOUT ROWID sweet spot (< 1/20 page).
        db.exec("PRAGMA page_size = 8192");
        db.exec("PRAGMA journal_mode = WAL");
        // NORMAL in WAL mode: a power cut may lose the last commits, never consistency;
        // a process crash (SIGKILL) loses nothing committed.
        db.exec("PRAGMA synchronous = NORMAL");
        db.exec("PRAGMA temp_store = MEMORY");
        db.exec("PRAGMA cache_size = -16384");
        // Checkpoints run on their own thread and connection (WalCheckpointer), not inside
        // the writer's commit. The size limit truncates the WAL back when it restarts so
        // it does not stay at its high-water mark.
        db.exec("PRAGMA journal_size_limit = 67108864");
        checkIntegrity(db); // before migrate: never build on a damaged file
        migrate(db);
    }
    const bool resume = options.resumeKeyRotation && !options.readOnly;
    const QString keyPath = !options.keyPath.isEmpty() ? options.keyPath
        : resume ? keyPathOf(db, path, options.keyDir, false)
                 : resolveKeyPath(db, path, options.keyDir, options.readOnly);
    FileKeyVault fileVault;
    if (resume)
        impl->cipher = KeyRotation::resume(db, keyPath);
    if (!impl->cipher)
        impl->cipher = openDatabaseKey(db, options.keyVault ? *options.keyVault : fileVault, keyPath, options.readOnly);
    if (!options.readOnly) {
        sealClearDestinations(db, impl->cipher ? &*impl->cipher : nullptr);
        impl->prepareWrites();
        impl->checkpointer = std::make_unique<WalCheckpointer>(QFile::encodeName(path).toStdString());
        impl->checkpointer->attach(db.handle());
    }
    m_impl = std::move(impl);
    m_path = path;
    m_keyPath = keyPath;
}

void EventStore::close()
{
    if (!m_impl)
        return;
    // Statements are members declared after db: they finalize first, then the database closes.
    m_impl.reset();
    m_path.clear();
    m_keyPath.clear();
}

std::string EventStore::burstKey() const
{
    return m_impl && m_impl->cipher ? m_impl->cipher->derive("opsdeck.alerts.burst") : std::string();
}

bool EventStore::isOpen() const
{
    return m_impl != nullptr;
}

void EventStore::Impl::logEvents(const std::vector<core::Event> &events, WriteResult &result)
{
    sqlite3 *handle = db.handle();
    for (const core::Event &e : events) {
        if (tracks.take(e))
            continue;
        const bool sealed = carriesPersonalData(e);
        std::string sealedBody;
        if (sealed)
            sealedBody = requireCipher().seal(e.raw, eventBodyAd(e.epoch, e.depot, e.seq));
        if (e.seq < 0 || e.seq > kMaxSeq)
            throw StoreError(StoreError::Code::Sqlite, "event log: seq " + std::to_string(e.seq) + " out of range");
        insertEvent.bind(1, eventKey(streamId(e.epoch, e.depot), e.seq))
            .bind(2, e.seq)
            .bindText(3, e.id)
            .bind(4, e.tsMs)
            .bindText(5, core::typeName(e.kind))
            .bindTextOrNull(6, e.orderId)
            .bindTextOrNull(7, e.riderId)
            .bind(8, sealed ? 1 : 0)
            .bindBlob(9, sealed ? std::string_view(sealedBody) : std::string_view(e.raw));
        insertEvent.run();
        if (sqlite3_changes(handle) > 0)
            ++result.eventsLogged;
        else
            ++result.eventsIgnored;
    }
}

void EventStore::Impl::upsertRecords(const core::StoreBatch &batch)
{
    for (const core::OrderRecord &o : batch.orders)
        orders->upsert(o);

    for (const core::RiderRecord &r : batch.riders) {
        upsertRider.bindText(1, r.riderId)
            .bindTextOrNull(2, r.name)
            .bindTextOrNull(3, r.depot)
            .bindTextOrNull(4, r.status)
            .bind(5, r.lat)
            .bind(6, r.lng)
            .bind(7, r.speedMps)
            .bind(8, r.headingDeg)
            .bind(9, r.batteryPct)
            .bind(10, r.capacity)
            .bind(11, r.fixAtMs)
            .bind(12, r.updatedAtMs)
            .run();
    }

    for (const core::Cursor &c : batch.cursors)
        upsertCursor.bindText(1, c.depot).bindText(2, c.epoch).bind(3, c.seq).run();
}

void EventStore::Impl::logRejected(const std::vector<core::Rejected> &rejected)
{
    std::array<std::int64_t, core::kRejectReasonCount> byReason{};
    for (const core::Rejected &r : rejected) {
        const std::string_view raw = std::string_view(r.raw).substr(0, core::kRejectedRawCap);
        // Raw bytes of a rejected message may be a mangled order.created: seal them too.
        const std::string sealedRaw = requireCipher().seal(raw, kRejectedRawAd);
        insertRejected.bind(1, r.atMs)
            .bindText(2, core::toString(r.reason))
            .bindTextOrNull(3, r.detail)
            .bindTextOrNull(4, r.topic)
            .bind(5, r.size)
            .bindBlob(6, sealedRaw)
            .run();
        const auto index = static_cast<std::size_t>(r.reason);
        if (index < byReason.size())
            ++byReason[index];
    }
    for (std::size_t i = 0; i < byReason.size(); ++i) {
        if (byReason[i] > 0)
            bumpRejectedCount.bindText(1, core::toString(static_cast<core::RejectReason>(i)))
                .bind(2, byReason[i])
                .run();
    }
    pruneRejected.bind(1, rejectedKeep).run();
}

void EventStore::Impl::logIncidents(const core::StoreBatch &batch)
{
    for (const core::IntegrityAlert &a : batch.alerts) {
        insertAlert.bind(1, a.atMs)
            .bindText(2, a.kind)
            .bindTextOrNull(3, a.depot)
            .bindTextOrNull(4, a.epoch)
            .bind(5, a.seq)
            .bindTextOrNull(6, a.orderId)
            .bindTextOrNull(7, a.detail)
            .run();
    }

    for (const core::ResyncRecord &r : batch.resyncs) {
        insertResync.bind(1, r.atMs)
            .bindTextOrNull(2, r.depot)
            .bindText(3, r.reason)
            .bindTextOrNull(4, r.epoch)
            .bind(5, r.seq)
            .bind(6, r.records)
            .run();
    }
}

void EventStore::Impl::bumpTotals(const core::StoreBatch &batch, const WriteResult &result)
{
    const std::pair<const char *, std::int64_t> totals[] = {
        {"events_logged", result.eventsLogged},
        {"events_applied", batch.applied},
        {"duplicates", batch.duplicates},
        {"alerts", static_cast<std::int64_t>(batch.alerts.size())},
        {"resyncs", static_cast<std::int64_t>(batch.resyncs.size())},
        {"batches", 1},
    };
    for (const auto &[key, delta] : totals) {
        if (delta != 0)
            bumpTotal.bindText(1, key).bind(2, delta).run();
    }
}

WriteResult EventStore::write(const core::StoreBatch &batch)
{
    if (!m_impl)
        throw StoreError(StoreError::Code::Sqlite, "write() on a closed EventStore");
    if (m_impl->readOnly)
        throw StoreError(StoreError::Code::Sqlite, "write() on a read-only EventStore");
    Impl &d = *m_impl;
    if (!d.pendingStreams.empty())
        d.loadStreams(); // the previous write() rolled back: forget the streams it added
    d.orders->discardPending(); // and the blobs it sealed
    WriteResult result;
    Transaction tx(d.db);
    d.tracks.begin();
    d.logEvents(batch.events, result);
    d.upsertRecords(batch);
    if (!batch.rejected.empty())
        d.logRejected(batch.rejected);
    d.logIncidents(batch);
    d.bumpTotals(batch, result);
    result.fixesStored = d.tracks.flush();
    tx.commit();
    d.tracks.committed();
    d.orders->committed();
    for (auto &[key, id] : d.pendingStreams)
        d.streams.emplace(std::move(key), id);
    d.pendingStreams.clear();
    return result;
}

void EventStore::forEachOrder(const std::function<void(const core::OrderRecord &)> &visit)
{
    if (!m_impl)
        throw StoreError(StoreError::Code::Sqlite, "read from a closed EventStore");
    Impl &d = *m_impl;
    // Schema 3 added priority, 4 retired_at_ms; an export may read an older file the console has not opened yet.
    Statement stmt = d.db.prepare(std::string("SELECT order_id, depot, state, rider_id, merchant_id, channel, amount, lat, "
                                              "lng, eta_ms, promised_at_ms, created_at_ms, updated_at_ms, state_times, "
                                              "last_reason, pii, ")
                                  + (d.schemaVersion >= 3 ? "priority" : "0")
                                  + (d.schemaVersion >= 4 ? ", retired_at_ms" : ", NULL") + " FROM orders ORDER BY order_id");
    core::OrderRecord o;
    while (stmt.step()) {
        o.orderId = stmt.columnText(0);
        o.depot = stmt.columnText(1);
        o.state = core::orderStateFromString(stmt.columnText(2)).value_or(core::OrderState::Unknown);
        o.riderId = stmt.columnText(3);
        o.merchantId = stmt.columnText(4);
        o.channel = stmt.columnText(5);
        o.amount = stmt.columnDouble(6);
        o.lat = stmt.columnDouble(7);
        o.lng = stmt.columnDouble(8);
        o.etaMs = stmt.columnInt(9);
        o.promisedAtMs = stmt.columnInt(10);
        o.createdAtMs = stmt.columnInt(11);
        o.updatedAtMs = stmt.columnInt(12);
        o.enteredAtMs = stateTimesFromJson(stmt.columnText(13));
        o.retiredAtMs = stmt.columnIsNull(17) ? 0 : stmt.columnInt(17);
        o.lastReason = stmt.columnText(14);
        o.customerName.clear();
        o.customerPhone.clear();
        o.addressText.clear();
        o.customerNote.clear();
        const auto priority = stmt.columnInt(16);
        o.priority = priority >= 0 && priority < static_cast<std::int64_t>(core::kOrderPriorityNames.size())
            ? static_cast<core::OrderPriority>(priority)
            : core::OrderPriority::Normal;
        if (!stmt.columnIsNull(15)) {
            const std::string plain = d.openSealed(stmt.columnBlob(15), orderPiiAd(o.orderId), "orders.pii");
            auto personal = unpackPersonal(plain);
            if (!personal)
                throw StoreError(StoreError::Code::Crypto, "orders.pii of " + o.orderId + " has an unknown layout");
            applyPersonal(std::move(*personal), o);
        }
        visit(o);
    }
}

LoadedState EventStore::load()
{
    if (!m_impl)
        throw StoreError(StoreError::Code::Sqlite, "load() on a closed EventStore");
    Database &db = m_impl->db;
    LoadedState state;
    // One read transaction: a consistent view even if another connection writes meanwhile.
    db.exec("BEGIN");
    try {
        forEachOrder([&](const core::OrderRecord &o) {
            if (m_impl->orders)
                m_impl->orders->remember(o); // sealed already: no reseal while it stays the same
            state.orders.push_back(o);
        });

        Statement riders = db.prepare("SELECT rider_id, name, depot, status, lat, lng, speed_mps, heading_deg, "
                                      "battery_pct, capacity, fix_at_ms, updated_at_ms FROM riders ORDER BY rider_id");
        while (riders.step()) {
            core::RiderRecord r;
            r.riderId = riders.columnText(0);
            r.name = riders.columnText(1);
            r.depot = riders.columnText(2);
            r.status = riders.columnText(3);
            r.lat = riders.columnDouble(4);
            r.lng = riders.columnDouble(5);
            r.speedMps = riders.columnDouble(6);
            r.headingDeg = riders.columnDouble(7);
            r.batteryPct = riders.columnDouble(8);
            r.capacity = static_cast<int>(riders.columnInt(9));
            r.fixAtMs = riders.columnInt(10);
            r.updatedAtMs = riders.columnInt(11);
            state.riders.push_back(std::move(r));
        }

        Statement cursors = db.prepare("SELECT depot, epoch, seq FROM cursors ORDER BY depot");
        while (cursors.step())
            state.cursors.push_back({cursors.columnText(0), cursors.columnText(1), cursors.columnInt(2)});

        Statement counts = db.prepare("SELECT reason, count FROM rejected_counts");
        while (counts.step()) {
            const std::int64_t n = counts.columnInt(1);
            state.rejectedTotal += n;
            if (const auto reason = rejectReasonFromString(counts.columnText(0)))
                state.rejectedByReason[static_cast<std::size_t>(*reason)] += n;
        }
        state.rejectedKept = db.queryInt("SELECT count(*) FROM rejected");

        Statement totals = db.prepare("SELECT key, value FROM totals");
        const std::map<std::string, std::int64_t *, std::less<>> targets = {
            {"events_logged", &state.eventsLogged}, {"events_applied", &state.eventsApplied},
            {"duplicates", &state.duplicates},      {"alerts", &state.alerts},
            {"resyncs", &state.resyncs},            {"batches", &state.batches},
        };
        while (totals.step()) {
            if (const auto it = targets.find(totals.columnText(0)); it != targets.end())
                *it->second = totals.columnInt(1);
        }
    } catch (...) {
        sqlite3_exec(db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    db.exec("COMMIT");
    return state;
}

Database &EventStore::database() { return m_impl->db; }
TrackStore &EventStore::tracks() { return m_impl->tracks; }
void EventStore::replaceCipher(const PersonalDataCipher &cipher)
{
    if (!m_impl || !m_impl->cipher)
        throw StoreError(StoreError::Code::MissingKey, "no personal-data key loaded for this database");
    *m_impl->cipher = cipher; // assigned in place: the order writer holds its address
}

void EventStore::markPersonalDataErased(const std::vector<std::string> &orderIds)
{
    if (m_impl->orders)
        m_impl->orders->markErased(orderIds);
}

const PersonalDataCipher *EventStore::cipher() const { return m_impl->cipher ? &*m_impl->cipher : nullptr; }

} // namespace opsdeck::store
