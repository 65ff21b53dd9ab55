#pragma once

#include "core/access/AccessPolicy.h"

#include <QString>

namespace opsdeck::app {

// A refusal of the permission check in words the user reads: who they are, which
// permission is missing (its stable name, the one docs/security.md and the audit use),
// or that `target` lies outside their depots or merchant.
QString accessRefusalText(const core::access::Principal &principal, const core::access::Decision &decision,
                          const QString &target = {});

} // namespace opsdeck::app
