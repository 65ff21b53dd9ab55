#pragma once

#include <stdexcept>
#include <string>

namespace opsdeck::store {

// Everything in the store reports failure by throwing StoreError; the worker and the
// exporter catch it at their edges, so callers of those never see an exception.
// The code lets a caller tell "fix your key file" from "disk full" without parsing text.
class StoreError final : public std::runtime_error
{
public:
    enum class Code {
        Sqlite,       // an SQLite call failed (I/O, busy, full, corrupt)
        WrongKey,     // the key file does not decrypt this database
        MissingKey,   // the database holds encrypted data but the key file is absent
        BadKeyFile,   // the key file exists but is not a 32-byte key
        Crypto,       // libsodium could not initialise or a record failed to decrypt
        Schema,       // database written by a newer OpsDeck, or not an OpsDeck database
        Corrupt,      // SQLITE_CORRUPT / SQLITE_NOTADB, or PRAGMA quick_check found damage
    };

    StoreError(Code code, const std::string &message, int sqliteCode = 0)
        : std::runtime_error(message), m_code(code), m_sqliteCode(sqliteCode)
    {
    }

    Code code() const noexcept { return m_code; }
    int sqliteCode() const noexcept { return m_sqliteCode; } // extended result code, 0 if none

private:
    Code m_code;
    int m_sqliteCode;
};

} // namespace opsdeck::store
