#include "KpiTile.h"

#include "widgets/common/ThemeColors.h"

#include <QFontMetrics>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace opsdeck::widgets {

KpiTile::KpiTile(const QString &kpiId, const QString &caption, QWidget *parent)
    : QWidget(parent), m_kpiId(kpiId), m_caption(caption)
{
    setObjectName(QStringLiteral("kpiTile_") + kpiId);
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_Hover);
    setAccessibleName(caption);
    setToolTip(tr("Show the orders behind this figure on the board"));
    // The tile paints every pixel of its rectangle: nothing underneath is redrawn with it.
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_captionFont = font();
    m_captionFont.setPointSizeF(8.5);
    m_valueFont = font();
    m_valueFont.setPointSizeF(18);
    m_valueFont.setBold(true);
    m_trendFont = font();
    m_trendFont.setPointSizeF(8);
    m_detailFont = font();
    m_detailFont.setPointSizeF(9);
}

void KpiTile::setValue(const QString &value, KpiGrade grade, const QString &trend, int direction, bool improving)
{
    if (value == m_value && grade == m_grade && trend == m_trend && direction == m_direction && improving == m_improving)
        return; // a live tick repaints only what changed
    m_value = value;
    m_grade = grade;
    m_trend = trend;
    m_direction = direction;
    m_improving = improving;
    setAccessibleDescription(value + QLatin1Char(' ') + m_detail + QLatin1Char(' ') + trend);
    update();
}

void KpiTile::setDetail(const QString &detail)
{
    if (detail == m_detail)
        return;
    m_detail = detail;
    setAccessibleDescription(m_value + QLatin1Char(' ') + detail + QLatin1Char(' ') + m_trend);
    update();
}

QSize KpiTile::sizeHint() const
{
    return {196, 92};
}

QSize KpiTile::minimumSizeHint() const
{
    return {130, 84};
}

const QPixmap &KpiTile::card()
{
    // The dashboard's ground (KpiDashboardWidget paints the same) round the corners.
    const QColor window = laneColor(palette());
    const qreal dpr = devicePixelRatioF();
    const CardKey key{size(), dpr, m_hover, hasFocus(), m_grade, window.rgba()};
    if (key == m_cardKey && !m_card.isNull())
        return m_card;
    m_cardKey = key;
    m_card = QPixmap(size() * dpr);
    m_card.setDevicePixelRatio(dpr);
    m_card.fill(window);
    QPainter p(&m_card);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(1.5, 1.5, -1.5, -1.5);
    QPainterPath path;
    path.addRoundedRect(r, 6, 6);
    const QPalette &pal = palette();
    p.fillPath(path, m_hover ? blend(cardColor(pal), pal.color(QPalette::Highlight), 0.06) : cardColor(pal));
    p.setPen(QPen(hasFocus() ? pal.highlight().color() : borderColor(pal), 1));
    p.drawPath(path);
    p.save();
    p.setClipPath(path);
    p.fillRect(QRectF(r.left(), r.top(), 5, r.height()), gradeColor(m_grade));
    p.restore();
    const qreal left = r.left() + 14;
    const qreal width = r.width() - 20;
    p.setFont(m_captionFont);
    p.setPen(blend(pal.color(QPalette::Text), cardColor(pal), 0.25));
    p.drawText(QRectF(left, r.top() + 6, width, 18), Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(m_caption.toUpper(), Qt::ElideRight, static_cast<int>(width)));
    return m_card;
}

void KpiTile::paintEvent(QPaintEvent *)
{
    const QPixmap &background = card();
    QPainter p(this);
    p.drawPixmap(0, 0, background);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(1.5, 1.5, -1.5, -1.5);
    const QPalette &pal = palette();
    const QColor accent = readableOn(pal, gradeColor(m_grade));

    const qreal left = r.left() + 14;
    const qreal width = r.width() - 20;
    p.setFont(m_valueFont);
    p.setPen(m_grade == KpiGrade::Unknown || !m_gradeOnValue ? pal.color(QPalette::Text) : accent);
    const QRectF valueRow(left, r.top() + 24, width, 34);
    const qreal baseline = valueRow.center().y() + (p.fontMetrics().ascent() - p.fontMetrics().descent()) / 2.0;
    const qreal valueW = std::min<qreal>(width, p.fontMetrics().horizontalAdvance(m_value));
    p.drawText(QPointF(left, baseline), p.fontMetrics().elidedText(m_value, Qt::ElideRight, static_cast<int>(width)));
    if (!m_detail.isEmpty()) {
        // On the value's baseline, smaller and grey: a figure of its own, not more digits.
        // A narrow tile sets it smaller (down to 7 pt) before it cuts it.
        const qreal x0 = left + valueW + 8;
        const int room = static_cast<int>(std::max<qreal>(0, r.right() - 6 - x0));
        QFont detailFont = m_detailFont;
        while (detailFont.pointSizeF() > 7.0 && QFontMetrics(detailFont).horizontalAdvance(m_detail) > room)
            detailFont.setPointSizeF(detailFont.pointSizeF() - 0.5);
        p.setFont(detailFont);
        p.setPen(blend(pal.color(QPalette::Text), cardColor(pal), 0.25));
        p.drawText(QPointF(x0, baseline), p.fontMetrics().elidedText(m_detail, Qt::ElideRight, room));
    }

    p.setFont(m_trendFont);
    qreal x = left;
    const QRectF trendRow(left, r.bottom() - 24, width, 18);
    if (m_direction != 0) {
        const QColor arrowColor = m_improving ? gradeColor(KpiGrade::Good) : gradeColor(KpiGrade::Bad);
        const qreal cy = trendRow.center().y();
        QPolygonF arrow;
        if (m_direction > 0)
            arrow << QPointF(x, cy + 4) << QPointF(x + 9, cy + 4) << QPointF(x + 4.5, cy - 4);
        else
            arrow << QPointF(x, cy - 4) << QPointF(x + 9, cy - 4) << QPointF(x + 4.5, cy + 4);
        p.setPen(Qt::NoPen);
        p.setBrush(arrowColor);
        p.drawPolygon(arrow);
        x += 14;
    }
    p.setPen(mutedTextColor(pal));
    p.drawText(QRectF(x, trendRow.top(), trendRow.right() - x, trendRow.height()), Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(m_trend, Qt::ElideRight, static_cast<int>(trendRow.right() - x)));
}

void KpiTile::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit clicked(m_kpiId);
    QWidget::mouseReleaseEvent(event);
}

void KpiTile::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) {
        emit clicked(m_kpiId);
        return;
    }
    QWidget::keyPressEvent(event);
}

void KpiTile::enterEvent(QEnterEvent *event)
{
    m_hover = true;
    update();
    QWidget::enterEvent(event);
}

void KpiTile::leaveEvent(QEvent *event)
{
    m_hover = false;
    update();
    QWidget::leaveEvent(event);
}

} // namespace opsdeck::widgets
