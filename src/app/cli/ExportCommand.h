#pragma once

#include "core/access/AccessGuard.h"
#include "store/export/Exporter.h"

class QIODevice;

namespace opsdeck::app {

// The export the guard's principal may make, through the one permission check: export
// (and export_personal_data when options.includePersonalData), and only the rows of its
// scope (a merchant: its merchant's orders and their events; depots: theirs). A refusal
// is audited by the guard and returned in result.error, naming the missing permission.
// `opsdeck export` calls it with the principal of sign-in; a masked export needs none.
store::ExportResult runGuardedExport(const core::access::AccessGuard &access, store::ExportOptions options,
                                     const QString &dbPath, QIODevice &out);

// `opsdeck export orders|events|rejected --db PATH --format csv|jsonl [--with-personal-data]`
// Writes to stdout. Returns the process exit status (0 ok, 1 failed, 2 bad usage).
int runExport(int argc, char **argv);

} // namespace opsdeck::app
