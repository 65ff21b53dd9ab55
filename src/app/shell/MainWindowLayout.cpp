// The role's default layout: where each dock goes, how big, and Reset layout.
#include "MainWindow.h"

#include "sdk/ConsoleContext.h"

#include <QDockWidget>
#include <QGuiApplication>
#include <QLayout>
#include <QMenuBar>
#include <QResizeEvent>
#include <QScreen>
#include <QScrollArea>
#include <QSet>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>

#include <algorithm>

namespace opsdeck::app {

namespace {

// What a panel needs to show whole: a scroll area's content, or the panel itself.
QSize contentSize(const QDockWidget *dock)
{
    const QWidget *widget = dock->widget();
    if (const auto *scroll = qobject_cast<const QScrollArea *>(widget); scroll && scroll->widget())
        widget = scroll->widget();
    return widget->minimumSizeHint(); // below it, its scroll area scrolls
}

// The dock's title bar and frame around its widget.
QSize dockChrome(const QDockWidget *dock)
{
    const QRect inner = dock->widget()->geometry();
    if (dock->isVisible() && inner.top() > 0)
        return {dock->width() - inner.width(), dock->height() - inner.height()};
    return {4, dock->fontMetrics().height() + 12};
}

} // namespace

int MainWindow::tabBarHeight() const
{
    for (const QTabBar *bar : findChildren<QTabBar *>(QString(), Qt::FindDirectChildrenOnly))
        if (bar->isVisible())
            return bar->height();
    return fontMetrics().height() + 14;
}

// First start: the whole screen (a console stays open all shift). The geometry too, for
// a display without a window manager (a kiosk, xvfb) where "maximised" means nothing.
void MainWindow::fitToScreen()
{
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        setGeometry(screen->availableGeometry());
    setWindowState(windowState() | Qt::WindowMaximized);
}

// Every dock out, then in again where the role's layout puts it: the bottom row's groups
// side by side, tabbed within a group with the first in front; panels the layout does
// not name in their plugin's default area, tabbed with the first one there.
void MainWindow::placeDocks()
{
    for (QDockWidget *dock : std::as_const(m_dockOrder)) {
        dock->setFloating(false);
        removeDockWidget(dock);
    }
    // The groups' front panels side by side first: a split beside a tabbed panel would
    // land in its tabs.
    QSet<QDockWidget *> placed;
    QList<QPair<QDockWidget *, QList<QDockWidget *>>> groups;
    for (const DockGroup &group : std::as_const(m_layout.bottom)) {
        QList<QDockWidget *> docks;
        for (const QString &key : group.keys) {
            QDockWidget *dock = m_docks.value(key);
            if (dock && dock != m_central && !placed.contains(dock)) {
                docks << dock;
                placed.insert(dock);
            }
        }
        if (docks.isEmpty())
            continue;
        QDockWidget *front = docks.takeFirst();
        if (groups.isEmpty())
            addDockWidget(Qt::BottomDockWidgetArea, front);
        else
            splitDockWidget(groups.last().first, front, Qt::Horizontal);
        groups.append({front, docks});
    }
    for (const auto &[front, tabs] : std::as_const(groups)) {
        for (QDockWidget *dock : tabs) {
            tabifyDockWidget(front, dock);
            dock->show();
        }
        front->show();
        front->raise();
    }
    QHash<int, QDockWidget *> firstInArea;
    for (QDockWidget *dock : std::as_const(m_dockOrder)) {
        if (placed.contains(dock))
            continue;
        const auto area = static_cast<Qt::DockWidgetArea>(dock->property("defaultArea").toInt());
        if (QDockWidget *first = firstInArea.value(area)) {
            tabifyDockWidget(first, dock);
            first->raise();
        } else {
            addDockWidget(area, dock);
            firstInArea.insert(area, dock);
        }
        dock->show();
    }
}

void MainWindow::resetLayout()
{
    qCInfo(lcMainWindow) << "layout reset to the" << m_context.role() << "default";
    placeDocks();
    layout()->activate();
    raiseGroupFronts();
    applyDefaultSizes();
}

// Each group's first panel in front; again once shown: before the window is laid out
// its tab bars do not exist yet.
void MainWindow::raiseGroupFronts()
{
    for (const DockGroup &group : std::as_const(m_layout.bottom)) {
        for (const QString &key : group.keys) {
            if (QDockWidget *dock = m_docks.value(key); dock && dock != m_central) {
                dock->raise();
                break;
            }
        }
    }
}

// The bottom row's height: the role's share of the window, or more where a panel must
// show whole (never so much that the central area drops under a third).
int MainWindow::bottomRowHeight() const
{
    int usable = height() - menuBar()->height();
    if (const auto *status = findChild<QStatusBar *>(QString(), Qt::FindDirectChildrenOnly))
        usable -= status->height();
    int rowHeight = usable * (100 - m_layout.centralPercent) / 100;
    for (const DockGroup &group : m_layout.bottom) {
        const QDockWidget *front = group.keys.isEmpty() ? nullptr : m_docks.value(group.keys.first());
        if (!group.fitContent || !front)
            continue;
        int need = contentSize(front).height() + dockChrome(front).height();
        if (group.keys.size() > 1) // the group's tab bar under it
            need += tabBarHeight();
        rowHeight = std::max(rowHeight, need);
    }
    return std::min(rowHeight, usable * 2 / 3);
}

// Sizes follow the layout: the bottom row's height, each group's share of its width
// (a group that must show whole gets its content's width first).
void MainWindow::applyDefaultSizes()
{
    QList<QDockWidget *> fronts;
    QList<int> needs;
    QList<int> shares;
    for (const DockGroup &group : std::as_const(m_layout.bottom)) {
        QDockWidget *front = nullptr;
        for (const QString &key : group.keys) {
            if (QDockWidget *dock = m_docks.value(key); dock && dock != m_central && !front)
                front = dock;
        }
        if (!front)
            continue;
        fronts << front;
        needs << (group.fitContent ? contentSize(front).width() + dockChrome(front).width() : 0);
        shares << group.widthShare;
    }
    if (fronts.isEmpty())
        return;
    resizeDocks({fronts.first()}, {bottomRowHeight()}, Qt::Vertical);
    const int separators = (fronts.size() - 1) * style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent, nullptr, this);
    int needed = 0;
    int totalShares = 0;
    for (int i = 0; i < fronts.size(); ++i) {
        needed += needs.at(i);
        totalShares += shares.at(i);
    }
    // What the panels that must show whole leave over, shared out by the groups' shares.
    const int free = std::max(0, width() - separators - needed);
    QList<int> widths;
    for (int i = 0; i < fronts.size(); ++i)
        widths << needs.at(i) + (totalShares ? free * shares.at(i) / totalShares : 0);
    resizeDocks(fronts, widths, Qt::Horizontal);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_needsDefaultSizes) {
        raiseGroupFronts();
        applyDefaultSizes();
    }
}

// The window reaches its maximised size after it is shown (the window system decides):
// the default sizes follow until the user first moves a separator or a dock.
void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_needsDefaultSizes && isVisible())
        applyDefaultSizes();
}

// A press on the window itself is on a separator: from now on the sizes are the user's.
bool MainWindow::event(QEvent *event)
{
    if (event->type() == QEvent::MouseButtonPress)
        m_needsDefaultSizes = false;
    return QMainWindow::event(event);
}

} // namespace opsdeck::app
