// The board's layout: the columns beside the riders strip, and which done columns are
// collapsed. Kept apart from the board's behaviour (actions, filters, search).
#include "OrderKanbanBoard.h"

#include "BoardColumnModel.h"
#include "BoardColumnView.h"

#include "ui_OrderKanbanBoard.h"

#include <QListView>
#include <QToolButton>
#include <QSettings>

namespace opsdeck::widgets {

namespace {
constexpr int kRidersStripWidth = 170;
}

// The riders are a strip of their own at the board's right, never over a column: the
// columns keep what the strip leaves, and the handle between them is wide enough to
// grab. The strip can be narrowed but not collapsed into an invisible drop target.
void OrderKanbanBoard::setUpRidersStrip()
{
    QSplitter *splitter = m_ui->splitter;
    splitter->setHandleWidth(6);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    m_ui->ridersPanel->setMinimumWidth(120);
    splitter->setSizes({4 * kRidersStripWidth * 2, kRidersStripWidth});
}

QString OrderKanbanBoard::collapsedKey() const
{
    return QStringLiteral("board/collapsed/") + (m_user.isEmpty() ? QStringLiteral("_") : m_user);
}

void OrderKanbanBoard::setDefaultCollapsedStates(const QStringList &states)
{
    const QVariant saved = m_settings ? m_settings->value(collapsedKey()) : QVariant();
    // Stored as one string of state names ("" when the user opened them all).
    const QStringList collapsed = saved.isValid()
        ? saved.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts)
        : states;
    for (BoardColumnView *column : m_columns) {
        if (column->findChild<QToolButton *>()) // only the done columns have a toggle
            column->setCollapsed(collapsed.contains(column->model()->state()));
    }
}

void OrderKanbanBoard::saveCollapsedColumns()
{
    if (!m_settings)
        return;
    QStringList collapsed;
    for (const BoardColumnView *column : m_columns)
        if (column->isCollapsed())
            collapsed << column->model()->state();
    m_settings->setValue(collapsedKey(), collapsed.join(QLatin1Char(' ')));
    m_settings->sync();
}

} // namespace opsdeck::widgets
