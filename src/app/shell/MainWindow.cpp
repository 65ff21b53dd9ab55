#include "MainWindow.h"

#include "DockSeparatorStyle.h"
#include "PluginHost.h"
#include "PluginsDialog.h"
#include "ThemeController.h"
#include "palette/CommandPalette.h"
#include "sdk/RolePlugin.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcMainWindow, "opsdeck.app.mainwindow")

namespace {
// Bump when dock object names or default areas change so an old layout is ignored.
// 2: the board is the central area.
constexpr int kLayoutVersion = 2;
} // namespace

// Each role its own layout ("mainWindow/<role>/state"): the ops manager who signs in
// on a dispatcher's machine gets the ops manager's docks, not the dispatcher's.
QString MainWindow::layoutKey(const char *what) const
{
    const QString role = m_context.role();
    return role.isEmpty() ? QStringLiteral("mainWindow/%1").arg(QLatin1String(what))
                          : QStringLiteral("mainWindow/%1/%2").arg(role, QLatin1String(what));
}

MainWindow::MainWindow(PluginHost &host, sdk::ConsoleContext &context, QSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_host(host)
    , m_context(context)
    , m_settings(settings)
    , m_layout(roleLayout(context.role()))
{
    setObjectName(QStringLiteral("opsdeckMainWindow"));
    setWindowTitle(context.userName().isEmpty()
                       ? tr("OpsDeck")
                       : tr("OpsDeck — %1 (%2)").arg(context.userName(), context.role()));
    setDockNestingEnabled(true);
    setDockOptions(dockOptions() | QMainWindow::AllowTabbedDocks | QMainWindow::AnimatedDocks);
    auto *separators = new DockSeparatorStyle;
    separators->setParent(this);
    setStyle(separators);
    resize(1280, 800);
    m_theme = new ThemeController(m_settings, this);
    createMenus();
    createDocks();
    if (!restoreLayout()) {
        qCInfo(lcMainWindow) << "no saved layout; using the role's default layout";
        fitToScreen();
        placeDocks();
        m_needsDefaultSizes = true;
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    auto *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    auto *reset = m_viewMenu->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);
    reset->setObjectName(QStringLiteral("resetLayoutAction"));
    auto *palette =
        m_viewMenu->addAction(tr("&Command palette…"), this, [this] { openCommandPalette(*this, m_context); });
    palette->setObjectName(QStringLiteral("commandPaletteAction"));
    palette->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_viewMenu->addMenu(m_theme->createMenu(m_viewMenu));
    m_viewMenu->addSeparator();

    auto *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&Keyboard shortcuts…"), this, [this] { showShortcuts(*this); });
    helpMenu->addAction(tr("&Plugins…"), this, &MainWindow::showPluginsDialog);
    helpMenu->addSeparator();
    auto *about = helpMenu->addAction(tr("&About OpsDeck"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::createDocks()
{
    for (const auto &loaded : m_host.plugins()) {
        const QList<sdk::Panel> panels = loaded.plugin->createPanels(&m_context, this);
        for (const auto &panel : panels) {
            const QString key = loaded.spec.id + QLatin1Char('/') + panel.id;
            if (!panel.widget || panel.id.isEmpty() || m_docks.contains(key)) {
                qCWarning(lcMainWindow) << "plugin" << loaded.spec.id << "returned an unusable panel" << panel.id;
                delete panel.widget;
                continue;
            }
            qCDebug(lcMainWindow) << "panel" << key << "minimum size" << panel.widget->minimumSizeHint();
            auto *dock = new QDockWidget(panel.title, this);
            dock->setObjectName(key); // saveState()/restoreState() match docks by name
            dock->setWidget(panel.widget);
            m_docks.insert(key, dock);
            if (key == m_layout.central && !m_central) {
                // Always there, never moved: no title bar, no View menu entry.
                dock->setFeatures(QDockWidget::NoDockWidgetFeatures);
                dock->setTitleBarWidget(new QWidget(dock));
                setCentralWidget(dock);
                m_central = dock;
                continue;
            }
            const Qt::DockWidgetArea area = panel.defaultArea == Qt::NoDockWidgetArea ? Qt::LeftDockWidgetArea
                                                                                      : panel.defaultArea;
            dock->setProperty("defaultArea", static_cast<int>(area));
            addDockWidget(area, dock);
            m_dockOrder.push_back(dock);
            m_viewMenu->addAction(dock->toggleViewAction());
        }
    }
    if (m_docks.isEmpty()) {
        auto *none = m_viewMenu->addAction(tr("No panels: see Help → Plugins"));
        none->setEnabled(false);
    }
}

void MainWindow::saveLayout()
{
    m_settings.setValue(layoutKey("geometry"), saveGeometry());
    m_settings.setValue(layoutKey("state"), saveState(kLayoutVersion));
    m_settings.sync();
}

bool MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings.value(layoutKey("geometry")).toByteArray();
    const QByteArray state = m_settings.value(layoutKey("state")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    return !state.isEmpty() && restoreState(state, kLayoutVersion);
}

void MainWindow::showPluginsDialog()
{
    PluginsDialog dialog(m_host, this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QStringList plugins;
    for (const auto &loaded : m_host.plugins())
        plugins << tr("%1 %2").arg(loaded.spec.name, loaded.spec.version.toString());
    QMessageBox::about(this, tr("About OpsDeck"),
                       tr("<h3>OpsDeck %1</h3>"
                          "<p>Operations console for delivery platforms: dispatchers, "
                          "customer service and operations managers.</p>"
                          "<p>Plugins: %2</p><p>Built with Qt %3.</p>")
                           .arg(QApplication::applicationVersion(),
                                plugins.isEmpty() ? tr("none") : plugins.join(QLatin1String(", ")),
                                QLatin1String(QT_VERSION_STR)));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_closed) {
        m_closed = true;
        saveLayout();
        emit closing();
    }
    event->accept();
}

} // namespace opsdeck::app
