#include "HeadlessRunner.h"

#include "app/assembly/ConsoleAssembly.h"
#include "app/features/retention/RetentionFeature.h"
#include "app/runtime/UnixSignalWatcher.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>

#include <csignal>
#include <cstdio>

Q_LOGGING_CATEGORY(lcHeadless, "opsdeck.app.headless")

namespace opsdeck::app {

ConsoleAssembly::Options headlessAssembly(const ConsoleOptions &options)
{
    return ConsoleAssembly::forConsole(options, false);
}

int runHeadless(QCoreApplication &app, const ConsoleOptions &options)
{
    ConsoleAssembly console(headlessAssembly(options), nullptr);
    QString error;
    if (!console.start(&error)) {
        std::fprintf(stderr, "opsdeck: %s\n", qPrintable(error));
        if (console.runtime().corruptDatabase()) {
            // Never decided for the user: the file may be the only copy of what it holds.
            const QString hint = QObject::tr("the database %1 is corrupt. Nothing was changed. Run again with "
                                             "--rebuild-corrupt to move it aside (renamed with a timestamp, its key "
                                             "alongside) and rebuild it from the gateway's snapshot.")
                                     .arg(options.runtime.dbPath);
            std::fprintf(stderr, "opsdeck: %s\n", qPrintable(hint));
            return kExitCorruptDatabase;
        }
        return 1;
    }
    if (const QString moved = console.runtime().movedAsideTo(); !moved.isEmpty()) {
        const QString note =
            QObject::tr("the corrupt database was moved to %1; rebuilding from the gateway's snapshot").arg(moved);
        std::fprintf(stderr, "opsdeck: %s\n", qPrintable(note));
    }
    qCInfo(lcHeadless) << "ingesting into" << options.runtime.dbPath;

    UnixSignalWatcher signalWatcher({SIGINT, SIGTERM});
    QObject::connect(&signalWatcher, &UnixSignalWatcher::signalled, &app, [&app](int s) {
        qCInfo(lcHeadless) << "signal" << s << "- stopping";
        app.quit();
    });
    if (options.durationSeconds > 0)
        QTimer::singleShot(static_cast<int>(options.durationSeconds * 1000), &app, &QCoreApplication::quit);

    app.exec();
    console.stop();
    QJsonObject stats = console.runtime().statsJson();
    if (const auto *retention = console.feature<RetentionFeature>())
        stats.insert(QStringLiteral("retention"), retention->statsJson());
    const QByteArray line = QJsonDocument(stats).toJson(QJsonDocument::Compact);
    std::fprintf(stdout, "%s\n", line.constData());
    std::fflush(stdout);
    return 0;
}

} // namespace opsdeck::app
