#include "FeedLog.h"

namespace opsdeck::feed {
Q_LOGGING_CATEGORY(lcFeed, "opsdeck.feed")
}
