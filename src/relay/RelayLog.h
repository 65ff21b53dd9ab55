#pragma once

#include <QLoggingCategory>

namespace opsdeck::relay {
Q_DECLARE_LOGGING_CATEGORY(lcRelay)
}
