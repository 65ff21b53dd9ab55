#include "BoardHoldStill.h"

#include "BoardColumnModel.h"
#include "BoardModel.h"

#include <QEvent>

namespace opsdeck::widgets {

BoardHoldStill::BoardHoldStill(BoardModel *model, QObject *parent) : QObject(parent), m_model(model) {}

void BoardHoldStill::addColumn(BoardColumnModel *column)
{
    m_columns.push_back(column);
    column->setExempt([this](int row) { return m_followed.contains(m_model->card(row).row.orderId); });
    connect(column, &BoardColumnModel::deferredChanged, this, [this] { emit pendingChanged(pendingUpdates()); });
}

void BoardHoldStill::watch(QObject *area)
{
    area->installEventFilter(this);
}

bool BoardHoldStill::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Enter)
        setPointerOver(true);
    else if (event->type() == QEvent::Leave)
        setPointerOver(false);
    return QObject::eventFilter(watched, event);
}

void BoardHoldStill::hold()
{
    ++m_holds;
    update();
}

void BoardHoldStill::release()
{
    m_holds = std::max(0, m_holds - 1);
    update();
}

void BoardHoldStill::setPointerOver(bool over)
{
    m_pointerOver = over;
    update();
}

void BoardHoldStill::update()
{
    const bool holding = isHolding();
    for (BoardColumnModel *column : m_columns)
        column->setFrozen(holding);
}

int BoardHoldStill::pendingUpdates() const
{
    QSet<int> rows;
    for (const BoardColumnModel *column : m_columns)
        rows.unite(column->deferredMoves());
    return static_cast<int>(rows.size());
}

void BoardHoldStill::applyNow()
{
    for (BoardColumnModel *column : m_columns)
        column->setFrozen(false);
    update();
}

void BoardHoldStill::follow(const QStringList &orderIds)
{
    m_followed = QSet<QString>(orderIds.begin(), orderIds.end());
}

} // namespace opsdeck::widgets
