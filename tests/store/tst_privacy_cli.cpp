// Issue 18: `opsdeck privacy erase|purge`, the built binary run with QProcess on a real
// SQLite file: nothing changes without a sign-in (exit 3) or without erase_personal_data
// (exit 4), bad usage is exit 2, and a permitted erase or purge is on the audit trail
// under the customer's opaque id, never the phone.

#include "StoreFixtures.h"

#include "store/audit/AuditLog.h"
#include "store/db/Sqlite.h"
#include "store/log/EventStore.h"
#include "store/users/UserStore.h"
#include "support/RunOpsdeck.h"

#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;
using namespace opsdeck::store;
using namespace opsdeck::store::test;

namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000;
constexpr const char *kPassword = "correct horse";

opsdeck::test::OpsdeckRun runOpsdeck(const QStringList &args, const QString &password = {})
{
    return opsdeck::test::runOpsdeckBinary(QStringLiteral(OPSDECK_BINARY), args, password, {}, 30000);
}

class DiscardSink final : public core::audit::AuditSink
{
public:
    void append(core::audit::AuditRecord) override {}
};

core::OrderRecord orderOf(const std::string &id, const std::string &name, const std::string &phone, std::int64_t atMs)
{
    core::OrderRecord o = makeOrder(id, "BJ-CY-01");
    o.customerName = name;
    o.customerPhone = phone;
    o.state = core::OrderState::Signed;
    o.createdAtMs = atMs;
    o.updatedAtMs = atMs;
    return o;
}

// Every orders.pii blob, in order: "changed nothing" is this list unchanged.
std::vector<std::string> piiBlobs(Database &db)
{
    std::vector<std::string> out;
    Statement s = db.prepare("SELECT order_id || ':' || coalesce(hex(pii), '') FROM orders ORDER BY order_id");
    while (s.step())
        out.push_back(s.columnText(0));
    return out;
}

} // namespace

class TestPrivacyCli final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void nothingChangesWithoutSignInOrPermission();
    void eraseIsAuditedUnderTheOpaqueId();
    void purgeKeepsWhatIsNewerThanTheRetention();
    void purgeIsNotMovedByAFutureEvent();

private:
    std::vector<std::string> blobs();
    std::vector<AuditRow> auditRows();
    QStringList base(const char *action) const
    {
        return {QStringLiteral("privacy"), QLatin1String(action), QStringLiteral("--db"), m_path,
                QStringLiteral("--key-dir"), m_dir.filePath(QStringLiteral("keys"))};
    }

    QTemporaryDir m_dir;
    QString m_path;
};

void TestPrivacyCli::init()
{
    m_path = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + ".db");
    EventStore store;
    EventStore::Options options;
    options.keyDir = m_dir.filePath(QStringLiteral("keys"));
    store.open(m_path, options);
    core::StoreBatch batch;
    batch.events.push_back(makeCreated("ep-1", "BJ-CY-01", 1, "PD-1", "Qiao Xiaoling", "13987654321", "Jianguo Rd 77"));
    batch.orders.push_back(orderOf("PD-1", "Qiao Xiaoling", "13987654321", kBaseMs - 100 * kDay));
    batch.orders.push_back(orderOf("PD-2", "Marguerite Okafor", "15500009999", kBaseMs));
    store.write(batch);
    DiscardSink sink;
    UserStore users(store.database(), sink, [] { return std::int64_t{0}; });
    users.add({"root", "admin", {}, {}, false, false, 0, 0}, kPassword, {"root", "admin", {}, {}, false});
    users.add({"ana", "dispatcher", {}, {}, false, false, 0, 0}, kPassword, {"root", "admin", {}, {}, false});
}

std::vector<std::string> TestPrivacyCli::blobs()
{
    Database db(QFile::encodeName(m_path).toStdString(), SQLITE_OPEN_READONLY);
    return piiBlobs(db);
}

std::vector<AuditRow> TestPrivacyCli::auditRows()
{
    Database db(QFile::encodeName(m_path).toStdString(), SQLITE_OPEN_READONLY);
    return readAudit(db, {});
}

void TestPrivacyCli::nothingChangesWithoutSignInOrPermission()
{
    const auto before = blobs();
    const QStringList erase = base("erase") + QStringList{QStringLiteral("--customer"), QStringLiteral("13987654321")};
    QCOMPARE(runOpsdeck(erase).exitCode, 3);                                                  // no user
    QCOMPARE(runOpsdeck(erase + QStringList{QStringLiteral("--user"), QStringLiteral("root")}).exitCode, 3); // no password
    QCOMPARE(runOpsdeck(erase + QStringList{QStringLiteral("--user"), QStringLiteral("root")}, QStringLiteral("wrong"))
                 .exitCode,
             3);
    const auto refused = runOpsdeck(erase + QStringList{QStringLiteral("--user"), QStringLiteral("ana")},
                                    QLatin1String(kPassword));
    QCOMPARE(refused.exitCode, 4);
    QVERIFY2(refused.err.contains(QStringLiteral("erase_personal_data")), qPrintable(refused.err));
    QCOMPARE(runOpsdeck(base("purge") + QStringList{QStringLiteral("--user"), QStringLiteral("ana")},
                        QLatin1String(kPassword))
                 .exitCode,
             4);
    QCOMPARE(runOpsdeck(base("erase") + QStringList{QStringLiteral("--user"), QStringLiteral("root")},
                        QLatin1String(kPassword))
                 .exitCode,
             2); // no --customer
    QCOMPARE(runOpsdeck(base("shred")).exitCode, 2);
    QCOMPARE(blobs(), before);
    bool refusalAudited = false;
    for (const AuditRow &row : auditRows())
        refusalAudited |= row.record.user == "ana" && row.record.outcome == "refused";
    QVERIFY(refusalAudited);
}

void TestPrivacyCli::eraseIsAuditedUnderTheOpaqueId()
{
    const auto before = blobs();
    const auto run = runOpsdeck(base("erase")
                                    + QStringList{QStringLiteral("--customer"), QStringLiteral("139 8765 4321"),
                                                  QStringLiteral("--user"), QStringLiteral("root"),
                                                  QStringLiteral("--reason"), QStringLiteral("ticket 4411")},
                                QLatin1String(kPassword));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("1 order(s), 1 event(s)")), qPrintable(run.out));
    const auto after = blobs();
    QCOMPARE(after.at(0), std::string("PD-1:"));  // erased
    QCOMPARE(after.at(1), before.at(1));          // the other customer's untouched
    const auto rows = auditRows();
    const auto it = std::find_if(rows.begin(), rows.end(),
                                 [](const AuditRow &r) { return r.record.action == "privacy.erase"; });
    QVERIFY(it != rows.end());
    QCOMPARE(it->record.user, std::string("root"));
    QCOMPARE(it->record.outcome, std::string("ok"));
    QCOMPARE(QByteArray::fromStdString(it->record.target).left(5), QByteArray("cust-"));
    QVERIFY(run.out.contains(QString::fromStdString(it->record.target)));
    QVERIFY(it->record.detailJson.find("\"orders\":1") != std::string::npos);
    QVERIFY(it->record.detailJson.find("ticket 4411") != std::string::npos);
    for (const AuditRow &r : rows)
        QVERIFY(r.record.target.find("4321") == std::string::npos && r.record.detailJson.find("4321") == std::string::npos);
}

void TestPrivacyCli::purgeKeepsWhatIsNewerThanTheRetention()
{
    const auto before = blobs();
    const auto run = runOpsdeck(base("purge") + QStringList{QStringLiteral("--user"), QStringLiteral("root")},
                                QLatin1String(kPassword));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto after = blobs();
    QCOMPARE(after.at(0), std::string("PD-1:")); // 100 days older than the newest time: purged
    QCOMPARE(after.at(1), before.at(1));         // newer than 90 days: kept
    const auto rows = auditRows();
    QVERIFY(std::any_of(rows.begin(), rows.end(), [](const AuditRow &r) {
        return r.record.action == "privacy.purge" && r.record.outcome == "ok"
            && r.record.detailJson.find("\"days\":90") != std::string::npos;
    }));
}

// One event stamped two centuries ahead: the cut counts back from now at the latest, so a
// retention of a century keeps both customers (counted from the event, it took both).
void TestPrivacyCli::purgeIsNotMovedByAFutureEvent()
{
    {
        EventStore store;
        EventStore::Options options;
        options.keyDir = m_dir.filePath(QStringLiteral("keys"));
        store.open(m_path, options);
        core::StoreBatch batch;
        core::Event future = makeOrderEvent("ep-1", "BJ-CY-01", 2, "PD-2");
        future.tsMs = kBaseMs + 200 * 365 * kDay;
        batch.events.push_back(future);
        store.write(batch);
    }
    const auto before = blobs();
    const auto run = runOpsdeck(base("purge") + QStringList{QStringLiteral("--user"), QStringLiteral("root"),
                                                            QStringLiteral("--days"), QStringLiteral("36500")},
                                QLatin1String(kPassword));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(blobs(), before);
}

QTEST_GUILESS_MAIN(TestPrivacyCli)
#include "tst_privacy_cli.moc"
