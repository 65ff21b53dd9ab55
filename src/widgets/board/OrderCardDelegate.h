#pragma once

#include "BoardModel.h"
#include "widgets/WidgetsExport.h"

#include <QColor>
#include <QList>
#include <QStyledItemDelegate>

#include <functional>

namespace opsdeck::sdk {
struct OrderRow;
}

namespace opsdeck::widgets {

// Paints one order card (no widget per card): id, channel glyph and flags (customer
// note, priority, suspicious) on top;
// merchant and rider; customer (already masked by the host for roles that must not see
// it); promised time with the SLA ramp (green on time, amber within 10 min, red with
// minutes late); exception / hold reason; the action mark (pending, unconfirmed...).
class OPSDECK_WIDGETS_EXPORT OrderCardDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int kCardHeight = 92;
    static constexpr int kMinIdWidth = 56; // room the order id keeps at the least (it is never elided)

    OrderCardDelegate(const BoardModel *model, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // "12 min left", "7 min late" — the SLA text of a card.
    static QString slaText(qint64 promisedAtMs, qint64 nowMs);
    // "7m", "1h05m", "3d" — how long a card has been in its state.
    static QString ageText(qint64 ms);

    // The flags a card shows, in the order they are painted from the right edge.
    struct Flag {
        QString text;  // the word, when the card has room
        QString glyph; // what is drawn when it has not ("!!", "?", "✎")
        QColor colour;
    };
    static QList<Flag> flags(const sdk::OrderRow &order);

    // Line 1 as laid out in `width` px right of the channel glyph: the whole order id
    // (never elided: it is read out on the phone), then the badges that fit beside it,
    // right to left: the action mark (a glyph when its word does not fit), then the flags
    // (words when all fit, else glyphs). What does not fit is in the tooltip.
    struct Badge {
        QString text;
        QColor colour;
    };
    struct IdLine {
        QString id;
        QFont font; // fitIdFont(): the whole id fits

        QList<Badge> badges; // in painting order, from the right edge
    };
    // The id's font at this width: the card's bold, made smaller (down to 8 px) and then
    // narrower until the whole id fits. An id is never elided: in a narrow column the
    // font gives way, as the badges do.
    // Line 4's promised time beside the whole SLA text ("29 min left"): "due 11:23", or
    // "11:23", or nothing when the column is too narrow for both.
    static QString promisedText(const QFont &font, const QFont &slaFont, qreal width, const QString &promised,
                                const QString &sla);
    static QFont fitIdFont(const QFont &bold, const QString &id, qreal width);
    static IdLine layoutIdLine(const QFont &idFont, const QFont &badgeFont, qreal width, const BoardModel::Card &card,
                               qint64 nowMs);
    // Line 3: the customer with the whole phone number (its last digits are what an agent
    // searched by): the name gives way first, then the reason on the right.
    struct CustomerLine {
        QString customer;
        qreal customerWidth = 0;
        QString note; // already elided to what is left
    };
    static CustomerLine layoutCustomerLine(const QFont &font, const QFont &noteFont, qreal width, const QString &name,
                                           const QString &phone, const QString &note);

private:
    const BoardModel *m_model;
};

} // namespace opsdeck::widgets
