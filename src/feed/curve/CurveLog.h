#pragma once

#include <QLoggingCategory>

namespace opsdeck::feed::curve {
Q_DECLARE_LOGGING_CATEGORY(lcCurve)
}
