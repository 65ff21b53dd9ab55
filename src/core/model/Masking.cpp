#include "Masking.h"

#include <QList>

#include <algorithm>
#include <cmath>

namespace opsdeck::core {

QString maskPhone(const QString &phone)
{
    if (phone.size() <= 7)
        return QString(phone.size(), QLatin1Char('*'));
    const qsizetype hidden = phone.size() - 7;
    return phone.left(3) + QString(hidden, QLatin1Char('*')) + phone.right(4);
}

QString maskName(const QString &name)
{
    if (name.isEmpty())
        return name;
    // Keep the first character (the family name in Chinese), hide the rest.
    const QList<uint> chars = name.toUcs4();
    const char32_t first = chars.front();
    QString out = QString::fromUcs4(&first, 1);
    out += QString(std::max<qsizetype>(1, chars.size() - 1), QLatin1Char('*'));
    return out;
}

QString maskAddress(const QString &address)
{
    // The district part (up to the first digit) stays readable; the street number
    // and everything after it are hidden.
    qsizetype cut = 0;
    while (cut < address.size() && !address.at(cut).isDigit())
        ++cut;
    if (cut == address.size())
        cut = std::min<qsizetype>(address.size(), 6);
    return address.left(cut) + QStringLiteral("****");
}

double maskCoordinate(double degrees)
{
    return std::round(degrees * 100.0) / 100.0;
}

} // namespace opsdeck::core
