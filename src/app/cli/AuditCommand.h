#pragma once

namespace opsdeck::app {

// `opsdeck audit verify --db FILE`: exit 0 when the chain is whole (prints the rows
// checked and the head hash), 3 naming the first row that was edited, inserted or deleted,
// 1 when the file cannot be read, 2 for bad usage. Needs no sign-in: it takes no action and
// reveals nothing the file does not.
// `opsdeck audit list --db FILE --user U [--by U] [--action A] [--order O] [--since T] [--until T]`:
// the rows as CSV on stdout (T: ISO 8601 date-time or ms since the epoch). --user signs in
// (OPSDECK_PASSWORD or the prompt) and needs view_audit: exit 3 (kExitNotSignedIn) without a
// sign-in, 4 (kExitForbidden) without the permission; --by picks one user's rows.
int runAudit(int argc, char **argv);

inline constexpr int kExitAuditBroken = 3;

} // namespace opsdeck::app
