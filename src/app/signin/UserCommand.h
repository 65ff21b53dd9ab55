#pragma once

namespace opsdeck::app {

// `opsdeck user add NAME --role ROLE [--depot D]... [--merchant M] [--totp] --db FILE [--user U]`
// `opsdeck user passwd|disable|enable|totp NAME --db FILE --user U`, `opsdeck user list --db FILE --user U`
// The first `user add` on a database without users creates the administrator (role admin)
// and needs no sign-in; every other call signs --user in (OPSDECK_PASSWORD or a prompt)
// and needs manage_users (passwd of one's own password excepted). The new password comes
// from OPSDECK_NEW_PASSWORD or a prompt (for the first administrator also OPSDECK_PASSWORD).
// Exit status: 0 done, 1 refused or bad input, 3 not signed in, 64 bad usage.
int runUserCommand(int argc, char **argv);

} // namespace opsdeck::app
