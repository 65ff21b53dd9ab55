#include "app/features/board/BoardServices.h"
#include "app/features/alerts/AlertPipeline.h"
#include "app/features/alerts/AlertServiceHost.h"
#include "app/runtime/ConsoleBridge.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/runtime/ConsoleOptions.h"
#include "app/runtime/ConsoleRuntime.h"
#include "app/cli/ExportCommand.h"
#include "app/shell/FeedStatusBar.h"
#include "app/cli/HeadlessRunner.h"
#include "app/features/kpi/KpiServiceHost.h"
#include "app/shell/MainWindow.h"
#include "app/features/map/MapRecorders.h"
#include "app/shell/PluginHost.h"
#include "app/features/map/RiderHistoryHost.h"
#include "app/features/map/TileProvider.h"
#include "app/shell/Translations.h"
#include "app/runtime/UnixSignalWatcher.h"
#include "sdk/SelectionService.h"
#include "app/features/intake/CtlCommand.h"
#include "app/features/intake/IntakeAssembly.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <cstring>

using namespace opsdeck;

namespace {

std::optional<app::ConsoleOptions> parseOrExit(const QStringList &arguments, int *status)
{
    QString error;
    QString help;
    auto options = app::parseConsoleOptions(arguments, &error, &help);
    if (!options) {
        if (error.isEmpty()) {
            std::fprintf(stdout, "%s", qPrintable(help));
            *status = 0;
        } else {
            std::fprintf(stderr, "opsdeck: %s\n\n%s", qPrintable(error), qPrintable(help));
            *status = 2;
        }
    }
    return options;
}

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("OpsDeck"));
    QApplication::setOrganizationName(QStringLiteral("OpsDeck"));
    int status = 0;
    const auto options = parseOrExit(app.arguments(), &status);
    if (!options)
        return status;
    app::installTranslations(app, options->locale);

    app::ConsoleBridge bridge;
    app::KpiServiceHost kpi; // KPI engine (core thread) and history; outlives the runtime
    app::MapRecorders mapRecorders; // positions and geofences; outlives the runtime
    app::ConsoleRuntime runtime(options->runtime, [&bridge](core::ConsoleDelta &&d) { bridge.publish(std::move(d)); });
    app::BoardServices boardServices;
    boardServices.assemble(runtime);
    app::IntakeAssembly intake(runtime);
    app::AlertPipeline alerts(app::alertPipelineOptions(runtime));
    app::AlertServiceHost alertService(alerts, options->user);
    runtime.addAssembleHook([&alerts](core::ConsoleCore &core, store::StoreWorker &store) { alerts.assemble(core, store); });
    mapRecorders.install(runtime);
    runtime.addAssembleHook(kpi.assembleHook());
    runtime.addBeforeStoreStopHook([&kpi] { kpi.engine()->flushHistory(); }); // the open minute too
    QString error;
    if (!runtime.start(&error)) {
        QMessageBox::critical(nullptr, QObject::tr("OpsDeck"), QObject::tr("The console could not start: %1").arg(error));
        return 1;
    }

    app::ConsoleContextAdapter context(
        {options->role, options->user, !app::ConsoleContextAdapter::roleSeesPersonalData(options->role)});
    context.applyDelta(runtime.fullPicture());
    context.attach(bridge);
    sdk::SelectionService selection; // before the plugins: their panels look it up
    context.provide(&selection);
    boardServices.provideTo(context, *runtime.storeWorker(), runtime.controlEndpoint(), {});
    alertService.loadRestored();
    context.provide<sdk::AlertService>(&alertService);
    app::RiderHistoryHost riderHistory(runtime.storeWorker()); // replay in the live map
    context.provide<sdk::RiderHistoryService>(&riderHistory);
    context.provide<sdk::KpiService>(&kpi);

    std::unique_ptr<QSettings> settings = options->settingsPath.isEmpty()
        ? std::make_unique<QSettings>()
        : std::make_unique<QSettings>(options->settingsPath, QSettings::IniFormat);
    context.setSettings(settings.get()); // plugins keep theirs here: --settings moves them too

    app::PluginHost host(app::PluginHost::defaultPluginDirs());
    host.setRole(options->role);
    host.loadPlugins(&context);
    intake.attach(runtime, context, *settings); // before the panels are created
    // Optional raster tiles under the live map (settings map/tileUrlTemplate, map/tileCache,
    // map/offlineMbtiles); without them the map is vector-only and needs no network.
    std::unique_ptr<app::TileProvider> tiles;
    if (const auto tileOptions = app::TileProvider::fromSettings(*settings); app::TileProvider::enabled(tileOptions)) {
        tiles = std::make_unique<app::TileProvider>(tileOptions);
        context.provide<sdk::MapTileService>(tiles.get());
    }
    app::MainWindow window(host, context, *settings);
    window.setStatusBar(new app::FeedStatusBar(runtime.feedStats(), [&runtime] { return runtime.coreCounters(); }));
    bool stopped = false;
    const auto shutdown = [&] {
        if (stopped)
            return;
        stopped = true;
        host.shutdown();
        intake.shutdown();
        runtime.stop();
    };
    QObject::connect(&window, &app::MainWindow::closing, &app, shutdown);

    app::UnixSignalWatcher signalWatcher({SIGINT, SIGTERM});
    QObject::connect(&signalWatcher, &app::UnixSignalWatcher::signalled, &window, [&window] { window.close(); });
    if (options->durationSeconds > 0)
        QTimer::singleShot(static_cast<int>(options->durationSeconds * 1000), &window, [&window] { window.close(); });
    window.show();
    const int rc = app.exec();
    shutdown();
    return rc;
}

int runHeadlessMain(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("OpsDeck"));
    QCoreApplication::setOrganizationName(QStringLiteral("OpsDeck"));
    int status = 0;
    const auto options = parseOrExit(app.arguments(), &status);
    if (!options)
        return status;
    return app::runHeadless(app, *options);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "export") == 0)
        return app::runExport(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "ctl") == 0)
        return app::runCtl(argc, argv);
    if (app::wantsHeadless(argc, argv))
        return runHeadlessMain(argc, argv);
    return runGui(argc, argv);
}
