#include "MapPalette.h"

#include <QCoreApplication>

namespace opsdeck::widgets {

RiderStatus riderStatusFromWire(const QString &status)
{
    // Called for every fix of every rider: the first letter rules most spellings out.
    if (status.isEmpty())
        return RiderStatus::Unknown;
    if (status == QLatin1String("idle"))
        return RiderStatus::Idle;
    if (status == QLatin1String("to_pickup"))
        return RiderStatus::ToPickup;
    if (status == QLatin1String("delivering"))
        return RiderStatus::Delivering;
    if (status == QLatin1String("break"))
        return RiderStatus::Break;
    if (status == QLatin1String("offline"))
        return RiderStatus::Offline;
    return RiderStatus::Unknown;
}

QString riderStatusLabel(RiderStatus status)
{
    switch (status) {
    case RiderStatus::Offline: return QCoreApplication::translate("MapView", "offline");
    case RiderStatus::Idle: return QCoreApplication::translate("MapView", "idle");
    case RiderStatus::ToPickup: return QCoreApplication::translate("MapView", "to pickup");
    case RiderStatus::Delivering: return QCoreApplication::translate("MapView", "delivering");
    case RiderStatus::Break: return QCoreApplication::translate("MapView", "on break");
    case RiderStatus::Unknown: break;
    }
    return QCoreApplication::translate("MapView", "unknown");
}

const MapPalette &MapPalette::light()
{
    static const MapPalette p{
        QColor(0xf2, 0xef, 0xe9), QColor(0xaa, 0xd3, 0xdf), QColor(0x3b, 0x82, 0xf6, 22), QColor(0x25, 0x63, 0xeb, 215),
        QColor(0xf9, 0xc7, 0x4f), QColor(0xa8, 0x6a, 0x0c), QColor(0xff, 0xff, 0xff), QColor(0x85, 0x7e, 0x73),
        QColor(0xff, 0xff, 0xff), QColor(0x55, 0x55, 0x5f), QColor(0x1e, 0x3a, 0x8a), QColor(0x1e, 0x29, 0x3b),
        QColor(255, 255, 255, 220), QColor(0x9c, 0x6b, 0x30), QColor(255, 255, 255, 240), QColor(0x1f, 0x29, 0x37),
        QColor(0xcb, 0xd5, 0xe1), QColor(0x7c, 0x3a, 0xed, 200), QColor(0x05, 0x96, 0x69, 220), QColor(0x33, 0x41, 0x55, 225),
        QColor(0xff, 0xff, 0xff)};
    return p;
}

const MapPalette &MapPalette::dark()
{
    static const MapPalette p{
        QColor(0x1a, 0x1d, 0x23), QColor(0x1f, 0x2d, 0x3d), QColor(0x60, 0xa5, 0xfa, 34), QColor(0x60, 0xa5, 0xfa, 180),
        QColor(0xa0, 0x7f, 0x38), QColor(0x4a, 0x3a, 0x1a), QColor(0x74, 0x7c, 0x8a), QColor(0x2a, 0x2f, 0x38),
        QColor(0x33, 0x39, 0x42), QColor(0xa0, 0xa6, 0xb0), QColor(0x93, 0xc5, 0xfd), QColor(0xe5, 0xe7, 0xeb),
        QColor(0x11, 0x14, 0x18, 220), QColor(0xd9, 0xa0, 0x5b), QColor(0x24, 0x28, 0x30, 240), QColor(0xe5, 0xe7, 0xeb),
        QColor(0x4b, 0x55, 0x63), QColor(0xc4, 0xb5, 0xfd, 200), QColor(0x34, 0xd3, 0x99, 220), QColor(0xe5, 0xe7, 0xeb, 225),
        QColor(0x11, 0x18, 0x27)};
    return p;
}

QColor MapPalette::statusColor(RiderStatus status)
{
    switch (status) {
    case RiderStatus::Idle: return QColor(0x16, 0xa3, 0x4a);       // green: free to take work
    case RiderStatus::ToPickup: return QColor(0xf5, 0x9e, 0x0b);   // amber: heading to a merchant
    case RiderStatus::Delivering: return QColor(0x25, 0x63, 0xeb); // blue: carrying orders
    case RiderStatus::Break: return QColor(0x93, 0x33, 0xea);      // purple
    case RiderStatus::Offline: return QColor(0x6b, 0x72, 0x80);    // grey
    case RiderStatus::Unknown: break;
    }
    return QColor(0x9c, 0xa3, 0xaf);
}

QColor MapPalette::staleColor()
{
    return QColor(0xb8, 0xbc, 0xc4);
}

QColor MapPalette::alertColor()
{
    return QColor(0xdc, 0x26, 0x26);
}

} // namespace opsdeck::widgets
