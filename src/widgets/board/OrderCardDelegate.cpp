#include "OrderCardDelegate.h"

#include "BoardColumnModel.h"
#include "BoardFilter.h"
#include "BoardModel.h"

#include "widgets/common/ThemeColors.h"
#include "sdk/CodeLabels.h"
#include "sdk/Rows.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace opsdeck::widgets {

namespace {

QColor slaColor(SlaLevel level)
{
    switch (level) {
    case SlaLevel::OnTime: return QColor(0x2e, 0x9d, 0x5b);
    case SlaLevel::AtRisk: return QColor(0xe0, 0x9b, 0x16);
    case SlaLevel::Late: return QColor(0xd6, 0x3b, 0x3b);
    case SlaLevel::None: break;
    }
    return QColor(0xa0, 0xa7, 0xb0);
}

// A small painted glyph per channel, so the card needs no image files.
void paintChannel(QPainter *p, const QRectF &r, const QString &channel)
{
    p->save();
    p->setPen(Qt::NoPen);
    QColor c(0x7a, 0x84, 0x90);
    QString letter = QStringLiteral("?");
    if (channel == QLatin1String("fresh")) {
        c = QColor(0x3a, 0xa8, 0x5f);
        letter = QStringLiteral("F");
    } else if (channel == QLatin1String("campus")) {
        c = QColor(0x3b, 0x7d, 0xd8);
        letter = QStringLiteral("C");
    } else if (channel == QLatin1String("errand")) {
        c = QColor(0xe0, 0x7b, 0x2c);
        letter = QStringLiteral("E");
    }
    p->setBrush(c);
    p->drawRoundedRect(r, 3, 3);
    p->setPen(Qt::white);
    QFont f = p->font();
    f.setBold(true);
    f.setPixelSize(static_cast<int>(r.height() * 0.7));
    p->setFont(f);
    p->drawText(r, Qt::AlignCenter, letter);
    p->restore();
}

// Words get a roomy pill; a one- or two-character glyph a snug one.
qreal badgeWidth(const QFontMetrics &fm, const QString &text)
{
    return fm.horizontalAdvance(text) + (text.size() <= 2 ? 6 : 10);
}

// Paints a pill ending at right's right edge and moves that edge left past it; a pill
// that would reach left of minLeft is not painted (false).
bool paintBadge(QPainter *p, QRectF &right, const QString &text, const QColor &bg, qreal minLeft)
{
    const qreal w = badgeWidth(QFontMetrics(p->font()), text);
    if (right.right() - w < minLeft)
        return false;
    const QRectF r(right.right() - w, right.top(), w, right.height());
    p->setPen(Qt::NoPen);
    p->setBrush(bg);
    p->drawRoundedRect(r, r.height() / 2, r.height() / 2);
    p->setPen(Qt::white);
    p->drawText(r, Qt::AlignCenter, text);
    right.setRight(r.left() - 4);
    return true;
}

// What every line of a card is painted with.
struct CardStyle {
    qreal left = 0;
    qreal right = 0;
    int line = 17;
    QFont base;
    QFont bold;
    QFont small;
    QColor text;
    QColor muted;
    QColor reason; // a hold or exception reason
    QColor alarm;  // why the last action failed
    QPalette palette;
};

CardStyle cardStyle(const QRectF &r, const QFont &font, const QPalette &palette)
{
    CardStyle s;
    s.palette = palette;
    s.text = palette.color(QPalette::Text);
    s.muted = mutedTextColor(palette);
    s.reason = readableOn(palette, QColor(0xb0, 0x4a, 0x2f));
    s.alarm = readableOn(palette, QColor(0xd6, 0x3b, 0x3b));
    s.left = r.left() + 12;
    s.right = r.right() - 8;
    s.base = font;
    s.base.setPixelSize(12);
    s.bold = s.base;
    s.bold.setBold(true);
    s.small = s.base;
    s.small.setPixelSize(11);
    return s;
}

// The card's rounded frame with the SLA strip on its left edge; returns the card's rectangle.
QRectF paintFrame(QPainter *painter, const QStyleOptionViewItem &option, SlaLevel level)
{
    // Cards fill the column: a vertical scroll bar appearing later narrows the viewport
    // below the (cached, uniform) item width, so clamp to what is visible.
    QRect itemRect = option.rect;
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        itemRect.setRight(std::min(itemRect.right(), view->viewport()->width() - 1));
    const QRectF r = QRectF(itemRect).adjusted(4, 3, -4, -3);
    const bool selected = option.state & QStyle::State_Selected;
    QPainterPath path;
    path.addRoundedRect(r, 6, 6);
    const QPalette &pal = option.palette;
    const QColor accent = pal.color(QPalette::Highlight);
    painter->fillPath(path, selected ? blend(cardColor(pal), accent, 0.16) : cardColor(pal));
    painter->setPen(QPen(selected ? accent : borderColor(pal), selected ? 1.5 : 1));
    painter->drawPath(path);
    // SLA strip on the left edge.
    painter->save();
    painter->setClipPath(path);
    painter->fillRect(QRectF(r.left(), r.top(), 4, r.height()), slaColor(level));
    painter->restore();
    return r;
}

// Line 1: channel, the whole id, badges on the right (OrderCardDelegate::layoutIdLine).
void paintIdLine(QPainter *painter, const CardStyle &s, qreal y, const BoardModel::Card &card, qint64 now)
{
    const sdk::OrderRow &o = card.row;
    paintChannel(painter, QRectF(s.left, y + 2, 13, 13), o.channel);
    const qreal idLeft = s.left + 18;
    const OrderCardDelegate::IdLine line = OrderCardDelegate::layoutIdLine(s.bold, s.small, s.right - idLeft, card, now);
    painter->setFont(s.small);
    QRectF badges(idLeft, y + 1, s.right - idLeft, 15);
    const qreal idRight = idLeft + QFontMetricsF(line.font).horizontalAdvance(line.id) + 2;
    for (const OrderCardDelegate::Badge &badge : line.badges)
        if (!paintBadge(painter, badges, badge.text, badge.colour, idRight))
            break;
    painter->setFont(line.font);
    painter->setPen(s.text);
    painter->drawText(QRectF(idLeft, y, s.right - idLeft, s.line), Qt::AlignLeft | Qt::AlignVCenter, line.id);
}

// Line 2: merchant · rider.
void paintMerchantLine(QPainter *painter, const CardStyle &s, qreal y, const sdk::OrderRow &o, qint64 now)
{
    painter->setFont(s.base);
    painter->setPen(s.muted);
    const QString rider = o.riderId.isEmpty() ? OrderCardDelegate::tr("no rider") : o.riderId;
    qreal ageWidth = 0;
    if (o.stateSinceMs > 0 && now >= o.stateSinceMs) {
        // Age in the current state: how long the card has sat in this column.
        painter->setFont(s.small);
        const QString age = OrderCardDelegate::tr("%1 in state").arg(OrderCardDelegate::ageText(now - o.stateSinceMs));
        ageWidth = painter->fontMetrics().horizontalAdvance(age) + 8;
        painter->drawText(QRectF(s.left, y, s.right - s.left, s.line), Qt::AlignRight | Qt::AlignVCenter, age);
        painter->setFont(s.base);
    }
    painter->drawText(QRectF(s.left, y, s.right - s.left - ageWidth, s.line), Qt::AlignLeft | Qt::AlignVCenter,
                      painter->fontMetrics().elidedText(OrderCardDelegate::tr("%1 · %2").arg(o.merchantId, rider),
                                                        Qt::ElideRight, static_cast<int>(s.right - s.left - ageWidth)));
}

// Line 3: customer (masked by the host when the role must not see it) with the whole
// phone; on the right the hold / exception reason, or why the last action failed.
void paintCustomerLine(QPainter *painter, const CardStyle &s, qreal y, const BoardModel::Card &card)
{
    const sdk::OrderRow &o = card.row;
    const QString note = !card.markText.isEmpty() ? card.markText : sdk::codeLabel(sdk::CodeFamily::Reason, o.lastReason);
    const OrderCardDelegate::CustomerLine line =
        OrderCardDelegate::layoutCustomerLine(s.base, s.small, s.right - s.left, o.customerName, o.customerPhone, note);
    painter->setPen(s.text);
    painter->drawText(QRectF(s.left, y, line.customerWidth + 1, s.line), Qt::AlignLeft | Qt::AlignVCenter,
                      line.customer);
    if (!line.note.isEmpty()) {
        painter->setFont(s.small);
        painter->setPen(card.markText.isEmpty() ? s.reason : s.alarm);
        const qreal noteX = s.left + line.customerWidth + 8;
        painter->drawText(QRectF(noteX, y, s.right - noteX, s.line), Qt::AlignRight | Qt::AlignVCenter, line.note);
    }
}

// Line 4: promised time and the SLA ramp.
void paintPromiseLine(QPainter *painter, const CardStyle &s, qreal y, const sdk::OrderRow &o, SlaLevel level,
                      qint64 now)
{
    painter->setFont(s.small);
    const QString promised = o.promisedAtMs > 0
        ? QDateTime::fromMSecsSinceEpoch(o.promisedAtMs).toString(QStringLiteral("HH:mm"))
        : QStringLiteral("--:--");
    // The time left is what the dispatcher reads: in a narrow column the promised time
    // gives way ("due 11:23", then "11:23", then nothing), never the SLA text.
    QFont sf = s.small;
    sf.setBold(level != SlaLevel::OnTime);
    const QString sla = level != SlaLevel::None ? OrderCardDelegate::slaText(o.promisedAtMs, now) : QString();
    const QString promisedText = OrderCardDelegate::promisedText(s.small, sf, s.right - s.left, promised, sla);
    painter->setPen(s.muted);
    painter->drawText(QRectF(s.left, y, s.right - s.left, s.line), Qt::AlignLeft | Qt::AlignVCenter, promisedText);
    const qreal slaX = promisedText.isEmpty() ? s.left : s.left + painter->fontMetrics().horizontalAdvance(promisedText) + 8;
    if (!sla.isEmpty()) {
        painter->setPen(readableOn(s.palette, slaColor(level)));
        painter->setFont(sf);
        painter->drawText(QRectF(slaX, y, s.right - slaX, s.line), Qt::AlignLeft | Qt::AlignVCenter, sla);
    }
}

} // namespace

QString OrderCardDelegate::ageText(qint64 ms)
{
    const qint64 minutes = ms / 60000;
    if (minutes < 60)
        return tr("%1m").arg(minutes);
    if (minutes < 48 * 60)
        return tr("%1h%2m").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return tr("%1d").arg(minutes / (24 * 60));
}

QList<OrderCardDelegate::Flag> OrderCardDelegate::flags(const sdk::OrderRow &order)
{
    QList<Flag> out;
    if (order.lastReason.contains(QLatin1String("suspicious")))
        out.push_back({tr("suspicious"), QStringLiteral("?"), QColor(0x8e, 0x44, 0xad)});
    if (order.priority >= sdk::kPriorityUrgent)
        out.push_back({tr("urgent"), QStringLiteral("!!"), QColor(0xd6, 0x3b, 0x3b)});
    else if (order.priority == sdk::kPriorityHigh)
        out.push_back({tr("priority"), QStringLiteral("!"), QColor(0xe0, 0x7b, 0x2c)});
    // The flag only: the note itself may be personal, and it is in the tooltip and
    // the detail panel for the roles that may read it.
    if (order.hasCustomerNote)
        out.push_back({tr("note"), QStringLiteral("\u270E"), QColor(0x14, 0x8a, 0x8c)});
    return out;
}

namespace {

// The mark of the card's last action: its word, the glyph it shrinks to, its colour;
// empty when there is none to show.
OrderCardDelegate::Flag markBadge(const BoardModel::Card &card, qint64 now)
{
    switch (card.mark) {
    case BoardModel::Mark::Pending:
        return {OrderCardDelegate::tr("pending"), QStringLiteral("\u22EF"), QColor(0x3b, 0x7d, 0xd8)};
    case BoardModel::Mark::Confirmed:
        if (now - card.markAtMs < BoardModel::kConfirmedShownMs)
            return {OrderCardDelegate::tr("confirmed"), QStringLiteral("\u2713"), QColor(0x2e, 0x9d, 0x5b)};
        break;
    case BoardModel::Mark::Unconfirmed:
        return {OrderCardDelegate::tr("unconfirmed"), QStringLiteral("?"), QColor(0xe0, 0x9b, 0x16)};
    case BoardModel::Mark::Refused:
        return {OrderCardDelegate::tr("refused"), QStringLiteral("\u2715"), QColor(0xd6, 0x3b, 0x3b)};
    case BoardModel::Mark::None: break;
    }
    return {};
}

} // namespace

QString OrderCardDelegate::promisedText(const QFont &font, const QFont &slaFont, qreal width, const QString &promised,
                                        const QString &sla)
{
    const qreal slaWidth = sla.isEmpty() ? 0 : QFontMetricsF(slaFont).horizontalAdvance(sla) + 8;
    const qreal room = width - slaWidth;
    const QFontMetricsF fm(font);
    const QString due = tr("due %1").arg(promised);
    if (fm.horizontalAdvance(due) <= room)
        return due;
    return fm.horizontalAdvance(promised) <= room ? promised : QString();
}

QFont OrderCardDelegate::fitIdFont(const QFont &bold, const QString &id, qreal width)
{
    QFont font = bold;
    const auto fits = [&font, &id, width] { return QFontMetricsF(font).horizontalAdvance(id) <= width; };
    for (int px = font.pixelSize() > 0 ? font.pixelSize() : 12; !fits() && px > 8;)
        font.setPixelSize(--px);
    for (int stretch = 95; !fits() && stretch >= 60; stretch -= 5)
        font.setStretch(stretch);
    return font;
}

OrderCardDelegate::IdLine OrderCardDelegate::layoutIdLine(const QFont &boldFont, const QFont &badgeFont, qreal width,
                                                          const BoardModel::Card &card, qint64 nowMs)
{
    IdLine line;
    line.id = card.row.orderId;
    line.font = fitIdFont(boldFont, line.id, width);
    const QFont &idFont = line.font;
    const QFontMetricsF badgeMetrics(badgeFont);
    const auto pill = [&badgeMetrics](const QString &text) {
        return badgeMetrics.horizontalAdvance(text) + (text.size() <= 2 ? 6 : 10) + 4;
    };
    // Badges may use what the id leaves, and the id is never shortened for them.
    qreal room = width - QFontMetricsF(idFont).horizontalAdvance(line.id) - 4;
    if (const Flag mark = markBadge(card, nowMs); !mark.text.isEmpty()) {
        const QString text = pill(mark.text) <= room ? mark.text : mark.glyph;
        if (pill(text) <= room) {
            line.badges.push_back({text, mark.colour});
            room -= pill(text);
        }
    }
    const QList<Flag> cardFlags = flags(card.row);
    qreal fullWidth = 0;
    for (const Flag &flag : cardFlags)
        fullWidth += pill(flag.text);
    const bool compact = fullWidth > room;
    for (const Flag &flag : cardFlags) {
        const QString text = compact ? flag.glyph : flag.text;
        if (pill(text) > room)
            break;
        line.badges.push_back({text, flag.colour});
        room -= pill(text);
    }
    return line;
}

OrderCardDelegate::CustomerLine OrderCardDelegate::layoutCustomerLine(const QFont &font, const QFont &noteFont,
                                                                      qreal width, const QString &name,
                                                                      const QString &phone, const QString &note)
{
    const QFontMetricsF fm(font);
    CustomerLine line;
    const QString full = tr("%1  %2").arg(name, phone);
    const qreal phoneWidth = fm.horizontalAdvance(tr("%1  %2").arg(QString(), phone));
    // The customer takes what it needs, up to 60 % of the line when a reason shares it,
    // and never less than the whole phone; the name is shortened inside that, the reason
    // gets the rest.
    const qreal share = note.isEmpty() ? width : width * 0.6;
    line.customerWidth = std::max(std::min(fm.horizontalAdvance(full), share), std::min(phoneWidth, width));
    if (fm.horizontalAdvance(full) <= line.customerWidth + 0.5) {
        line.customer = full;
    } else {
        const QString shortName = fm.elidedText(name, Qt::ElideRight, std::max<qreal>(0, line.customerWidth - phoneWidth));
        line.customer = tr("%1  %2").arg(shortName, phone);
    }
    const qreal noteWidth = width - line.customerWidth - 8;
    if (!note.isEmpty() && noteWidth > 0)
        line.note = QFontMetricsF(noteFont).elidedText(note, Qt::ElideRight, noteWidth);
    return line;
}

OrderCardDelegate::OrderCardDelegate(const BoardModel *model, QObject *parent)
    : QStyledItemDelegate(parent), m_model(model)
{
}

QSize OrderCardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    (void)index;
    return {qMax(option.rect.width(), 200), kCardHeight};
}

QString OrderCardDelegate::slaText(qint64 promisedAtMs, qint64 nowMs)
{
    if (!core::hasPromise(promisedAtMs))
        return {};
    if (const qint64 late = core::lateByMs(promisedAtMs, nowMs); late > 0)
        return tr("%n min late", nullptr, static_cast<int>((late + 59999) / 60000));
    return tr("%n min left", nullptr, static_cast<int>((promisedAtMs - nowMs) / 60000));
}

void OrderCardDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto *column = qobject_cast<const BoardColumnModel *>(index.model());
    if (!column || !index.isValid())
        return;
    const BoardModel::Card &card = m_model->card(column->sourceRow(index.row()));
    const sdk::OrderRow &o = card.row;
    const qint64 now = m_model->now();
    const SlaLevel level = slaLevel(o, now);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF r = paintFrame(painter, option, level);
    const CardStyle style = cardStyle(r, option.font, option.palette);
    qreal y = r.top() + 5;
    paintIdLine(painter, style, y, card, now);
    y += style.line;
    paintMerchantLine(painter, style, y, o, now);
    y += style.line;
    paintCustomerLine(painter, style, y, card);
    y += style.line;
    paintPromiseLine(painter, style, y, o, level, now);
    painter->restore();
}

} // namespace opsdeck::widgets
