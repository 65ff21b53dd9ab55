#pragma once

#include "widgets/WidgetsExport.h"

#include <QObject>
#include <QSet>
#include <QString>

#include <vector>

namespace opsdeck::widgets {

class BoardColumnModel;
class BoardModel;

// Keeps the board's cards where they are while the user aims at them: the columns are
// frozen while the pointer is over `area` or while something the board opened (a menu,
// a dialog) is up. Card contents still repaint; moves wait and are applied on leaving,
// or at once through applyNow() (the "N updates" button). Cards followed after an
// action are exempt: they move to their new column and can be scrolled to.
class OPSDECK_WIDGETS_EXPORT BoardHoldStill final : public QObject
{
    Q_OBJECT
public:
    BoardHoldStill(BoardModel *model, QObject *parent = nullptr);

    void addColumn(BoardColumnModel *column);
    void watch(QObject *area); // Enter/Leave of this widget: the pointer over the board

    // Holds from the board's own popups; counted, each hold() needs its release().
    void hold();
    void release();
    void setPointerOver(bool over);

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
    bool m_pointerOver = false;
    int m_holds = 0;
};

} // namespace opsdeck::widgets
