#pragma once

#include "app/runtime/EmbeddedGateway.h"

namespace opsdeck::app {

// The console's embedded default: opsfeed, the gateway simulator, in-process on free
// loopback ports, sized by RuntimeOptions' embedded* fields.
EmbeddedGatewayFactory opsfeedGateway();

} // namespace opsdeck::app
