#include "StoreLog.h"

namespace opsdeck::store {

Q_LOGGING_CATEGORY(lcStore, "opsdeck.store")

} // namespace opsdeck::store
