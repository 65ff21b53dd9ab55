#pragma once

namespace opsdeck::app {

// `opsdeck privacy erase --customer <phone or cust-id> --db FILE --user U [--reason TEXT]`
// and `opsdeck privacy purge --db FILE --user U [--days N]` (docs/security.md "## Privacy
// requests"): erase one customer's personal data, or all personal data older than N days
// (default 90, counted back from the newest time in the file, the feed's clock, but
// never from later than now: store::purgeCutoffMs), then
// compact the file so the bytes leave it. Needs a sign-in with erase_personal_data.
// Run while no console has the database open (it keeps the customers in memory and
// would write them back). Exit status: 0 done, 1 failed, 2 bad usage, 3 not signed in,
// 4 refused by the permission table; nothing is changed without a sign-in, and the
// sign-in, a refusal and the erasure (who, the customer's opaque id, how many rows) are
// audited.
int runPrivacy(int argc, char **argv);

} // namespace opsdeck::app
