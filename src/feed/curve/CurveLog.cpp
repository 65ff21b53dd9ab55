#include "CurveLog.h"

namespace opsdeck::feed::curve {
Q_LOGGING_CATEGORY(lcCurve, "opsdeck.curve")
}
