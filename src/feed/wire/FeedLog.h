#pragma once

#include <QLoggingCategory>

namespace opsdeck::feed {
Q_DECLARE_LOGGING_CATEGORY(lcFeed)
}
