#include "StateCountsView.h"

#include "widgets/common/OrderStateStyle.h"
#include "sdk/Rows.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>

namespace opsdeck::widgets {

StateCountsView::StateCountsView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void StateCountsView::setCounts(const QHash<QString, int> &counts)
{
    if (counts == m_counts)
        return;
    m_counts = counts;
    update();
}

QSize StateCountsView::sizeHint() const
{
    const int line = fontMetrics().height() + 6;
    return {300, line * static_cast<int>(sdk::orderStates().size()) + 8};
}

QSize StateCountsView::minimumSizeHint() const
{
    return {160, (fontMetrics().height() + 2) * static_cast<int>(sdk::orderStates().size())};
}

void StateCountsView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const auto &states = sdk::orderStates();
    const QFontMetrics fm = fontMetrics();

    int maxCount = 1;
    int labelWidth = 0;
    for (const auto &state : states) {
        maxCount = std::max(maxCount, m_counts.value(state));
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(stateLabel(state)));
    }
    const QLocale locale;
    const int numberWidth = fm.horizontalAdvance(locale.toString(maxCount)) + 8;
    const int margin = 4;
    // Lines stretch a little with the panel but never into tall slabs.
    const qreal lineHeight = std::clamp<qreal>((height() - 2 * margin) / qreal(states.size()), fm.height() + 2,
                                               fm.height() * 2.0);
    const int barLeft = margin + labelWidth + 8;
    const int barMaxWidth = std::max(10, width() - barLeft - numberWidth - 2 * margin);

    for (int i = 0; i < states.size(); ++i) {
        const QString &state = states.at(i);
        const int n = m_counts.value(state);
        const QRectF line(margin, margin + i * lineHeight, width() - 2 * margin, lineHeight);
        painter.setPen(palette().text().color());
        painter.drawText(QRectF(line.left(), line.top(), labelWidth, line.height()),
                         Qt::AlignVCenter | Qt::AlignLeft, stateLabel(state));
        const qreal barWidth = n > 0 ? std::max(2.0, barMaxWidth * qreal(n) / maxCount) : 0.0;
        const QRectF bar(barLeft, line.top() + line.height() * 0.2, barWidth, line.height() * 0.6);
        painter.fillRect(bar, stateColor(state));
        painter.drawText(QRectF(barLeft + barWidth + 6, line.top(), numberWidth + margin, line.height()),
                         Qt::AlignVCenter | Qt::AlignLeft, locale.toString(n));
    }
}

} // namespace opsdeck::widgets
