#include "BoardHoldStill.h"

#include "BoardColumnModel.h"
#include "BoardModel.h"

#include <QEvent>
#include <QMouseEvent>
#include <QTimer>
#include <QWidget>

namespace opsdeck::widgets {

BoardHoldStill::BoardHoldStill(BoardModel *model, QObject *parent)
    : QObject(parent), m_model(model), m_rest(new QTimer(this))
{
    m_rest->setObjectName(QStringLiteral("holdStillRest"));
    m_rest->setSingleShot(true);
    m_rest->setInterval(kRestMs);
    connect(m_rest, &QTimer::timeout, this, [this] {
        m_pointerOver = false; // still over the board, but at rest: not aiming
        update();
    });
}

void BoardHoldStill::addColumn(BoardColumnModel *column)
{
    m_columns.push_back(column);
    column->setExempt([this](int row) { return m_followed.contains(m_model->card(row).row.orderId); });
    connect(column, &BoardColumnModel::deferredChanged, this, [this] { emit pendingChanged(pendingUpdates()); });
}

void BoardHoldStill::watch(QObject *area)
{
    m_area = area;
    area->installEventFilter(this);
}

void BoardHoldStill::watchUse(QWidget *inside)
{
    inside->installEventFilter(this);
    inside->setMouseTracking(true); // moves without a button pressed count as use
}

bool BoardHoldStill::eventFilter(QObject *watched, QEvent *event)
{
    const bool area = watched == m_area;
    switch (event->type()) {
    case QEvent::Enter:
        if (!area)
            break; // moving between columns is not leaving the board
        m_rest->start();
        setPointerOver(true);
        break;
    case QEvent::MouseMove: {
        // Qt also sends moves when widgets change under a parked pointer (layout,
        // show): only a pointer that really moved is in use.
        const QPointF at = static_cast<QMouseEvent *>(event)->globalPosition();
        const bool moved = m_lastPointer && *m_lastPointer != at;
        m_lastPointer = at;
        if (!moved)
            break;
        m_rest->start();
        if (!m_pointerOver)
            setPointerOver(true);
        break;
    }
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
    case QEvent::ContextMenu:
    case QEvent::DragMove:
        m_rest->start(); // restarts: the pointer is in use
        if (!m_pointerOver)
            setPointerOver(true);
        break;
    case QEvent::Leave:
        if (!area)
            break;
        m_rest->stop();
        setPointerOver(false);
        break;
    default:
        break;
    }
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
