#include "app/assembly/WindowConsole.h"
#include "app/cli/AuditCommand.h"
#include "app/features/audit/AuditFeature.h"
#include "app/cli/ExportCommand.h"
#include "app/cli/KeyCommand.h"
#include "app/cli/PrivacyCommand.h"
#include "app/cli/HeadlessRunner.h"
#include "app/cli/KeygenCommand.h"
#include "app/embedded/OpsfeedGateway.h"
#include "app/features/intake/CtlCommand.h"
#include "app/runtime/ConsoleOptions.h"
#include "app/runtime/LoggingRules.h"
#include "app/runtime/RetentionSettings.h"
#include "app/runtime/UnixSignalWatcher.h"
#include "app/shell/CorruptDatabaseDialog.h"
#include "app/shell/MainWindow.h"
#include "app/shell/Translations.h"
#include "app/signin/CliSignIn.h"
#include "app/signin/IdleSignOut.h"
#include "app/signin/UserCommand.h"
#include "app/signin/WindowSignIn.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>

using namespace opsdeck;

namespace {

std::optional<app::ConsoleOptions> parseOrExit(const QStringList &arguments, int *status)
{
    QString error;
    QString help;
    auto options = app::parseConsoleOptions(arguments, &error, &help);
    if (options) {
        options->runtime.embedded = app::opsfeedGateway(); // no --feed: opsfeed in-process
        // Before anything logs: quiet by default, `logging/rules` in the console's
        // settings and QT_LOGGING_RULES switch categories on.
        const auto settings = options->settingsPath.isEmpty()
            ? std::make_unique<QSettings>()
            : std::make_unique<QSettings>(options->settingsPath, QSettings::IniFormat);
        app::installLoggingRules(*settings);
        // The command line's retention wins; a bad value in the file is named, not fatal.
        QStringList problems;
        app::applyRetentionSettings(*settings, *options, &problems);
        for (const QString &problem : problems)
            std::fprintf(stderr, "opsdeck: %s\n", qPrintable(problem));
    }
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

// Starts the window console; a corrupt database is the user's call (CorruptDatabaseDialog),
// unless --rebuild-corrupt already made it. Null with *status set when it cannot start.
std::unique_ptr<app::WindowConsole> startWindowConsole(app::ConsoleOptions options, int *status)
{
    auto console = std::make_unique<app::WindowConsole>(options);
    QString error;
    if (console->start(&error))
        return console;
    if (console->assembly().runtime().corruptDatabase()) {
        console.reset();
        app::CorruptDatabaseDialog dialog(options.runtime.dbPath, error);
        if (dialog.exec() != QDialog::Accepted) {
            *status = app::kExitCorruptDatabase;
            return nullptr;
        }
        options.runtime.rebuildCorrupt = true;
        console = std::make_unique<app::WindowConsole>(options);
        if (console->start(&error))
            return console;
    }
    QMessageBox::critical(nullptr, QObject::tr("OpsDeck"), QObject::tr("The console could not start: %1").arg(error));
    *status = 1;
    return nullptr;
}

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("OpsDeck"));
    QApplication::setOrganizationName(QStringLiteral("OpsDeck"));
    QApplication::setApplicationVersion(QStringLiteral(OPSDECK_VERSION));
    int status = 0;
    const auto options = parseOrExit(app.arguments(), &status);
    if (!options)
        return status;
    app::installTranslations(app, options->locale);

    // Who is at the console decides the role: a real feed asks (first start: create the
    // administrator); the embedded demo signs in a demo user.
    // Held until the console's AuditFeature runs, then handed to it: one writer of the chain.
    app::ChainAuditSink signInAudit(options->runtime.dbPath);
    const auto principal = app::signInAtStart(*options, signInAudit);
    if (!principal)
        return app::kExitNotSignedIn;
    app::ConsoleOptions signedIn = *options;
    app::applyPrincipal(*principal, signedIn);

    const auto started = startWindowConsole(signedIn, &status);
    if (!started)
        return status;
    app::WindowConsole &console = *started;
    app::MainWindow &window = *console.window();
    if (auto *audit = console.assembly().feature<app::AuditFeature>())
        signInAudit.handTo(*audit);
    if (principal->demo)
        app::markDemo(window);
    const auto idleSignOut = app::armIdleSignOut(window, *options, *principal, signInAudit);
    QObject::connect(&window, &app::MainWindow::closing, &app, [&console] { console.shutdown(); });

    app::UnixSignalWatcher signalWatcher({SIGINT, SIGTERM});
    QObject::connect(&signalWatcher, &app::UnixSignalWatcher::signalled, &window, [&window] { window.close(); });
    if (options->durationSeconds > 0)
        QTimer::singleShot(static_cast<int>(options->durationSeconds * 1000), &window, [&window] { window.close(); });
    window.show();
    const int rc = app.exec();
    console.shutdown();
    return rc;
}

int runHeadlessMain(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("OpsDeck"));
    QCoreApplication::setOrganizationName(QStringLiteral("OpsDeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OPSDECK_VERSION));
    int status = 0;
    const auto options = parseOrExit(app.arguments(), &status);
    if (!options)
        return status;
    if (!options->headless) {
        // Only reached without a display (needsNoWindow): say so instead of aborting in Qt.
        std::fprintf(stderr, "opsdeck: %s\n",
                     qPrintable(QObject::tr("no display to open the window on (DISPLAY is not set); run with "
                                            "--headless to ingest without a window")));
        return 2;
    }
    return app::runHeadless(app, *options);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "export") == 0)
        return app::runExport(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "keygen") == 0)
        return app::runKeygen(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "key") == 0)
        return app::runKey(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "privacy") == 0)
        return app::runPrivacy(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "user") == 0)
        return app::runUserCommand(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "audit") == 0)
        return app::runAudit(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "ctl") == 0)
        return app::runCtl(argc, argv);
    // --help and --version need no display: an admin reads them over SSH.
    if (app::needsNoWindow(argc, argv) || app::wantsHeadless(argc, argv))
        return runHeadlessMain(argc, argv);
    return runGui(argc, argv);
}
