#pragma once

#include "RoleLayouts.h"

#include <QHash>
#include <QLoggingCategory>
#include <QMainWindow>

class QDockWidget;
class QMenu;
class QSettings;

namespace opsdeck::sdk {
class ConsoleContext;
}

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcMainWindow)

class PluginHost;
class ThemeController;

// The frame: one dock per plugin panel, the View menu to toggle them, Help, and the
// saved layout. It knows the host and the docks, never what is inside a panel. The
// role's layout (RoleLayouts) names the panel that fills the central area (the board,
// in a dock without title bar or features so it can be found like any panel) and where
// the others go; View → Reset layout brings that default back.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    // The host must have loaded its plugins. The settings object is the caller's (tests
    // pass one backed by a temporary file); the layout is read from it now and written
    // back on close.
    MainWindow(PluginHost &host, sdk::ConsoleContext &context, QSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Dock of a panel by "<plugin id>/<panel id>", or nullptr. The central panel's dock
    // is the central widget.
    QDockWidget *dock(const QString &key) const { return m_docks.value(key); }
    QList<QDockWidget *> docks() const { return m_docks.values(); }
    ThemeController &theme() const { return *m_theme; }

    void saveLayout();
    bool restoreLayout();
    // The role's default: every dock back in its place, shown, docked, sized.
    void resetLayout();

public slots:
    void showPluginsDialog();
    void showAbout();

signals:
    // The window is closing (layout already saved): time for main() to stop the feed,
    // the core and the store, and then quit.
    void closing();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    void createMenus();
    void createDocks();
    QString layoutKey(const char *what) const;
    // MainWindowLayout.cpp
    void fitToScreen();
    void placeDocks();
    void applyDefaultSizes();
    void raiseGroupFronts();
    int bottomRowHeight() const;
    int tabBarHeight() const;

    PluginHost &m_host;
    sdk::ConsoleContext &m_context;
    QSettings &m_settings;
    ThemeController *m_theme = nullptr; // before the menus: View → Theme
    QMenu *m_viewMenu = nullptr;
    QHash<QString, QDockWidget *> m_docks;
    QList<QDockWidget *> m_dockOrder; // creation order: plugin order, then each plugin's panel order
    RoleLayout m_layout;
    QDockWidget *m_central = nullptr;
    bool m_closed = false;
    // Until the window has its final size on screen, the default sizes follow it.
    bool m_needsDefaultSizes = false;
};

} // namespace opsdeck::app
