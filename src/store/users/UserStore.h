#pragma once

#include "core/access/Permission.h"
#include "core/audit/AuditRecord.h"

#include <QByteArray>

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace opsdeck::store {

class Database;

// The console's users: name, role, scopes, an argon2id password hash (libsodium
// crypto_pwhash_str), an optional TOTP secret sealed under the user's password
// (totp::seal, so the file never holds it readable), and the failure count and lockout that
// survive a restart. Lives in the console's own database file (table `users`, created
// on first use so a `opsdeck user add` on a new file needs nothing else).
// Every call may hash (hundreds of ms, 64 MiB): never on the GUI thread.
class UserStore final
{
public:
    using Clock = std::function<std::int64_t()>; // ms since the epoch; injected for tests

    static constexpr int kMaxFailures = 5;
    static constexpr std::int64_t kLockoutMs = 15 * 60 * 1000;

    struct User {
        std::string name;
        std::string role;
        std::vector<std::string> depots;
        std::string merchant;
        bool disabled = false;
        bool totp = false;
        int failures = 0;
        std::int64_t lockedUntilMs = 0;
    };

    enum class Result { Ok, BadCredentials, LockedOut, Disabled, TotpRequired, BadTotp };
    struct SignIn {
        Result result = Result::BadCredentials;
        core::access::Principal principal;  // filled when result == Ok
        std::int64_t lockedUntilMs = 0;     // when LockedOut
    };

    // Thrown for a bad name, role, password or a duplicate; the message is for the user.
    class Invalid final : public std::runtime_error
    {
    public:
        using std::runtime_error::runtime_error;
    };

    UserStore(Database &db, core::audit::AuditSink &audit, Clock clock);

    static bool isRole(const std::string &role);
    static const std::vector<std::string> &roles();

    bool hasUsers();
    std::vector<User> list();
    std::optional<User> find(const std::string &name);

    // `by` is who did it (the audit's user); empty for the first administrator.
    void add(const User &user, const std::string &password, const core::access::Principal &by);
    // With the user's `currentPassword` (one's own change) the TOTP secret is re-sealed under
    // the new password; without it (an administrator's reset) nobody can open the secret,
    // so the enrolment is cleared and the user enrols again.
    void setPassword(const std::string &name, const std::string &password, const core::access::Principal &by,
                     const std::optional<std::string> &currentPassword = std::nullopt);
    void setDisabled(const std::string &name, bool disabled, const core::access::Principal &by);
    // Enrols (or replaces) the TOTP second factor, sealed under `password` (the user's own,
    // checked here: Invalid when wrong); returns the raw secret to show once.
    std::string enrollTotp(const std::string &name, const std::string &password, const core::access::Principal &by);

    // A wrong password, a wrong code, a disabled or unknown user are all audited. The
    // fifth failure in a row locks the user for kLockoutMs (kept in the file).
    SignIn signIn(const std::string &name, const std::string &password, const std::string &totpCode);

private:
    void ensureTable();
    void audit(const core::access::Principal &by, const std::string &action, const std::string &target,
               const std::string &outcome, const std::string &detailJson);
    void recordFailure(const User &user, const std::string &reason, SignIn &out);
    std::string hash(const std::string &password) const;
    QByteArray storedSecret(const std::string &name);
    // NULL when `sealed` is empty; secure_delete so the bytes replaced leave no trace in the page.
    void writeSecret(const std::string &name, const QByteArray &sealed);

    Database &m_db;
    core::audit::AuditSink &m_audit;
    Clock m_clock;
};

// Who may add, disable and reset users: manage_users in the one permission table
// (core::access::AccessPolicy).
bool mayManageUsers(const core::access::Principal &principal);

const char *toString(UserStore::Result result);

} // namespace opsdeck::store
