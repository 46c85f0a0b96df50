#pragma once
// The one thin wrapper over the sqlite3 C API (DESIGN.md: SQLCipher can later replace SQLite at link time).

#include "core/error.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace ywtb::store {

/// An SQLite failure that the caller did not expect (disk full, corrupt file); carries a readable Error.
class StoreFailure : public std::runtime_error {
public:
    explicit StoreFailure(core::Error error) : std::runtime_error(error.str()), m_error(std::move(error)) {}
    const core::Error& error() const { return m_error; }

private:
    core::Error m_error;
};

class Database;

/// A prepared statement; bind with 1-based indexes, step, read columns with 0-based indexes.
class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bindBlob(int index, const void* data, std::size_t size);
    Statement& bindNull(int index);
    /// Advances to the next row; false when there are no more.
    bool step();
    /// Runs a statement that returns no rows.
    void run();
    void reset();

    std::string text(int column) const;
    std::int64_t integer(int column) const;
    bool isNull(int column) const;

private:
    Database* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

/// An open database file. Not thread-safe: one connection per thread.
class Database {
public:
    enum class Mode { ReadWrite, ReadOnly };
    /// Opens (and with ReadWrite creates) the file; throws StoreFailure when it cannot.
    Database(const std::string& path, Mode mode = Mode::ReadWrite);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Runs one or more statements that return no rows.
    void exec(std::string_view sql);
    /// The single integer a query like "PRAGMA user_version" returns.
    std::int64_t queryInteger(std::string_view sql);
    std::int64_t lastInsertRowId() const;
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    int changes() const;
    const std::string& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }

    /// Throws StoreFailure describing the last error of this connection.
    [[noreturn]] void fail(const char* doing) const;

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

/// BEGIN IMMEDIATE … COMMIT; rolls back when destroyed without commit(), e.g. when an exception passes.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();
    Database& db() { return *m_db; }

private:
    Database* m_db;
    bool m_done = false;
};

} // namespace ywtb::store
