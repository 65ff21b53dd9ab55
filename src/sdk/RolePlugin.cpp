#include "RolePlugin.h"

namespace opsdeck::sdk {

// Out of line: the vtable, the type info and the defaults live once, in the SDK, so a
// plugin built against this version picks up a corrected default without a rebuild.
RolePlugin::~RolePlugin() = default;

bool RolePlugin::initialize(ConsoleContext *, QString *)
{
    return true;
}

void RolePlugin::aboutToShutdown() {}

} // namespace opsdeck::sdk
