#pragma once

#include <QString>

namespace opsdeck::core {

// Masks personal data for roles that do not need it: "13812341234" -> "138****1234",
// "张伟" -> "张*", "Zhang Wei" -> "Z********".
QString maskPhone(const QString &phone);
QString maskName(const QString &name);
QString maskAddress(const QString &address);

} // namespace opsdeck::core
