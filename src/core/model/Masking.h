#pragma once

#include <QString>

namespace opsdeck::core {

// Masks personal data for roles that do not need it: "13812341234" -> "138****1234",
// "张伟" -> "张*", "Zhang Wei" -> "Z********".
QString maskPhone(const QString &phone);
QString maskName(const QString &name);
QString maskAddress(const QString &address);
// A destination coordinate rounded to about 1 km (two decimals of a degree: 1.1 km of
// latitude, less of longitude away from the equator): enough for a map of where work
// is, not enough to find a door. 0 (no position) stays 0.
double maskCoordinate(double degrees);

} // namespace opsdeck::core
