#include "PrivacyCommand.h"

#include "app/access/AccessText.h"
#include "app/signin/CliSignIn.h"
#include "core/access/AccessGuard.h"
#include "store/db/KeyLocation.h"
#include "store/db/KeyVault.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"
#include "store/log/EventStore.h"
#include "store/privacy/PersonalDataEraser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <optional>

namespace opsdeck::app {

namespace {

constexpr int kRowsPerStep = 500; // one short transaction each
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

struct Request {
    QString action; // erase | purge
    QString db;
    QString keyDir;
    QString customer;
    QString reason;
    int days = 90;
};

std::optional<core::access::Principal> signIn(const Request &request, const QString &user, ChainAuditSink &audit,
                                              int *status)
{
    QString error;
    auto who = signInFromCli(request.db, user, audit, &error);
    if (!who) {
        std::fprintf(stderr, "opsdeck privacy: %s\n", qPrintable(error));
        *status = kExitNotSignedIn;
        return std::nullopt;
    }
    const core::access::AccessGuard guard(*who, audit, [] { return QDateTime::currentMSecsSinceEpoch(); });
    const core::access::Decision decision =
        guard.require(core::access::Permission::ErasePersonalData, guard.ownScope(),
                      "privacy." + request.action.toStdString(), request.db.toStdString());
    if (decision.allowed())
        return who;
    std::fprintf(stderr, "opsdeck privacy: %s\n", qPrintable(accessRefusalText(*who, decision)));
    *status = kExitForbidden;
    return std::nullopt;
}

store::PersonalDataEraser::Counts run(const Request &request, QJsonObject &detail)
{
    store::EventStore store;
    store::EventStore::Options options;
    options.keyDir = request.keyDir;
    options.keyVault = std::make_shared<store::KeyringKeyVault>();
    store.open(request.db, options);
    store::PersonalDataEraser eraser(store.database(), *store.cipher());
    store::PersonalDataEraser::Counts counts;
    if (request.action == QLatin1String("erase")) {
        counts = eraser.erase(request.customer.toStdString(), QDateTime::currentMSecsSinceEpoch());
        detail.insert(QStringLiteral("reason"), request.reason);
    } else {
        // The feed's clock, capped by the wall clock: a future-stamped event does not purge everyone.
        const std::int64_t cutoff = store::purgeCutoffMs(store.database(), QDateTime::currentMSecsSinceEpoch(),
                                                         request.days * kDayMs);
        store::PersonalDataEraser::PurgeCursor cursor;
        for (;;) {
            const auto step = eraser.purgeStep(cutoff, kRowsPerStep, cursor);
            if (step.total() == 0)
                break;
            counts.orders += step.orders;
            counts.events += step.events;
            counts.rejected += step.rejected;
        }
        counts.orders += eraser.reapplyErasures().orders;
        detail.insert(QStringLiteral("days"), request.days);
        detail.insert(QStringLiteral("cutoff_ms"), static_cast<qint64>(cutoff));
    }
    eraser.compact();
    detail.insert(QStringLiteral("orders"), static_cast<qint64>(counts.orders));
    detail.insert(QStringLiteral("events"), static_cast<qint64>(counts.events));
    detail.insert(QStringLiteral("rejected"), static_cast<qint64>(counts.rejected));
    detail.insert(QStringLiteral("alert_notes"), static_cast<qint64>(counts.notes));
    return counts;
}

void auditRun(ChainAuditSink &audit, const core::access::Principal &who, const Request &request,
              const std::string &customerId, const QJsonObject &detail, int status)
{
    core::audit::AuditRecord record;
    record.atMs = QDateTime::currentMSecsSinceEpoch();
    record.user = who.user;
    record.role = who.role;
    record.action = "privacy." + request.action.toStdString();
    // The opaque id, never the phone: the trail must not keep what was erased.
    record.target = customerId;
    record.outcome = status == 0 ? "ok" : "failed";
    record.permission = "erase_personal_data";
    QJsonObject withOrigin = detail;
    withOrigin.insert(QStringLiteral("origin"), QStringLiteral("cli"));
    record.detailJson = QJsonDocument(withOrigin).toJson(QJsonDocument::Compact).toStdString();
    audit.append(std::move(record));
}

int usage()
{
    std::fprintf(stderr, "usage: opsdeck privacy erase --customer <phone or cust-id> --db FILE --user U "
                         "[--reason TEXT] [--key-dir DIR]\n"
                         "       opsdeck privacy purge --db FILE --user U [--days N] [--key-dir DIR]\n");
    return 2;
}

} // namespace

int runPrivacy(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Erase personal data on request, or purge it after a retention"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("privacy"), QString());
    parser.addPositionalArgument(QStringLiteral("erase|purge"),
                                 QObject::tr("erase: one customer's personal data; purge: all older than --days."));
    const QCommandLineOption db(QStringLiteral("db"), QObject::tr("SQLite database file."), QStringLiteral("path"));
    const QCommandLineOption customer(QStringLiteral("customer"),
                                      QObject::tr("The customer's phone number or opaque id (cust-…)."),
                                      QStringLiteral("phone or id"));
    const QCommandLineOption reason(QStringLiteral("reason"), QObject::tr("Why (kept on the audit trail)."),
                                    QStringLiteral("text"));
    const QCommandLineOption days(QStringLiteral("days"), QObject::tr("Keep personal data this many days."),
                                  QStringLiteral("n"), QStringLiteral("90"));
    const QCommandLineOption keyDir(QStringLiteral("key-dir"), QObject::tr("Folder of the key files."),
                                    QStringLiteral("dir"), store::defaultKeyDir());
    const QCommandLineOption user(QStringLiteral("user"),
                                  QObject::tr("Who signs in (password from OPSDECK_PASSWORD or the prompt)."),
                                  QStringLiteral("name"));
    parser.addOptions({db, customer, reason, days, keyDir, user});
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "opsdeck privacy: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fprintf(stdout, "%s", qPrintable(parser.helpText()));
        return 0;
    }
    const QStringList args = parser.positionalArguments();
    Request request;
    request.action = args.value(1);
    request.db = parser.value(db);
    request.keyDir = parser.value(keyDir);
    request.customer = parser.value(customer).trimmed();
    request.reason = parser.value(reason);
    bool daysOk = false;
    request.days = parser.value(days).toInt(&daysOk);
    const bool erase = request.action == QLatin1String("erase");
    if (args.size() != 2 || !(erase || request.action == QLatin1String("purge")) || request.db.isEmpty()
        || (erase && request.customer.isEmpty()) || !daysOk || request.days < 1)
        return usage();
    if (!QFileInfo::exists(request.db)) {
        std::fprintf(stderr, "opsdeck privacy: %s\n", qPrintable(QObject::tr("no database at %1").arg(request.db)));
        return 1;
    }
    ChainAuditSink audit(request.db);
    int status = 1;
    const auto who = signIn(request, parser.value(user), audit, &status);
    if (!who)
        return status;
    QJsonObject detail;
    std::string customerId;
    try {
        const auto counts = run(request, detail);
        customerId = counts.customerId;
        std::fprintf(stdout, "%s\n",
                     qPrintable(QObject::tr("%1 order(s), %2 event(s), %3 rejected message(s) and %4 alert note(s) "
                                            "erased%5")
                                    .arg(counts.orders)
                                    .arg(counts.events)
                                    .arg(counts.rejected)
                                    .arg(counts.notes)
                                    .arg(customerId.empty() ? QString()
                                                            : QStringLiteral(" (%1)").arg(QString::fromStdString(customerId)))));
        status = 0;
    } catch (const store::StoreError &e) {
        std::fprintf(stderr, "opsdeck privacy: %s\n", e.what());
        status = 1;
    }
    auditRun(audit, *who, request, customerId, detail, status);
    return status;
}

} // namespace opsdeck::app
