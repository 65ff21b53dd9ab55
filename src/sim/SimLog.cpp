#include "SimLog.h"

namespace opsdeck::sim {
Q_LOGGING_CATEGORY(lcSim, "opsdeck.sim")
} // namespace opsdeck::sim
