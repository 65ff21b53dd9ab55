#pragma once

#include <QLoggingCategory>

namespace opsdeck::sim {
// The one logging category of the simulator module ("opsdeck.sim").
Q_DECLARE_LOGGING_CATEGORY(lcSim)
} // namespace opsdeck::sim
