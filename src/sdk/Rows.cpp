#include "Rows.h"

#include <QStringList>

namespace opsdeck::sdk {

const QStringList &orderStates()
{
    static const QStringList states{
        QStringLiteral("CREATED"),    QStringLiteral("PAID"),      QStringLiteral("HELD"),
        QStringLiteral("OUT_OF_STOCK"), QStringLiteral("PICKING"), QStringLiteral("DELIVERING"),
        QStringLiteral("EXCEPTION"),  QStringLiteral("RETURNING"), QStringLiteral("CLAIMING"),
        QStringLiteral("SIGNED"),     QStringLiteral("CLOSED"),    QStringLiteral("CANCELLED"),
    };
    return states;
}

bool isFinalState(const QString &state)
{
    return state == QLatin1String("SIGNED") || state == QLatin1String("CLOSED")
        || state == QLatin1String("CANCELLED") || state == QLatin1String(kRetiredState);
}

} // namespace opsdeck::sdk
