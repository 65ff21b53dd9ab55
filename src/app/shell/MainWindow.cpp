#include "MainWindow.h"

#include "PluginHost.h"
#include "PluginsDialog.h"
#include "sdk/RolePlugin.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSet>
#include <QSettings>

#include <algorithm>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcMainWindow, "opsdeck.app.mainwindow")

namespace {
// Bump when dock object names or default areas change so an old layout is ignored.
constexpr int kLayoutVersion = 1;
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
} // namespace

MainWindow::MainWindow(PluginHost &host, sdk::ConsoleContext &context, QSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_host(host)
    , m_context(context)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("opsdeckMainWindow"));
    setWindowTitle(context.userName().isEmpty()
                       ? tr("OpsDeck")
                       : tr("OpsDeck — %1 (%2)").arg(context.userName(), context.role()));
    setDockNestingEnabled(true);
    setDockOptions(dockOptions() | QMainWindow::AllowTabbedDocks | QMainWindow::AnimatedDocks);
    resize(1280, 800);
    createMenus();
    createDocks();
    if (!restoreLayout()) {
        qCInfo(lcMainWindow) << "no saved layout; using the plugins' default areas";
        applyDefaultLayout();
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

    auto *helpMenu = menuBar()->addMenu(tr("&Help"));
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
            const Qt::DockWidgetArea area = panel.defaultArea == Qt::NoDockWidgetArea ? Qt::LeftDockWidgetArea
                                                                                      : panel.defaultArea;
            addDockWidget(area, dock);
            m_docks.insert(key, dock);
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
    m_settings.setValue(kGeometryKey, saveGeometry());
    m_settings.setValue(kStateKey, saveState(kLayoutVersion));
    m_settings.sync();
}

bool MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings.value(kGeometryKey).toByteArray();
    const QByteArray state = m_settings.value(kStateKey).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    return !state.isEmpty() && restoreState(state, kLayoutVersion);
}

// First start: most of the screen (a console stays open all shift), and panels that
// share an area become tabs, the first one in front, instead of slivers stacked on top
// of each other.
void MainWindow::applyDefaultLayout()
{
    if (const QScreen *screen = QGuiApplication::primaryScreen()) {
        const QRect available = screen->availableGeometry();
        resize(std::max(1024, available.width() * 9 / 10), std::max(700, available.height() * 9 / 10));
    }
    QHash<int, QDockWidget *> firstInArea;
    for (auto *dock : std::as_const(m_dockOrder)) {
        const int area = static_cast<int>(dockWidgetArea(dock));
        if (QDockWidget *first = firstInArea.value(area)) {
            tabifyDockWidget(first, dock);
            first->raise();
        } else {
            firstInArea.insert(area, dock);
        }
    }
    // The role's own plugin in front where it shares an area (the ops manager's KPI
    // dashboard over the dispatcher's order detail).
    const QString own = m_context.role() + QLatin1Char('/');
    QSet<int> raised;
    for (auto *dock : std::as_const(m_dockOrder)) {
        const int area = static_cast<int>(dockWidgetArea(dock));
        if (dock->objectName().startsWith(own) && !raised.contains(area)) {
            raised.insert(area); // the first of the role's panels in that area
            dock->raise();
        }
    }
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

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_needsDefaultSizes) {
        m_needsDefaultSizes = false;
        applyDefaultSizes();
    }
}

// Without a saved layout QMainWindow splits the width evenly between the side docks.
// Panels that can use any width (horizontal Expanding policy, e.g. tables) get the room;
// the others get what they ask for.
void MainWindow::applyDefaultSizes()
{
    QList<QDockWidget *> docks;
    QList<int> widths;
    int fixedWidth = 0;
    int expanding = 0;
    for (auto *dock : std::as_const(m_docks)) {
        const auto area = dockWidgetArea(dock);
        if (dock->isFloating() || (area != Qt::LeftDockWidgetArea && area != Qt::RightDockWidgetArea))
            continue;
        const bool expands = dock->widget()->sizePolicy().horizontalPolicy() & QSizePolicy::ExpandFlag;
        docks << dock;
        widths << (expands ? -1 : dock->widget()->sizeHint().width());
        if (expands)
            ++expanding;
        else
            fixedWidth += widths.last();
    }
    // resizeDocks() scales requests that do not fit, so ask for exactly what is left.
    const int share = expanding ? std::max(200, (width() - fixedWidth - 16) / expanding) : 0;
    for (int &w : widths) {
        if (w < 0)
            w = share;
    }
    if (!docks.isEmpty())
        resizeDocks(docks, widths, Qt::Horizontal);
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
