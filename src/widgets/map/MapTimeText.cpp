#include "MapTimeText.h"

#include <QDateTime>
#include <QLocale>

namespace opsdeck::widgets {

namespace {

// The locale's long time format without its time-zone field: the long form is the one
// with seconds in every locale ("HH:mm:ss t", "h:mm:ss AP t", "t HH:mm:ss"), and the
// zone ("UTC") is what made the replay read differently from the rest of the console.
QString timeWithSeconds(const QLocale &locale)
{
    const QString long_ = locale.timeFormat(QLocale::LongFormat);
    QString out;
    bool quoted = false;
    for (const QChar c : long_) {
        if (c == QLatin1Char('\''))
            quoted = !quoted;
        if (!quoted && c == QLatin1Char('t'))
            continue;
        out += c;
    }
    return out.simplified();
}

} // namespace

QString mapTimeText(qint64 atMs, qint64 nowMs, const QLocale &locale)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(atMs); // local time
    const QString time = locale.toString(at.time(), timeWithSeconds(locale));
    if (at.date() == QDateTime::fromMSecsSinceEpoch(nowMs).date())
        return time;
    return locale.toString(at.date(), QLocale::ShortFormat) + QLatin1Char(' ') + time;
}

QString mapTimeText(qint64 atMs, qint64 nowMs)
{
    return mapTimeText(atMs, nowMs, QLocale());
}

} // namespace opsdeck::widgets
