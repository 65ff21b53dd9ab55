#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace opsdeck::store {

class Statement;

// The smallest RAII layer over the SQLite C API that keeps call sites short: every
// failing call throws StoreError(Code::Sqlite) carrying sqlite3_errmsg, so no result
// code is forgotten, and handles are released on every path.
class Database final
{
public:
    Database() = default;
    Database(const std::string &path, int flags);
    ~Database();
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    bool isOpen() const { return m_db != nullptr; }
    sqlite3 *handle() const { return m_db; }
    void close();

    void exec(const char *sql);
    std::int64_t queryInt(const char *sql); // first column of the first row, 0 if none
    bool hasTable(std::string_view name); // for tables a feature creates on first use
    Statement prepare(std::string_view sql, bool persistent = false);
    [[noreturn]] void raise(const char *what, int rc) const;

private:
    sqlite3 *m_db = nullptr;
};

class Statement final
{
public:
    Statement() = default;
    Statement(sqlite3_stmt *stmt, const Database *db) : m_stmt(stmt), m_db(db) {}
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    // Binding is 1-based, as in SQLite. Text and blobs are bound SQLITE_STATIC: the
    // caller keeps them alive until step() (every call site binds and steps at once).
    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement &bind(int index, double value);
    Statement &bindText(int index, std::string_view value);
    Statement &bindTextOrNull(int index, std::string_view value); // empty -> NULL
    Statement &bindBlob(int index, std::string_view value);
    Statement &bindNull(int index);

    bool step();          // true: a row is ready; false: done. Throws on error.
    void run();           // step() for statements that return no rows, then reset()
    void reset();         // also clears bindings so a stale value never leaks into the next row

    std::int64_t columnInt(int index) const;
    double columnDouble(int index) const;
    std::string columnText(int index) const; // NULL -> ""
    std::string columnBlob(int index) const;
    bool columnIsNull(int index) const;

private:
    sqlite3_stmt *m_stmt = nullptr;
    const Database *m_db = nullptr;
};

// Rolls back unless commit() was reached, so an exception anywhere in a write leaves
// the database exactly as before the batch (the property the crash test relies on).
class Transaction final
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    Database &m_db;
    bool m_done = false;
};

} // namespace opsdeck::store
