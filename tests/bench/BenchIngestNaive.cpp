// The "naive" baseline of `opsdeck-bench ingest`: the same ingest as a plain Qt program
// would write it, on one thread. Each envelope off the SUB socket is parsed with
// QJsonDocument, inserted with a prepared QSqlQuery (SQLite file, WAL, synchronous
// NORMAL: the settings the product uses) in 1000-event transactions, and each order
// event upserts the order's row of a QStandardItemModel (row found through a
// QHash<QString, int> by order id). No validation, dedup, sealing, projections or
// features: what the product does beyond this is what the ratio shows it costs.
#include "BenchIngest.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardItemModel>

#include <zmq.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

namespace opsdeck::bench {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kTransactionEvents = 1000;
const QString kConnection = QStringLiteral("opsdeck-bench-naive");

enum Column { OrderId, Depot, State, Rider, UpdatedAt, ColumnCount };

class NaiveConsole final
{
public:
    NaiveConsole(QSqlDatabase db, bool sqliteDefaults) : m_db(std::move(db)), m_insert(m_db), m_model(0, ColumnCount)
    {
        QSqlQuery q(m_db);
        if (!sqliteDefaults) {
            q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
            q.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
        }
        if (!q.exec(QStringLiteral("CREATE TABLE events(epoch TEXT, depot TEXT, seq INTEGER, id TEXT, ts TEXT, "
                                   "type TEXT, order_id TEXT, rider_id TEXT, body TEXT, PRIMARY KEY(epoch, depot, seq))")))
            std::fprintf(stderr, "naive: %s\n", qPrintable(q.lastError().text()));
        m_insert.prepare(QStringLiteral("INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        m_db.transaction();
    }

    void ingest(const char *data, std::size_t size)
    {
        const QByteArray body(data, static_cast<qsizetype>(size));
        const QJsonObject envelope = QJsonDocument::fromJson(body).object();
        const QJsonObject payload = envelope.value(QLatin1String("data")).toObject();
        const QString type = envelope.value(QLatin1String("type")).toString();
        const QString orderId = payload.value(QLatin1String("order_id")).toString();
        m_insert.bindValue(0, envelope.value(QLatin1String("epoch")).toString());
        m_insert.bindValue(1, envelope.value(QLatin1String("depot")).toString());
        m_insert.bindValue(2, envelope.value(QLatin1String("seq")).toInteger());
        m_insert.bindValue(3, envelope.value(QLatin1String("id")).toString());
        m_insert.bindValue(4, envelope.value(QLatin1String("ts")).toString());
        m_insert.bindValue(5, type);
        m_insert.bindValue(6, orderId);
        m_insert.bindValue(7, payload.value(QLatin1String("rider_id")).toString());
        m_insert.bindValue(8, QString::fromUtf8(body));
        if (!m_insert.exec())
            ++m_failed;
        if (!orderId.isEmpty() && type.startsWith(QLatin1String("order.")))
            upsertOrder(orderId, envelope, payload, type);
        if (++m_pending == kTransactionEvents)
            commit();
    }

    void commit()
    {
        if (m_pending == 0)
            return;
        m_db.commit();
        m_committed += m_pending;
        m_pending = 0;
        m_db.transaction();
    }

    std::int64_t committed() const { return m_committed; }
    std::int64_t failed() const { return m_failed; }
    int orders() const { return m_model.rowCount(); }

private:
    void upsertOrder(const QString &orderId, const QJsonObject &envelope, const QJsonObject &payload,
                     const QString &type)
    {
        const QString state = type.mid(6); // "order.paid" -> "paid"
        const auto row = m_rows.constFind(orderId);
        if (row == m_rows.constEnd()) {
            QList<QStandardItem *> items;
            items << new QStandardItem(orderId) << new QStandardItem(envelope.value(QLatin1String("depot")).toString())
                  << new QStandardItem(state) << new QStandardItem(payload.value(QLatin1String("rider_id")).toString())
                  << new QStandardItem(envelope.value(QLatin1String("ts")).toString());
            m_rows.insert(orderId, m_model.rowCount());
            m_model.appendRow(items);
            return;
        }
        m_model.item(*row, State)->setText(state);
        m_model.item(*row, UpdatedAt)->setText(envelope.value(QLatin1String("ts")).toString());
        if (payload.contains(QLatin1String("rider_id")))
            m_model.item(*row, Rider)->setText(payload.value(QLatin1String("rider_id")).toString());
    }

    QSqlDatabase m_db;
    QSqlQuery m_insert;
    QStandardItemModel m_model;
    QHash<QString, int> m_rows;
    int m_pending = 0;
    std::int64_t m_committed = 0;
    std::int64_t m_failed = 0;
};

NaiveRun runNaive(QSqlDatabase db, const sim::GatewayOptions &flood, double seconds, bool sqliteDefaults)
{
    NaiveConsole naive(std::move(db), sqliteDefaults);
    sim::Gateway gw(flood);
    gw.start();
    zmq::context_t ctx(1);
    zmq::socket_t sub = bench::rawSubscriber(ctx, gw.feedEndpoint());
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // let the subscription reach the PUB
    const std::int64_t before = naive.committed();
    const double cpuStart = threadCpuSeconds();
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration<double>(seconds);
    zmq::message_t topic, body;
    while (Clock::now() < end) {
        if (!sub.recv(topic) || !topic.more() || !sub.recv(body))
            continue;
        if (topic.size() == 3 && std::memcmp(topic.data(), "$hb", 3) == 0)
            continue;
        naive.ingest(static_cast<const char *>(body.data()), body.size());
    }
    NaiveRun run;
    run.committed = naive.committed() - before;
    run.cpuSeconds = threadCpuSeconds() - cpuStart;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    sub.close();
    gw.stop();
    naive.commit(); // after the clock: not counted
    if (naive.failed() > 0)
        std::fprintf(stderr, "naive: %lld inserts failed\n", static_cast<long long>(naive.failed()));
    std::printf("  naive: %d order rows in the model\n", naive.orders());
    run.rate = static_cast<double>(run.committed) / elapsed;
    return run;
}

} // namespace

NaiveRun naiveIngest(const sim::GatewayOptions &flood, double seconds, const QString &dbPath, bool sqliteDefaults)
{
    NaiveRun run;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), kConnection);
        db.setDatabaseName(dbPath);
        if (!db.open()) {
            std::fprintf(stderr, "naive: cannot open %s: %s\n", qPrintable(dbPath), qPrintable(db.lastError().text()));
            return run;
        }
        run = runNaive(db, flood, seconds, sqliteDefaults);
        db.close();
    }
    QSqlDatabase::removeDatabase(kConnection);
    return run;
}

} // namespace opsdeck::bench
