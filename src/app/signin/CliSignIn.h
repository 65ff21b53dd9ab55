#pragma once

#include "core/access/Permission.h"
#include "core/audit/AuditRecord.h"

#include <QLoggingCategory>
#include <QString>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcSignIn)

// Exit status of every subcommand that needs a sign-in and did not get one (wrong or
// missing credentials, locked or disabled user, no users yet). Nothing was sent or written.
inline constexpr int kExitNotSignedIn = 3;
// Exit status when the user signed in but the permission table (core::access::AccessPolicy)
// refuses the action: nothing was sent or written, the refusal is on the audit trail.
inline constexpr int kExitForbidden = 4;

// A password from the environment variable `envName` (scripts) or else a prompt on the
// terminal that does not echo; from a pipe, one line. nullopt when there is none.
std::optional<std::string> readPassword(const char *envName, const QString &prompt);

// Signs `user` in against the users of the database at `dbPath` (never created here):
// password from OPSDECK_PASSWORD or a prompt, a TOTP code from OPSDECK_TOTP or a prompt
// when the user has one. nullopt with *error set when the user is not signed in.
// `password`, when given, receives the verified password (`opsdeck user` re-seals the
// user's own TOTP secret under it, store::totp::seal).
std::optional<core::access::Principal> signInFromCli(const QString &dbPath, const QString &user,
                                                     core::audit::AuditSink &audit, QString *error,
                                                     std::string *password = nullptr);

// The command line's (and the window's sign-in before the console runs) AuditSink: rows
// go to the chained audit_log of the database at `dbPath` (store::appendAudit, under the
// write lock, so a running console and this process never fork the chain). append() only
// holds the row: a sign-in appends while its own connection may still be in a transaction,
// so the rows are written by flush() (and the destructor) on a connection of their own.
// handTo() forwards the held rows and every later one to another sink (the console's
// AuditFeature, once the window exists), so nothing is written twice.
class ChainAuditSink final : public core::audit::AuditSink
{
public:
    explicit ChainAuditSink(QString dbPath) : m_dbPath(std::move(dbPath)) {}
    ~ChainAuditSink() override;
    ChainAuditSink(const ChainAuditSink &) = delete;
    ChainAuditSink &operator=(const ChainAuditSink &) = delete;

    void append(core::audit::AuditRecord record) override;
    // false (and the rows kept, logged) when the database cannot be written.
    bool flush();
    void handTo(core::audit::AuditSink &target);

private:
    QString m_dbPath;
    std::mutex m_mutex; // the window's sign-in dialogs append from their hashing thread
    std::vector<core::audit::AuditRecord> m_held;
    core::audit::AuditSink *m_target = nullptr;
};

} // namespace opsdeck::app
