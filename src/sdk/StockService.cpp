#include "StockService.h"

#include <QStringList>
#include <QTime>

#include <algorithm>

namespace opsdeck::sdk {

StockService::StockService(QObject *parent) : QObject(parent) {}

StockService::~StockService() = default;

QString StockService::applyStockSettings(const StockSettingsValues &values)
{
    (void)values;
    return tr("This console keeps no stock settings.");
}

QList<int> parseSlotList(const QString &text, QString *error)
{
    QList<int> out;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &raw : parts) {
        const QString part = raw.trimmed();
        const QTime time = QTime::fromString(part, QStringLiteral("H:mm"));
        if (!time.isValid()) {
            if (error)
                *error = StockService::tr("\"%1\" is not a time of day (HH:MM, e.g. 06:00).").arg(part);
            return {};
        }
        const int minute = time.hour() * 60 + time.minute();
        if (out.contains(minute)) {
            if (error)
                *error = StockService::tr("%1 is listed twice.").arg(part);
            return {};
        }
        out.append(minute);
    }
    if (out.isEmpty() && error)
        *error = StockService::tr("At least one delivery slot is needed.");
    std::sort(out.begin(), out.end());
    return out;
}

QString slotListText(const QList<int> &slotMinutes)
{
    QStringList parts;
    for (int minute : slotMinutes)
        parts << QTime(minute / 60, minute % 60).toString(QStringLiteral("HH:mm"));
    return parts.join(QStringLiteral(", "));
}

QString validateStockSettings(const StockSettingsValues &values)
{
    // A target beyond two weeks or a low line beyond one is a typo, not a policy.
    if (!(values.targetCoverHours > 0.0 && values.targetCoverHours <= 14 * 24))
        return StockService::tr("The target cover must be more than 0 and at most 336 hours (14 days).");
    if (!(values.lowCoverHours >= 0.0 && values.lowCoverHours <= 7 * 24))
        return StockService::tr("The low line must be between 0 and 168 hours (7 days).");
    if (values.lowCoverHours >= values.targetCoverHours)
        return StockService::tr("The low line must be under the target cover.");
    if (values.slotMinutes.isEmpty())
        return StockService::tr("At least one delivery slot is needed.");
    for (int minute : values.slotMinutes)
        if (minute < 0 || minute >= 24 * 60)
            return StockService::tr("A delivery slot is not a time of day.");
    return {};
}

void StockService::exportCsv(const QString &path)
{
    emit exportFinished(path, false, 0, tr("This console cannot export stock."));
}

} // namespace opsdeck::sdk
