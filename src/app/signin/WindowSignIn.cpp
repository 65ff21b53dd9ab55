#include "WindowSignIn.h"

#include "CreateAdminDialog.h"
#include "IdleSignOut.h"
#include "SignInDialog.h"

#include "store/db/Sqlite.h"

#include <QDateTime>
#include <QLabel>
#include <QApplication>
#include <QMainWindow>
#include <QSettings>
#include <QStatusBar>

namespace opsdeck::app {

namespace {

std::int64_t wallClockMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// A quick look (no hashing) whether the first start must create the administrator.
bool databaseHasUsers(const QString &dbPath)
{
    try {
        store::Database db(dbPath.toStdString(), SQLITE_OPEN_READONLY);
        return db.hasTable("users") && db.queryInt("SELECT EXISTS(SELECT 1 FROM users)") != 0;
    } catch (const std::exception &) {
        return false; // no file yet
    }
}

} // namespace

std::optional<core::access::Principal> signInAtStart(const ConsoleOptions &options, core::audit::AuditSink &audit)
{
    if (options.runtime.feed.empty()) {
        core::access::Principal demo;
        demo.user = "demo";
        demo.role = options.role.toStdString();
        demo.demo = true;
        return demo;
    }
    if (!databaseHasUsers(options.runtime.dbPath)) {
        CreateAdminDialog dialog(options.runtime.dbPath, audit, &wallClockMs);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return dialog.principal();
    }
    SignInDialog dialog(options.runtime.dbPath, audit, &wallClockMs);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.principal();
}

void applyPrincipal(const core::access::Principal &principal, ConsoleOptions &options)
{
    options.principal = principal;
    options.user = QString::fromStdString(principal.user);
    options.role = principal.role == "admin" ? QStringLiteral("ops_manager") : QString::fromStdString(principal.role);
}

std::unique_ptr<IdleSignOut> armIdleSignOut(QMainWindow &window, const ConsoleOptions &options,
                                            const core::access::Principal &principal, core::audit::AuditSink &audit)
{
    if (principal.demo)
        return nullptr;
    const auto settings = options.settingsPath.isEmpty()
        ? std::make_unique<QSettings>()
        : std::make_unique<QSettings>(options.settingsPath, QSettings::IniFormat);
    const int minutes = settings->value(QStringLiteral("session/idle_sign_out_minutes"), 0).toInt();
    if (minutes <= 0)
        return nullptr;
    auto idle = std::make_unique<IdleSignOut>(std::int64_t(minutes) * 60'000, &wallClockMs);
    qApp->installEventFilter(idle.get());
    IdleSignOut *watcher = idle.get();
    const QString dbPath = options.runtime.dbPath;
    const QString user = QString::fromStdString(principal.user);
    QObject::connect(watcher, &IdleSignOut::idle, &window, [&window, &audit, watcher, dbPath, user] {
        window.hide();
        SignInDialog dialog(dbPath, audit, &wallClockMs);
        dialog.setFixedUser(user);
        if (dialog.exec() != QDialog::Accepted) {
            window.close();
            return;
        }
        window.show();
        watcher->setPaused(false);
    });
    return idle;
}

void markDemo(QMainWindow &window)
{
    window.setWindowTitle(QObject::tr("%1 — DEMO").arg(window.windowTitle()));
    auto *label = new QLabel(QObject::tr("DEMO"), &window);
    label->setObjectName(QStringLiteral("demoLabel"));
    label->setStyleSheet(QStringLiteral("QLabel { color: white; background: #bf3989; padding: 0 6px; font-weight: bold; }"));
    label->setToolTip(QObject::tr("The embedded demo gateway: simulated data, signed in as a demo user."));
    window.statusBar()->addPermanentWidget(label);
}

} // namespace opsdeck::app
