#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace opsdeck::sdk {
struct OrderRow;
}

namespace opsdeck::widgets {

// How an order state looks everywhere in the console, so the board, counts and any
// later view agree. Unknown states get a neutral grey rather than failing.
QColor stateColor(const QString &state);
QString stateLabel(const QString &state); // translated ("Delivering" / "配送中")
QIcon stateIcon(const QString &state);    // small coloured dot, cached
QString channelLabel(const QString &channel); // translated ("fresh" → "Fresh" / "生鲜"); unknown readably
// "Customer note: …" (cut to maxChars of note when > 0), or that there is one the role
// may not read, or empty: the same words on the card's tooltip and the order detail.
QString customerNoteLine(const sdk::OrderRow &order, qsizetype maxChars = 0);

} // namespace opsdeck::widgets
