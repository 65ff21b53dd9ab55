#include "UserStore.h"

#include "core/access/AccessPolicy.h"

#include "Totp.h"
#include "TotpSeal.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <sodium.h>

#include <algorithm>

namespace opsdeck::store {

namespace {

constexpr const char *kUsersTable = R"sql(
CREATE TABLE IF NOT EXISTS users(
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  depots TEXT NOT NULL DEFAULT '',
  merchant TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  totp_secret BLOB,
  disabled INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  locked_until_ms INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

constexpr std::size_t kMinPassword = 8;

std::string joinDepots(const std::vector<std::string> &depots)
{
    std::string out;
    for (const std::string &d : depots)
        out += (out.empty() ? "" : ",") + d;
    return out;
}

std::vector<std::string> splitDepots(const std::string &text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        if (comma > start)
            out.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

std::string detail(std::initializer_list<std::pair<const char *, QJsonValue>> fields)
{
    QJsonObject o;
    for (const auto &[key, value] : fields)
        o.insert(QLatin1String(key), value);
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

UserStore::User readUser(const Statement &row)
{
    UserStore::User u;
    u.name = row.columnText(0);
    u.role = row.columnText(1);
    u.depots = splitDepots(row.columnText(2));
    u.merchant = row.columnText(3);
    u.disabled = row.columnInt(4) != 0;
    u.totp = !row.columnIsNull(5);
    u.failures = static_cast<int>(row.columnInt(6));
    u.lockedUntilMs = row.columnInt(7);
    return u;
}

constexpr const char *kUserColumns =
    "SELECT name, role, depots, merchant, disabled, totp_secret, failures, locked_until_ms FROM users";

} // namespace

UserStore::UserStore(Database &db, core::audit::AuditSink &audit, Clock clock)
    : m_db(db), m_audit(audit), m_clock(std::move(clock))
{
    if (sodium_init() < 0)
        throw StoreError(StoreError::Code::Crypto, "libsodium could not initialise");
    ensureTable();
}

const std::vector<std::string> &UserStore::roles()
{
    static const std::vector<std::string> kRoles{"admin", "ops_manager", "dispatcher", "customer_service", "merchant"};
    return kRoles;
}

bool UserStore::isRole(const std::string &role)
{
    const auto &all = roles();
    return std::find(all.begin(), all.end(), role) != all.end();
}

void UserStore::ensureTable()
{
    m_db.exec(kUsersTable);
}

bool UserStore::hasUsers()
{
    return m_db.queryInt("SELECT EXISTS(SELECT 1 FROM users)") != 0;
}

std::vector<UserStore::User> UserStore::list()
{
    Statement q = m_db.prepare(std::string(kUserColumns) + " ORDER BY name");
    std::vector<User> out;
    while (q.step())
        out.push_back(readUser(q));
    return out;
}

std::optional<UserStore::User> UserStore::find(const std::string &name)
{
    Statement q = m_db.prepare(std::string(kUserColumns) + " WHERE name = ?1");
    q.bindText(1, name);
    if (!q.step())
        return std::nullopt;
    return readUser(q);
}

std::string UserStore::hash(const std::string &password) const
{
    if (password.size() < kMinPassword)
        throw Invalid("a password needs at least 8 characters");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0)
        throw StoreError(StoreError::Code::Crypto, "out of memory while hashing the password");
    return out;
}

void UserStore::add(const User &user, const std::string &password, const core::access::Principal &by)
{
    const bool badName = user.name.empty() || user.name.size() > 64
        || std::any_of(user.name.begin(), user.name.end(), [](char c) { return c <= ' ' || c == ','; });
    if (badName)
        throw Invalid("a user name is 1 to 64 characters without spaces or commas");
    if (!isRole(user.role))
        throw Invalid("unknown role: " + user.role);
    if (user.role == "merchant" && user.merchant.empty())
        throw Invalid("a merchant user needs --merchant");
    for (const std::string &d : user.depots)
        if (d.empty() || d.find(',') != std::string::npos)
            throw Invalid("a depot id cannot be empty or hold a comma: " + d);
    if (find(user.name))
        throw Invalid("the user already exists: " + user.name);
    const std::string passwordHash = hash(password);
    Statement q = m_db.prepare("INSERT INTO users(name, role, depots, merchant, password_hash, created_at_ms) "
                               "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    const std::string depots = joinDepots(user.depots);
    q.bindText(1, user.name).bindText(2, user.role).bindText(3, depots).bindText(4, user.merchant);
    q.bindText(5, passwordHash).bind(6, m_clock());
    q.run();
    audit(by, "user.add", user.name, "ok",
          detail({{"role", QString::fromStdString(user.role)}, {"depots", QString::fromStdString(depots)},
                  {"merchant", QString::fromStdString(user.merchant)}}));
}

void UserStore::setPassword(const std::string &name, const std::string &password, const core::access::Principal &by,
                            const std::optional<std::string> &currentPassword)
{
    const auto user = find(name);
    if (!user)
        throw Invalid("no such user: " + name);
    const std::string passwordHash = hash(password);
    QByteArray resealed;
    if (user->totp && currentPassword) {
        const QByteArray blob = storedSecret(name);
        const auto secret = totp::isSealed(blob) ? totp::open(blob, *currentPassword) : std::optional(blob);
        if (secret)
            resealed = totp::seal(*secret, password);
    }
    // One commit: a crash or a failed write between the two would leave the secret
    // sealed under a password that no longer signs in.
    Transaction tx(m_db);
    // A new password also lifts a lockout: the administrator just vouched for the user.
    Statement q = m_db.prepare("UPDATE users SET password_hash = ?2, failures = 0, locked_until_ms = 0 WHERE name = ?1");
    q.bindText(1, name).bindText(2, passwordHash);
    q.run();
    if (user->totp)
        writeSecret(name, resealed);
    tx.commit();
    const char *totpOutcome = !user->totp ? nullptr : resealed.isEmpty() ? "cleared" : "resealed";
    audit(by, "user.passwd", name, "ok", totpOutcome ? detail({{"totp", QString::fromLatin1(totpOutcome)}}) : "{}");
}

QByteArray UserStore::storedSecret(const std::string &name)
{
    Statement q = m_db.prepare("SELECT totp_secret FROM users WHERE name = ?1");
    q.bindText(1, name);
    return q.step() ? QByteArray::fromStdString(q.columnBlob(0)) : QByteArray();
}

void UserStore::writeSecret(const std::string &name, const QByteArray &sealed)
{
    const std::int64_t secureDelete = m_db.queryInt("PRAGMA secure_delete");
    m_db.exec("PRAGMA secure_delete = ON");
    Statement q = m_db.prepare("UPDATE users SET totp_secret = ?2 WHERE name = ?1");
    q.bindText(1, name);
    if (sealed.isEmpty())
        q.bindNull(2);
    else
        q.bindBlob(2, std::string_view(sealed.constData(), static_cast<std::size_t>(sealed.size())));
    q.run();
    m_db.exec(secureDelete ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF");
}

void UserStore::setDisabled(const std::string &name, bool disabled, const core::access::Principal &by)
{
    if (!find(name))
        throw Invalid("no such user: " + name);
    Statement q = m_db.prepare("UPDATE users SET disabled = ?2 WHERE name = ?1");
    q.bindText(1, name).bind(2, disabled ? 1 : 0);
    q.run();
    audit(by, disabled ? "user.disable" : "user.enable", name, "ok", "{}");
}

std::string UserStore::enrollTotp(const std::string &name, const std::string &password,
                                  const core::access::Principal &by)
{
    if (!find(name))
        throw Invalid("no such user: " + name);
    Statement h = m_db.prepare("SELECT password_hash FROM users WHERE name = ?1");
    h.bindText(1, name);
    h.step();
    // Sealed under a wrong password, the secret would never open again at sign-in.
    if (crypto_pwhash_str_verify(h.columnText(0).c_str(), password.data(), password.size()) != 0)
        throw Invalid("the password of " + name + " is wrong: the TOTP secret is sealed under it");
    const QByteArray secret = totp::newSecret();
    writeSecret(name, totp::seal(secret, password));
    audit(by, "user.totp", name, "ok", "{}");
    return secret.toStdString();
}

void UserStore::recordFailure(const User &user, const std::string &reason, SignIn &out)
{
    const std::int64_t now = m_clock();
    const int failures = user.failures + 1;
    const bool locks = failures >= kMaxFailures;
    Statement q = m_db.prepare("UPDATE users SET failures = ?2, locked_until_ms = ?3 WHERE name = ?1");
    q.bindText(1, user.name).bind(2, locks ? 0 : failures).bind(3, locks ? now + kLockoutMs : std::int64_t(0));
    q.run();
    core::access::Principal who{user.name, user.role, {}, {}, false};
    audit(who, "sign_in_failed", user.name, "failed",
          detail({{"reason", QString::fromStdString(reason)}, {"failures", failures}}));
    if (locks) {
        out.result = Result::LockedOut;
        out.lockedUntilMs = now + kLockoutMs;
        audit(who, "lockout", user.name, "ok", detail({{"until_ms", static_cast<qint64>(out.lockedUntilMs)}}));
    }
}

UserStore::SignIn UserStore::signIn(const std::string &name, const std::string &password, const std::string &totpCode)
{
    SignIn out;
    const auto user = find(name);
    if (!user) {
        // Unknown names are audited with an empty user: the name typed may be a password.
        audit({}, "sign_in_failed", {}, "failed", detail({{"reason", QStringLiteral("unknown_user")}}));
        return out;
    }
    const core::access::Principal who{user->name, user->role, {}, {}, false};
    const std::int64_t now = m_clock();
    if (user->lockedUntilMs > now) {
        out.result = Result::LockedOut;
        out.lockedUntilMs = user->lockedUntilMs;
        audit(who, "sign_in_failed", name, "refused", detail({{"reason", QStringLiteral("locked_out")}}));
        return out;
    }
    Statement h = m_db.prepare("SELECT password_hash, totp_secret FROM users WHERE name = ?1");
    h.bindText(1, name);
    h.step();
    const std::string stored = h.columnText(0);
    const std::string secret = h.columnBlob(1);
    if (crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) != 0) {
        recordFailure(*user, "bad_password", out);
        return out;
    }
    if (user->disabled) {
        out.result = Result::Disabled;
        audit(who, "sign_in_failed", name, "refused", detail({{"reason", QStringLiteral("disabled")}}));
        return out;
    }
    if (!secret.empty()) {
        if (totpCode.empty()) {
            out.result = Result::TotpRequired; // not a failure: the dialog now asks for the code
            return out;
        }
        // Only now, with a code to check, pay for the key derivation.
        const QByteArray blob = QByteArray::fromStdString(secret);
        const bool raw = !totp::isSealed(blob); // stored by a build before the sealing
        const auto opened = raw ? std::optional(blob) : totp::open(blob, password);
        if (!opened || !totp::verify(*opened, QString::fromStdString(totpCode), now / 1000)) {
            out.result = Result::BadTotp;
            recordFailure(*user, "bad_totp", out);
            return out;
        }
        if (raw)
            writeSecret(name, totp::seal(*opened, password)); // migrated: the right password is at hand
    }
    Statement reset = m_db.prepare("UPDATE users SET failures = 0, locked_until_ms = 0 WHERE name = ?1");
    reset.bindText(1, name);
    reset.run();
    out.result = Result::Ok;
    out.principal = core::access::Principal{user->name, user->role, user->depots, user->merchant, false};
    audit(out.principal, "sign_in", name, "ok", "{}");
    return out;
}

void UserStore::audit(const core::access::Principal &by, const std::string &action, const std::string &target,
                      const std::string &outcome, const std::string &detailJson)
{
    core::audit::AuditRecord r;
    r.atMs = m_clock();
    r.user = by.user;
    r.role = by.role;
    r.action = action;
    r.target = target;
    r.outcome = outcome;
    r.permission = action.rfind("user.", 0) == 0
        ? std::string(core::access::permissionName(core::access::Permission::ManageUsers))
        : std::string();
    r.detailJson = detailJson;
    m_audit.append(std::move(r));
}

bool mayManageUsers(const core::access::Principal &principal)
{
    return core::access::check(principal, core::access::Permission::ManageUsers).allowed();
}

const char *toString(UserStore::Result result)
{
    switch (result) {
    case UserStore::Result::Ok: return "ok";
    case UserStore::Result::BadCredentials: return "bad_credentials";
    case UserStore::Result::LockedOut: return "locked_out";
    case UserStore::Result::Disabled: return "disabled";
    case UserStore::Result::TotpRequired: return "totp_required";
    case UserStore::Result::BadTotp: return "bad_totp";
    }
    return "unknown";
}

} // namespace opsdeck::store
