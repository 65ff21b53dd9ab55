#pragma once

#include "app/runtime/ConsoleOptions.h"
#include "core/access/Permission.h"
#include "core/audit/AuditRecord.h"

#include <memory>
#include <optional>

class QMainWindow;

namespace opsdeck::app {

// Who is at the window console. A real --feed: the sign-in dialog over the users of
// --db, or on a database without users the "create the administrator" dialog. The
// embedded demo gateway (no --feed): a demo user, Principal::demo, no dialog, with the
// role of --role (a demo has no one's real data). nullopt when the user cancelled.
std::optional<core::access::Principal> signInAtStart(const ConsoleOptions &options, core::audit::AuditSink &audit);

// The role and user the console runs as (the window's layout and plugins exist per
// working role: an administrator works with the ops manager's).
void applyPrincipal(const core::access::Principal &principal, ConsoleOptions &options);

// "DEMO" in the title bar and the status bar of a console signed in by the demo.
void markDemo(QMainWindow &window);

class IdleSignOut;

// Idle sign-out for a signed-in (not demo) console, per the settings' minutes
// (`session/idle_sign_out_minutes`, 0 or absent = never): the window hides and the same
// user signs in again to bring it back, the console running all along; Cancel closes it.
// Null when off.
std::unique_ptr<IdleSignOut> armIdleSignOut(QMainWindow &window, const ConsoleOptions &options,
                                            const core::access::Principal &principal, core::audit::AuditSink &audit);

} // namespace opsdeck::app
