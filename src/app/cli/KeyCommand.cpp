#include "KeyCommand.h"

#include "store/db/KeyLocation.h"
#include "store/db/KeyRotation.h"
#include "store/db/KeyVault.h"
#include "store/db/Schema.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

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
    parser.addOptions({db, keyDir});
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
        std::fprintf(stderr, "usage: opsdeck key rotate --db FILE [--key-dir DIR]\n");
        return 2;
    }
    if (!QFileInfo::exists(parser.value(db))) {
        std::fprintf(stderr, "opsdeck key rotate: %s\n", qPrintable(QObject::tr("no database at %1").arg(parser.value(db))));
        return 1;
    }
    try {
        return rotate(parser.value(db), parser.value(keyDir));
    } catch (const store::StoreError &e) {
        std::fprintf(stderr, "opsdeck key rotate: %s\n", e.what());
        return 1;
    }
}

} // namespace opsdeck::app
