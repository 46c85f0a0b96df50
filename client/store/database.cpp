#include "store/database.h"

#include <sqlite3.h>

namespace ywtb::store {

using core::Error;
using core::Message;

Database::Database(const std::string& path, Mode mode) : m_path(path) {
    const int flags =
        mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path.c_str(), &m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        const std::string detail = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw StoreFailure(Error{"store.open",
                                 Message(N_("cannot open the database: {detail}"), {{"detail", detail}}),
                                 path, Message(N_("check that the data directory exists and is writable"))});
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
}

Database::~Database() {
    sqlite3_close_v2(m_db);
}

void Database::fail(const char* doing) const {
    const int code = sqlite3_extended_errcode(m_db);
    const std::string detail = sqlite3_errmsg(m_db);
    Message fix = (code & 0xff) == SQLITE_FULL
                      ? Message(N_("free disk space; nothing was saved by this step"))
                      : Message(N_("the step was not saved; try again, and report it if it repeats"));
    throw StoreFailure(Error{
        "store.sqlite." + std::to_string(code),
        Message(N_("the database failed while {doing}: {detail}"), {{"detail", detail}}).term("doing", doing),
        m_path, std::move(fix)});
}

void Database::exec(std::string_view sql) {
    char* message = nullptr;
    if (sqlite3_exec(m_db, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        sqlite3_free(message);
        fail(N_("running SQL"));
    }
}

std::int64_t Database::queryInteger(std::string_view sql) {
    Statement statement(*this, sql);
    if (!statement.step())
        return 0;
    return statement.integer(0);
}

std::int64_t Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const {
    return sqlite3_changes(m_db);
}

Statement::Statement(Database& db, std::string_view sql) : m_db(&db) {
    if (sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) !=
        SQLITE_OK)
        db.fail(N_("preparing a statement"));
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) !=
        SQLITE_OK)
        m_db->fail(N_("binding a value"));
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK)
        m_db->fail(N_("binding a value"));
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t size) {
    if (sqlite3_bind_blob64(m_stmt, index, data, size, SQLITE_TRANSIENT) != SQLITE_OK)
        m_db->fail(N_("binding a value"));
    return *this;
}

Statement& Statement::bindNull(int index) {
    if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK)
        m_db->fail(N_("binding a value"));
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    m_db->fail(N_("running a statement"));
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::string Statement::text(int column) const {
    const auto* data = sqlite3_column_text(m_stmt, column);
    if (!data)
        return {};
    return std::string(reinterpret_cast<const char*>(data),
                       static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Transaction::Transaction(Database& db) : m_db(&db) {
    db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!m_done)
        sqlite3_exec(m_db->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    m_db->exec("COMMIT");
    m_done = true;
}

} // namespace ywtb::store
