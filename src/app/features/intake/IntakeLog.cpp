#include "IntakeLog.h"

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcIntake, "opsdeck.intake")

} // namespace opsdeck::app
