#include "RelayLog.h"

namespace opsdeck::relay {
Q_LOGGING_CATEGORY(lcRelay, "opsdeck.relay")
}
