#pragma once

#include <QLoggingCategory>

namespace opsdeck::store {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

} // namespace opsdeck::store
