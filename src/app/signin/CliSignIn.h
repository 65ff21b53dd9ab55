#pragma once

#include "core/access/Permission.h"
#include "core/audit/AuditRecord.h"

#include <QLoggingCategory>
#include <QString>

#include <optional>
#include <string>

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcSignIn)

// Exit status of every subcommand that needs a sign-in and did not get one (wrong or
// missing credentials, locked or disabled user, no users yet). Nothing was sent or written.
inline constexpr int kExitNotSignedIn = 3;

// A password from the environment variable `envName` (scripts) or else a prompt on the
// terminal that does not echo; from a pipe, one line. nullopt when there is none.
std::optional<std::string> readPassword(const char *envName, const QString &prompt);

// Signs `user` in against the users of the database at `dbPath` (never created here):
// password from OPSDECK_PASSWORD or a prompt, a TOTP code from OPSDECK_TOTP or a prompt
// when the user has one. nullopt with *error set when the user is not signed in.
std::optional<core::access::Principal> signInFromCli(const QString &dbPath, const QString &user,
                                                     core::audit::AuditSink &audit, QString *error);

// Where the command-line paths hand audit rows until the chained audit table is theirs:
// the log (category opsdeck.signin), one line per row.
class LogAuditSink final : public core::audit::AuditSink
{
public:
    void append(core::audit::AuditRecord record) override;
};

} // namespace opsdeck::app
