#include "FeedHealthService.h"

// Abstract; this file gives the metaobject its one home in the SDK library.
