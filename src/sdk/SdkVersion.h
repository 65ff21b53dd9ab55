#pragma once

namespace opsdeck::sdk {

// Bumped only when the plugin contract changes incompatibly. A plugin declares the
// version it was built against in its metadata ("sdkVersion"); the host loads only
// plugins whose number matches, so an old binary is refused before its code runs.
inline constexpr int kSdkVersion = 2; // 2: OrderRow gained priority and the customer note

// The interface id carries the same major version, so Qt itself refuses to hand a
// RolePlugin/2.0 object to a host that only knows /1.0.
#define OPSDECK_ROLE_PLUGIN_IID "org.opsdeck.RolePlugin/2.0"
inline constexpr char kRolePluginIid[] = OPSDECK_ROLE_PLUGIN_IID;

} // namespace opsdeck::sdk
