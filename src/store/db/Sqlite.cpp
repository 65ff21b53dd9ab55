#include "Sqlite.h"

#include "StoreError.h"
#include "StoreLog.h"

#include <utility>

namespace opsdeck::store {

namespace {

// A damaged file gets its own code: the console offers to move it aside at start
// instead of retrying a write that can never succeed.
StoreError::Code codeOf(int rc)
{
    const int primary = rc & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB ? StoreError::Code::Corrupt : StoreError::Code::Sqlite;
}

} // namespace

Database::Database(const std::string &path, int flags)
{
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        // sqlite3_open_v2 hands back a handle even on failure, only to carry the message.
        const std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw StoreError(codeOf(rc), "cannot open " + path + ": " + message, rc);
    }
    sqlite3_extended_result_codes(m_db, 1);
}

Database::~Database()
{
    close();
}

Database::Database(Database &&other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

void Database::close()
{
    if (!m_db)
        return;
    // close_v2 defers the close until the last statement is finalized, so member
    // destruction order between statements and the database cannot leak the handle.
    const int rc = sqlite3_close_v2(m_db);
    if (rc != SQLITE_OK)
        qCWarning(lcStore) << "sqlite3_close_v2 failed:" << sqlite3_errstr(rc);
    m_db = nullptr;
}

void Database::exec(const char *sql)
{
    char *error = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw StoreError(codeOf(rc), std::string("SQL failed (") + sql + "): " + message, rc);
    }
}

std::int64_t Database::queryInt(const char *sql)
{
    Statement stmt = prepare(sql);
    return stmt.step() ? stmt.columnInt(0) : 0;
}

bool Database::hasTable(std::string_view name)
{
    Statement stmt = prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
    stmt.bindText(1, name);
    return stmt.step();
}

Statement Database::prepare(std::string_view sql, bool persistent)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                      persistent ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
    if (rc != SQLITE_OK)
        raise(std::string(sql).c_str(), rc);
    return Statement(stmt, this);
}

void Database::raise(const char *what, int rc) const
{
    throw StoreError(codeOf(rc), std::string(what) + ": " + (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc)), rc);
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_db(std::exchange(other.m_db, nullptr))
{
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

Statement &Statement::bind(int index, std::int64_t value)
{
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        m_db->raise("bind", rc);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    if (const int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        m_db->raise("bind", rc);
    return *this;
}

Statement &Statement::bindText(int index, std::string_view value)
{
    if (const int rc = sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
        rc != SQLITE_OK)
        m_db->raise("bind", rc);
    return *this;
}

Statement &Statement::bindTextOrNull(int index, std::string_view value)
{
    return value.empty() ? bindNull(index) : bindText(index, value);
}

Statement &Statement::bindBlob(int index, std::string_view value)
{
    // A zero-length blob with a null pointer would bind NULL; keep it an empty blob.
    static const char kEmpty = 0;
    const char *data = value.empty() ? &kEmpty : value.data();
    if (const int rc = sqlite3_bind_blob64(m_stmt, index, data, value.size(), SQLITE_STATIC); rc != SQLITE_OK)
        m_db->raise("bind", rc);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        m_db->raise("bind", rc);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const std::string sql = sqlite3_sql(m_stmt) ? sqlite3_sql(m_stmt) : "statement";
    sqlite3_reset(m_stmt);
    m_db->raise(sql.c_str(), rc);
}

void Statement::run()
{
    step();
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::columnInt(int index) const
{
    return sqlite3_column_int64(m_stmt, index);
}

double Statement::columnDouble(int index) const
{
    return sqlite3_column_double(m_stmt, index);
}

std::string Statement::columnText(int index) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, index));
    return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, index))) : std::string();
}

std::string Statement::columnBlob(int index) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, index));
    return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, index))) : std::string();
}

bool Statement::columnIsNull(int index) const
{
    return sqlite3_column_type(m_stmt, index) == SQLITE_NULL;
}

Transaction::Transaction(Database &db) : m_db(db)
{
    // IMMEDIATE takes the write lock now, so a concurrent reader (the exporter) can
    // never turn this into a deadlocked upgrade halfway through the batch.
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done && m_db.isOpen())
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace opsdeck::store
