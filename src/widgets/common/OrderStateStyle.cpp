#include "OrderStateStyle.h"

#include "sdk/CodeLabels.h"
#include "sdk/Rows.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace opsdeck::widgets {

namespace {

struct StateStyle {
    const char *state;
    const char *label; // translated through the "OrderState" context
    QRgb color;
};

// Colours chosen to stay readable as text on a light background; exceptions are red,
// finished orders fade to grey so live work stands out.
constexpr StateStyle kStyles[] = {
    {"CREATED", QT_TRANSLATE_NOOP("OrderState", "Created"), 0x5f6b7a},
    {"PAID", QT_TRANSLATE_NOOP("OrderState", "Paid"), 0x1f5fbf},
    {"HELD", QT_TRANSLATE_NOOP("OrderState", "Held"), 0xb35900},
    {"OUT_OF_STOCK", QT_TRANSLATE_NOOP("OrderState", "Out of stock"), 0xc2410c},
    {"PICKING", QT_TRANSLATE_NOOP("OrderState", "Picking"), 0x7c3aed},
    {"DELIVERING", QT_TRANSLATE_NOOP("OrderState", "Delivering"), 0x0e7490},
    {"EXCEPTION", QT_TRANSLATE_NOOP("OrderState", "Exception"), 0xcf222e},
    {"RETURNING", QT_TRANSLATE_NOOP("OrderState", "Returning"), 0x9a3412},
    {"CLAIMING", QT_TRANSLATE_NOOP("OrderState", "Claiming"), 0xa21caf},
    {"SIGNED", QT_TRANSLATE_NOOP("OrderState", "Signed"), 0x1a7f37},
    {"CLOSED", QT_TRANSLATE_NOOP("OrderState", "Closed"), 0x6e7781},
    {"CANCELLED", QT_TRANSLATE_NOOP("OrderState", "Cancelled"), 0x8c959f},
    {"RETIRED", QT_TRANSLATE_NOOP("OrderState", "Retired by gateway"), 0x8c959f}, // sdk::kRetiredState
};

const StateStyle *find(const QString &state)
{
    for (const auto &s : kStyles) {
        if (state == QLatin1String(s.state))
            return &s;
    }
    return nullptr;
}

} // namespace

QColor stateColor(const QString &state)
{
    const auto *s = find(state);
    return s ? QColor::fromRgb(s->color) : QColor(0x57606a);
}

QString stateLabel(const QString &state)
{
    const auto *s = find(state);
    return s ? QCoreApplication::translate("OrderState", s->label) : sdk::readableCode(state);
}

QString channelLabel(const QString &channel)
{
    return sdk::codeLabel(sdk::CodeFamily::Channel, channel);
}

QString customerNoteLine(const sdk::OrderRow &order, qsizetype maxChars)
{
    if (!order.customerNote.isEmpty()) {
        const bool cut = maxChars > 0 && order.customerNote.size() > maxChars;
        return QCoreApplication::translate("OrderNote", "Customer note: %1")
            .arg(cut ? order.customerNote.left(maxChars) + QChar(0x2026) : order.customerNote);
    }
    if (order.hasCustomerNote)
        return QCoreApplication::translate("OrderNote", "The customer left a note (hidden for your role)");
    return {};
}

QIcon stateIcon(const QString &state)
{
    // Cached per state: data() asks for it once per visible row and repaint.
    static QHash<QString, QIcon> cache;
    auto it = cache.constFind(state);
    if (it != cache.constEnd())
        return *it;
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(stateColor(state));
        painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    }
    return *cache.insert(state, QIcon(pixmap));
}

} // namespace opsdeck::widgets
