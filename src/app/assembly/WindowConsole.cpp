#include "WindowConsole.h"

#include "KeyRotationRunner.h"
#include "app/access/ControlAuditRecords.h"
#include "app/features/intake/ControlAuditSink.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/shell/FeedStatusBar.h"
#include "app/shell/MainWindow.h"
#include "app/shell/PluginHost.h"
#include "app/shell/StoreStatusLabel.h"
#include "app/shell/RetentionDialog.h"
#include "app/shell/RetentionStatusLabel.h"
#include "app/features/alerts/AlertServiceHost.h"
#include "app/features/alerts/AlertsFeature.h"
#include "app/features/audit/AuditDialog.h"
#include "app/features/audit/AuditFeature.h"
#include "app/features/privacy/PrivacyEraseDialog.h"
#include "app/features/retention/RetentionFeature.h"
#include "store/db/StoreWorker.h"

#include <QDateTime>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QDateTime>
#include <QStatusBar>

namespace opsdeck::app {

WindowConsole::WindowConsole(ConsoleOptions options, QStringList pluginDirs,
                             std::optional<core::access::Principal> principal)
    : m_options(std::move(options))
    , m_pluginDirs(pluginDirs.isEmpty() ? PluginHost::defaultPluginDirs() : std::move(pluginDirs))
    , m_principal(principal ? std::move(*principal) : principalFromOptions(m_options))
    , m_assembly(ConsoleAssembly::forConsole(m_options, true, m_principal), [this](core::ConsoleDelta &&d) { m_bridge.publish(std::move(d)); })
{
}

core::access::Principal WindowConsole::principalFromOptions(const ConsoleOptions &options)
{
    // The signed-in user (app/signin applyPrincipal) or, for the embedded demo and
    // --headless, the one parsing made from --role/--user; --merchant gives the demo's
    // merchant desk its merchant.
    core::access::Principal p = options.principal;
    if (p.user.empty())
        p.user = options.user.toStdString();
    if (p.role.empty())
        p.role = options.role.toStdString();
    if (p.merchant.empty())
        p.merchant = options.merchant.toStdString();
    return p;
}

std::function<bool(const std::string &, const std::string &)> WindowConsole::scopeOf(const core::access::Principal &who)
{
    if (who.role != "merchant" && who.depots.empty())
        return {}; // every order: no test per row
    return [who](const std::string &depot, const std::string &merchant) {
        return core::access::inScope(who, {depot, merchant});
    };
}

WindowConsole::~WindowConsole()
{
    shutdown();
}

bool WindowConsole::start(QString *error)
{
    if (!m_assembly.start(error))
        return false;
    m_started = true;
    m_settings = m_options.settingsPath.isEmpty()
        ? std::make_unique<QSettings>()
        : std::make_unique<QSettings>(m_options.settingsPath, QSettings::IniFormat);
    ConsoleRuntime &runtime = m_assembly.runtime();
    // The one permission check of this console; its refusals on the chained audit trail
    // through the console's one audit sink. An assembly without it (no audit feature)
    // still keeps them in control_audit.
    core::audit::AuditSink *refusals = m_assembly.feature<AuditFeature>();
    if (!refusals) {
        if (runtime.storeWorker())
            m_refusalAudit = std::make_unique<StoreAuditSink>(*runtime.storeWorker());
        m_auditRecords = std::make_unique<ControlAuditRecords>(m_refusalAudit.get());
        refusals = m_auditRecords.get();
    }
    m_access = std::make_unique<core::access::AccessGuard>(m_principal, *refusals,
                                                           [] { return QDateTime::currentMSecsSinceEpoch(); });
    // Personal data shown unmasked only with view_personal_data.
    m_context = std::make_unique<ConsoleContextAdapter>(ConsoleContextAdapter::Identity{
        QString::fromStdString(m_principal.role), QString::fromStdString(m_principal.user),
        !m_access->allows(core::access::Permission::ViewPersonalData).allowed(), scopeOf(m_principal),
        QString::fromStdString(m_principal.merchant)});
    m_context->setSettings(m_settings.get()); // plugins keep theirs here: --settings moves them too
    m_context->setClock(runtime.clock());      // panels judge time by the feed's clock
    m_context->applyDelta(runtime.fullPicture());
    m_context->attach(m_bridge);
    // Every service before the plugins load: their panels look them up when created.
    m_assembly.attachGui(*m_context, *m_settings, *m_access);

    m_host = std::make_unique<PluginHost>(m_pluginDirs);
    m_host->setRole(m_options.role);
    m_host->loadPlugins(m_context.get());
    m_window = std::make_unique<MainWindow>(*m_host, *m_context, *m_settings);
    auto *statusBar = new FeedStatusBar(runtime.feedStats(), [&runtime] { return runtime.coreCounters(); });
    // Leftmost of the permanent fields: a disk fault matters more than the event rate.
    statusBar->insertPermanentWidget(0, new StoreStatusLabel([&runtime] {
        return runtime.storeWorker() ? runtime.storeWorker()->counters() : store::StoreWorker::Counters{};
    }));
    m_window->setStatusBar(statusBar);
    addRetention(*statusBar);
    addAudit();
    addPrivacy();
    return true;
}

// Rule edits go on the trail; Security → Audit trail… for the roles that may read it.
void WindowConsole::addAudit()
{
    auto *audit = m_assembly.feature<AuditFeature>();
    if (!audit)
        return;
    if (auto *alerts = m_assembly.feature<AlertsFeature>(); alerts && alerts->service())
        alerts->service()->setAudit(audit, m_options.role);
    store::StoreWorker *worker = m_assembly.runtime().storeWorker();
    if (!worker)
        return;
    auto *menu = new QMenu(QObject::tr("Se&curity"), m_window.get());
    menu->setObjectName(QStringLiteral("securityMenu"));
    if (AuditFeature::roleMayViewAudit(m_options.role)) {
        QAction *action = menu->addAction(QObject::tr("Audit &trail…"));
        action->setObjectName(QStringLiteral("auditTrailAction"));
        QObject::connect(action, &QAction::triggered, m_window.get(), [this, worker] {
            // The trail is stamped with the wall clock, so its time filters start from it too.
            auto *dialog = new AuditDialog(*worker, [] { return QDateTime::currentMSecsSinceEpoch(); }, m_window.get());
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
        });
    }
    KeyRotationRunner::install(*menu, *m_window->statusBar(), *worker, m_options.runtime.keyVault, *m_access, *audit,
                               m_options.runtime.dbPath);
    if (menu->isEmpty()) {
        delete menu;
        return;
    }
    const QList<QAction *> menus = m_window->menuBar()->actions();
    m_window->menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.constLast(), menu);
}

// Security → Erase personal data… for the roles with erase_personal_data.
void WindowConsole::addPrivacy()
{
    auto *audit = m_assembly.feature<AuditFeature>();
    store::StoreWorker *worker = m_assembly.runtime().storeWorker();
    if (!audit || !worker || !m_access->allows(core::access::Permission::ErasePersonalData).allowed())
        return;
    auto *menu = m_window->findChild<QMenu *>(QStringLiteral("securityMenu"));
    if (!menu) {
        menu = new QMenu(QObject::tr("Se&curity"), m_window.get());
        menu->setObjectName(QStringLiteral("securityMenu"));
        const QList<QAction *> menus = m_window->menuBar()->actions();
        m_window->menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.constLast(), menu);
    }
    QAction *action = menu->addAction(QObject::tr("&Erase personal data…"));
    action->setObjectName(QStringLiteral("privacyEraseAction"));
    QObject::connect(action, &QAction::triggered, m_window.get(), [this, worker, audit] {
        auto *dialog = new PrivacyEraseDialog(*worker, *audit, *m_access,
                                              [] { return QDateTime::currentMSecsSinceEpoch(); }, m_window.get());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
}

// Purging in the status bar, and Settings → Data retention… before Help.
void WindowConsole::addRetention(QStatusBar &statusBar)
{
    auto *retention = m_assembly.feature<RetentionFeature>();
    if (!retention)
        return;
    auto *label = new RetentionStatusLabel([retention] { return retention->retention().progress(); });
    label->setPersonalProgress([retention] { return retention->personalData().progress(); });
    statusBar.insertPermanentWidget(1, label);
    auto *menu = new QMenu(QObject::tr("&Settings"), m_window.get());
    menu->setObjectName(QStringLiteral("settingsMenu"));
    QAction *action = menu->addAction(QObject::tr("Data &retention…"));
    action->setObjectName(QStringLiteral("retentionAction"));
    QObject::connect(action, &QAction::triggered, m_window.get(), [this, retention] {
        // The personal-data field only with erase_personal_data: it decides what is erased.
        const bool mayErase = m_access->allows(core::access::Permission::ErasePersonalData).allowed();
        RetentionDialog::PersonalAccess access{m_access.get(), m_assembly.feature<AuditFeature>(),
                                               [] { return QDateTime::currentMSecsSinceEpoch(); }};
        RetentionDialog dialog(*m_settings, [retention, mayErase](const RetentionSettings &r) {
            retention->setEventRetentionMs(r.eventRetentionMs);
            if (mayErase)
                retention->personalData().setRetentionMs(r.personalRetentionMs);
        }, std::move(access), m_window.get());
        dialog.exec();
    });
    const QList<QAction *> menus = m_window->menuBar()->actions();
    m_window->menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.constLast(), menu);
}

void WindowConsole::shutdown()
{
    if (m_stopped)
        return;
    m_stopped = true;
    if (m_host)
        m_host->shutdown();
    m_assembly.stop();
}

} // namespace opsdeck::app
