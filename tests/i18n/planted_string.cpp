// Not compiled: the translations check's own test adds this file to lupdate's sources. Its
// string is in no catalogue, so the check must name it and fail.
#include <QCoreApplication>

QString plantedString()
{
    return QCoreApplication::translate("PlantedForTheCheck", "A planted string that no catalogue holds");
}
