#include "RiderHistoryService.h"

// The class is abstract; this file gives its metaobject a home in the SDK library so
// plugins and the host share one (qobject_cast across the plugin boundary).
