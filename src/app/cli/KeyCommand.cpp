#include "KeyCommand.h"

#include "app/access/AccessText.h"
#include "app/signin/CliSignIn.h"
#include "core/access/AccessGuard.h"
#include "store/db/KeyLocation.h"
#include "store/db/KeyRotation.h"
#include "store/db/KeyVault.h"
#include "store/db/Schema.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <optional>

namespace opsdeck::app {

namespace {

// Small steps: each is one short transaction, so a crash loses at most one step's work.
constexpr int kRowsPerStep = 500;

QString databaseId(store::Database &db)
{
    store::Statement stmt = db.prepare("SELECT value FROM meta WHERE key = 'db_id'");
    return stmt.step() ? QString::fromStdString(stmt.columnBlob(0)) : QString();
}

int rotate(const QString &path, const QString &keyDir)
{
    store::Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE);
    if (db.queryInt("PRAGMA user_version") != store::kSchemaVersion) {
        std::fprintf(stderr, "opsdeck key rotate: %s\n",
                     qPrintable(QObject::tr("open %1 with this console once before rotating its key").arg(path)));
        return 1;
    }
    const QString keyPath = store::keyPathOf(db, path, keyDir, false);
    // A rotation works on key files: a key in the OS keyring comes back into its file
    // first, and the new key goes into the keyring once the rotation is done.
    store::KeyringKeyVault vault;
    const QString dbId = databaseId(db);
    vault.moveToFile(dbId, keyPath);
    store::KeyRotation rotation(db, keyPath);
    rotation.begin();
    while (!rotation.step(kRowsPerStep))
        std::fprintf(stderr, "\r%lld", static_cast<long long>(rotation.resealed()));
    std::fprintf(stderr, "%s\n",
                 qPrintable(QObject::tr("key rotated: %1 values sealed with the new key in %2")
                                .arg(rotation.resealed())
                                .arg(keyPath)));
    vault.moveFromFile(dbId, keyPath);
    return 0;
}

// Rotating the key touches every personal value: a sign-in with erase_personal_data or
// manage_users. The sign-in, a refusal and the rotation itself go on the file's chain.
std::optional<core::access::Principal> signInToRotate(const QString &path, const QString &user,
                                                      ChainAuditSink &audit, int *status)
{
    QString error;
    auto who = signInFromCli(path, user, audit, &error);
    if (!who) {
        std::fprintf(stderr, "opsdeck key rotate: %s\n", qPrintable(error));
        *status = kExitNotSignedIn;
        return std::nullopt;
    }
    const core::access::AccessGuard guard(*who, audit, [] { return QDateTime::currentMSecsSinceEpoch(); });
    if (guard.allows(core::access::Permission::ManageUsers, guard.ownScope()).allowed())
        return who;
    const core::access::Decision decision = guard.require(core::access::Permission::ErasePersonalData,
                                                          guard.ownScope(), "key.rotate", path.toStdString());
    if (decision.allowed())
        return who;
    std::fprintf(stderr, "opsdeck key rotate: %s\n", qPrintable(accessRefusalText(*who, decision)));
    *status = kExitForbidden;
    return std::nullopt;
}

void auditRotation(ChainAuditSink &audit, const core::access::Principal &who, const QString &path, int status)
{
    core::audit::AuditRecord record;
    record.atMs = QDateTime::currentMSecsSinceEpoch();
    record.user = who.user;
    record.role = who.role;
    record.action = "key.rotate";
    record.target = path.toStdString();
    record.outcome = status == 0 ? "ok" : "failed";
    audit.append(std::move(record));
}

} // namespace

int runKey(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Manage the personal-data key of the console's database"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("key"), QString());
    parser.addPositionalArgument(QStringLiteral("rotate"), QObject::tr("Seal every personal value with a new key."));
    const QCommandLineOption db(QStringLiteral("db"), QObject::tr("SQLite database file."), QStringLiteral("path"));
    const QCommandLineOption keyDir(QStringLiteral("key-dir"), QObject::tr("Folder of the key files."),
                                    QStringLiteral("dir"), store::defaultKeyDir());
    const QCommandLineOption user(QStringLiteral("user"),
                                  QObject::tr("Who signs in (password from OPSDECK_PASSWORD or the prompt)."),
                                  QStringLiteral("name"));
    parser.addOptions({db, keyDir, user});
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "opsdeck key: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fprintf(stdout, "%s", qPrintable(parser.helpText()));
        return 0;
    }
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2 || args.at(1) != QLatin1String("rotate") || !parser.isSet(db)) {
        std::fprintf(stderr, "usage: opsdeck key rotate --db FILE --user U [--key-dir DIR]\n");
        return 2;
    }
    if (!QFileInfo::exists(parser.value(db))) {
        std::fprintf(stderr, "opsdeck key rotate: %s\n", qPrintable(QObject::tr("no database at %1").arg(parser.value(db))));
        return 1;
    }
    ChainAuditSink audit(parser.value(db));
    int status = 1;
    const auto who = signInToRotate(parser.value(db), parser.value(user), audit, &status);
    if (!who)
        return status;
    try {
        status = rotate(parser.value(db), parser.value(keyDir));
    } catch (const store::StoreError &e) {
        std::fprintf(stderr, "opsdeck key rotate: %s\n", e.what());
        status = 1;
    }
    auditRotation(audit, *who, parser.value(db), status);
    return status;
}

} // namespace opsdeck::app
