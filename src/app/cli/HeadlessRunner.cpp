#include "HeadlessRunner.h"

#include "app/features/alerts/AlertPipeline.h"
#include "app/runtime/ConsoleRuntime.h"
#include "app/features/kpi/KpiServiceHost.h"
#include "app/features/map/MapRecorders.h"
#include "app/runtime/UnixSignalWatcher.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>

#include <csignal>
#include <cstdio>

Q_LOGGING_CATEGORY(lcHeadless, "opsdeck.app.headless")

namespace opsdeck::app {

int runHeadless(QCoreApplication &app, const ConsoleOptions &options)
{
    KpiServiceHost kpi; // KPI engine (core thread) and history; outlives the runtime
    MapRecorders mapRecorders; // positions for replay, geofences; outlives the runtime
    ConsoleRuntime runtime(options.runtime, nullptr);
    // Headless consoles keep the alert record too (stored, searchable, no queue to show).
    AlertPipeline alerts(alertPipelineOptions(runtime));
    runtime.addAssembleHook([&alerts](core::ConsoleCore &core, store::StoreWorker &store) { alerts.assemble(core, store); });
    mapRecorders.install(runtime);
    runtime.addAssembleHook(kpi.assembleHook());
    runtime.addBeforeStoreStopHook([&kpi] { kpi.engine()->flushHistory(); }); // the open minute too
    QString error;
    if (!runtime.start(&error)) {
        std::fprintf(stderr, "opsdeck: %s\n", qPrintable(error));
        return 1;
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
    runtime.stop();
    const QByteArray line = QJsonDocument(runtime.statsJson()).toJson(QJsonDocument::Compact);
    std::fprintf(stdout, "%s\n", line.constData());
    std::fflush(stdout);
    return 0;
}

} // namespace opsdeck::app
