#pragma once

namespace opsdeck::sdk {

// Bumped only when the plugin contract changes incompatibly. A plugin declares the
// version it was built against in its metadata ("sdkVersion"); the host loads only
// plugins whose number matches, so an old binary is refused before its code runs.
//   2: OrderRow gained priority and the customer note.
//   3: RolePlugin has default methods (a new vtable), ConsoleContext carries the
//      console's settings (a new member), and only exported symbols are visible
//      (docs/architecture.md, "Plugin SDK version 3").
inline constexpr int kSdkVersion = 3;

// The interface id carries the same major version, so Qt itself refuses to hand a
// RolePlugin/2.0 object to a host that only knows /3.0.
#define OPSDECK_ROLE_PLUGIN_IID "org.opsdeck.RolePlugin/3.0"
inline constexpr char kRolePluginIid[] = OPSDECK_ROLE_PLUGIN_IID;

} // namespace opsdeck::sdk
