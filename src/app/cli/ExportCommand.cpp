#include "ExportCommand.h"

#include "app/signin/CliSignIn.h"
#include "app/access/AccessText.h"
#include "core/access/AccessGuard.h"
#include "store/audit/AuditLog.h"
#include "store/db/Sqlite.h"
#include "store/db/KeyVault.h"
#include "store/export/Exporter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <optional>

namespace opsdeck::app {

store::ExportResult runGuardedExport(const core::access::AccessGuard &access, store::ExportOptions options,
                                     const QString &dbPath, QIODevice &out)
{
    const core::access::Principal &who = access.principal();
    // The principal's own data: the check asks whether it may export at all, the rows
    // are then cut to its scope one by one.
    const core::access::Scope own = access.ownScope();
    const char *tables[] = {"orders", "events", "rejected", "stock"};
    const std::string target = tables[static_cast<int>(options.table)];
    for (const auto permission : {core::access::Permission::Export, core::access::Permission::ExportPersonalData}) {
        if (permission == core::access::Permission::ExportPersonalData && !options.includePersonalData)
            continue;
        const core::access::Decision decision = access.require(permission, own, "export", target);
        if (!decision.allowed()) {
            store::ExportResult refused;
            refused.error = accessRefusalText(who, decision);
            return refused;
        }
    }
    if (who.role == "merchant" || !who.depots.empty())
        options.inScope = [who](const std::string &depot, const std::string &merchant) {
            return core::access::inScope(who, {depot, merchant});
        };
    return store::Exporter(std::move(options)).run(dbPath, out);
}

namespace {

// A personal-data export is an audited action: the row goes into the exported file's own
// chain, under the user who signed in for it.
bool auditPersonalExport(const QString &dbPath, const core::access::Principal &who, const QString &table,
                         const QString &format, bool ok)
{
    core::audit::AuditRecord record;
    record.atMs = QDateTime::currentMSecsSinceEpoch();
    record.user = who.user;
    record.role = who.role;
    record.action = "export.personal_data";
    record.target = table.toStdString();
    record.outcome = ok ? "ok" : "failed";
    record.permission = "export_personal_data";
    record.detailJson = QJsonDocument(QJsonObject{{QStringLiteral("format"), format},
                                                  {QStringLiteral("origin"), QStringLiteral("cli")}})
                            .toJson(QJsonDocument::Compact)
                            .toStdString();
    try {
        store::Database db(QFile::encodeName(dbPath).toStdString(), SQLITE_OPEN_READWRITE);
        sqlite3_busy_timeout(db.handle(), 5000);
        store::appendAudit(db, {record});
        return true;
    } catch (const std::exception &error) {
        std::fprintf(stderr, "opsdeck export: %s\n",
                     qPrintable(QObject::tr("the export could not be written to the audit trail: %1")
                                    .arg(QString::fromUtf8(error.what()))));
        return false;
    }
}

// After the sign-in: the one permission check, the export, and its audit row.
int exportPersonalData(const core::access::Principal &who, ChainAuditSink &audit, const store::ExportOptions &options,
                       const QString &dbPath, const QString &table, const QString &format, QFile &out)
{
    const core::access::AccessGuard guard(who, audit, [] { return QDateTime::currentMSecsSinceEpoch(); });
    const bool permitted = guard.allows(core::access::Permission::Export, guard.ownScope()).allowed()
        && guard.allows(core::access::Permission::ExportPersonalData, guard.ownScope()).allowed();
    const store::ExportResult result = runGuardedExport(guard, options, dbPath, out);
    out.flush();
    if (!audit.flush())
        return 1;
    if (!permitted) { // refused and audited by the guard; nothing was written
        std::fprintf(stderr, "opsdeck export: %s\n", qPrintable(result.error));
        return kExitForbidden;
    }
    if (!auditPersonalExport(dbPath, who, table, format, result.ok))
        return 1;
    if (!result.ok) {
        std::fprintf(stderr, "opsdeck export: %s\n", qPrintable(result.error));
        return 1;
    }
    return 0;
}

} // namespace

int runExport(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Export the console's database"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("export"), QString());
    parser.addPositionalArgument(QStringLiteral("table"), QObject::tr("orders, events, rejected or stock"));
    const QCommandLineOption db(QStringLiteral("db"), QObject::tr("SQLite database file."), QStringLiteral("path"));
    const QCommandLineOption format(QStringLiteral("format"), QObject::tr("csv or jsonl"), QStringLiteral("format"),
                                    QStringLiteral("csv"));
    const QCommandLineOption pii(QStringLiteral("with-personal-data"),
                                 QObject::tr("Include unmasked customer names, phones and addresses."));
    const QCommandLineOption user(QStringLiteral("user"),
                                  QObject::tr("Who signs in for --with-personal-data (password from OPSDECK_PASSWORD "
                                              "or the prompt)."),
                                  QStringLiteral("name"));
    parser.addOptions({db, format, pii, user});
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "opsdeck export: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fprintf(stdout, "%s", qPrintable(parser.helpText()));
        return 0;
    }
    const QStringList args = parser.positionalArguments();
    const auto table = args.size() == 2 ? store::exportTableFromName(args.at(1)) : std::nullopt;
    const auto fmt = store::exportFormatFromName(parser.value(format));
    if (!table || !fmt || !parser.isSet(db)) {
        std::fprintf(stderr, "usage: opsdeck export orders|events|rejected|stock --db PATH --format csv|jsonl\n");
        return 2;
    }
    store::ExportOptions options;
    options.table = *table;
    options.format = *fmt;
    options.includePersonalData = parser.isSet(pii);
    options.keyVault = std::make_shared<store::KeyringKeyVault>();
    // A masked export reveals nothing the file does not: no sign-in. Personal data needs
    // one, then the permission check (export, export_personal_data, the scope) before a
    // byte is written; sign-in and refusal rows go into the file's chain.
    ChainAuditSink audit(parser.value(db));
    std::optional<core::access::Principal> who;
    if (options.includePersonalData) {
        QString error;
        who = signInFromCli(parser.value(db), parser.value(user), audit, &error);
        if (!who) {
            std::fprintf(stderr, "opsdeck export: %s\n", qPrintable(error));
            return kExitNotSignedIn;
        }
    }
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly)) {
        std::fprintf(stderr, "opsdeck export: cannot write to stdout\n");
        return 1;
    }
    if (!who) {
        const store::ExportResult result = store::Exporter(options).run(parser.value(db), out);
        out.flush();
        if (!result.ok)
            std::fprintf(stderr, "opsdeck export: %s\n", qPrintable(result.error));
        return result.ok ? 0 : 1;
    }
    return exportPersonalData(*who, audit, options, parser.value(db), args.at(1), parser.value(format), out);
}

} // namespace opsdeck::app
