#pragma once

#include "widgets/WidgetsExport.h"

#include <QObject>
#include <QSet>
#include <QString>

class QTimer;
class QWidget;

#include <QPointF>

#include <optional>
#include <vector>

namespace opsdeck::widgets {

class BoardColumnModel;
class BoardModel;

// Keeps the board's cards where they are while the user aims at them: the columns are
// frozen while the pointer is over `area` and in use (it moved, scrolled or clicked in
// the last kRestMs), or while something the board opened (a menu, a dialog) is up. A
// pointer parked on the board while the user looks elsewhere (the map, the alerts)
// does not hold it forever: at rest, the board catches up. Card contents still repaint; moves wait and are applied on leaving,
// or at once through applyNow() (the "N updates" button). Cards followed after an
// action are exempt: they move to their new column and can be scrolled to.
class OPSDECK_WIDGETS_EXPORT BoardHoldStill final : public QObject
{
    Q_OBJECT
public:
    BoardHoldStill(BoardModel *model, QObject *parent = nullptr);

    void addColumn(BoardColumnModel *column);
    void watch(QObject *area); // Enter/Leave of this widget: the pointer over the board
    void watchUse(QWidget *inside); // moves, clicks and wheel inside it: the pointer in use

    // Holds from the board's own popups; counted, each hold() needs its release().
    void hold();
    void release();
    void setPointerOver(bool over);
    // How long a still pointer keeps holding (restTimer(): tests fire it, never wait).
    static constexpr int kRestMs = 8000;
    QTimer *restTimer() const { return m_rest; }

    bool isHolding() const { return m_pointerOver || m_holds > 0; }
    int pendingUpdates() const; // cards that would arrive, leave or move
    void applyNow();

    void follow(const QStringList &orderIds);
    bool follows(const QString &orderId) const { return m_followed.contains(orderId); }
    void unfollow(const QString &orderId) { m_followed.remove(orderId); }
    const QSet<QString> &followed() const { return m_followed; }

signals:
    void pendingChanged(int updates);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void update();

    BoardModel *m_model;
    std::vector<BoardColumnModel *> m_columns;
    QSet<QString> m_followed;
    QTimer *m_rest;
    QObject *m_area = nullptr;
    std::optional<QPointF> m_lastPointer; // global; tells a real move from Qt's synthetic ones
    bool m_pointerOver = false;
    int m_holds = 0;
};

} // namespace opsdeck::widgets
