#include "store/migrations.h"

#include "store/database.h"

#include <array>
#include <string>

namespace ywtb::store {
namespace {

// Append new migrations at the end; never edit one that has shipped, a counter PC may already have run it.
constexpr std::array<Migration, 6> kMigrations{{
    {1, "catalogue, cases, outbox, numbering, hash-chained audit log, issued documents, blob register",
     R"sql(
CREATE TABLE catalogue_import (
    id          INTEGER PRIMARY KEY,
    imported_at TEXT NOT NULL,
    source      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    item_count  INTEGER NOT NULL
);
CREATE TABLE catalogue_item (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    department TEXT NOT NULL,
    body       TEXT NOT NULL,
    import_id  INTEGER NOT NULL REFERENCES catalogue_import(id)
);
-- Append-only, and each entry hashes the one before it: audit verify finds the first altered or missing one.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    staff     TEXT NOT NULL,
    window_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    before    TEXT NOT NULL DEFAULT '',
    after     TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- A case: indexed columns for the queries the counter runs, the whole case as JSON in body.
CREATE TABLE intake_case (
    number              TEXT PRIMARY KEY,
    item_code           TEXT NOT NULL,
    status              TEXT NOT NULL,
    window_id           TEXT NOT NULL,
    applicant_key       TEXT NOT NULL,
    created_on          TEXT NOT NULL,
    received_on         TEXT,
    correction_deadline TEXT,
    supplement_by       TEXT,
    due_promised        TEXT,
    due_statutory       TEXT,
    body                TEXT NOT NULL,
    version             INTEGER NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX intake_case_status ON intake_case(status);
CREATE INDEX intake_case_applicant ON intake_case(applicant_key);
-- Case numbers are made here, per window and day, never by the server (DESIGN.md).
CREATE TABLE case_sequence (
    window_id TEXT NOT NULL,
    day       TEXT NOT NULL,
    last      INTEGER NOT NULL,
    PRIMARY KEY (window_id, day)
);
-- What the sync engine sends, in order; uuid is what the server dedupes on.
CREATE TABLE outbox (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    case_number TEXT NOT NULL,
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    sent_at     TEXT
);
CREATE INDEX outbox_unsent ON outbox(sent_at, seq);
-- Document numbers come from blocks reserved for the window, so a notice is numbered offline.
CREATE TABLE document_block (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    year      INTEGER NOT NULL,
    window_id TEXT NOT NULL,
    first     INTEGER NOT NULL,
    last      INTEGER NOT NULL,
    next      INTEGER NOT NULL,
    CHECK (first >= 1 AND first <= last AND next >= first AND next <= last + 1)
);
-- Applicants the credit check flags (a local list until the sync issue feeds it).
CREATE TABLE credit_flag (
    applicant_key TEXT PRIMARY KEY,
    reason        TEXT NOT NULL,
    added_at      TEXT NOT NULL
);
-- Every document issued: the exact PDF (in the blob store), the template version it came from, who, when,
-- how often it was printed and reprinted.
CREATE TABLE issued_document (
    id               INTEGER PRIMARY KEY,
    case_number      TEXT NOT NULL,
    kind             TEXT NOT NULL,
    number           TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    template_sha256  TEXT NOT NULL,
    pdf_sha256       TEXT NOT NULL,
    staff            TEXT NOT NULL,
    window_id        TEXT NOT NULL,
    issued_at        TEXT NOT NULL,
    copies_printed   INTEGER NOT NULL DEFAULT 0,
    reprints         INTEGER NOT NULL DEFAULT 0,
    UNIQUE (case_number, kind, number)
);
CREATE INDEX issued_document_case ON issued_document(case_number);
CREATE TABLE blob (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    created_at TEXT NOT NULL
);
)sql"},
    {2, "sync state of outbox entries (attempts, server answer, poisoned), sync notes",
     R"sql(
-- One row per outbox entry the sync engine has tried; the entry's sent_at is set in the same transaction
-- that stores the server's answer (docs/sync.md).
CREATE TABLE outbox_sync (
    seq             INTEGER PRIMARY KEY REFERENCES outbox(seq),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    last_error      TEXT NOT NULL DEFAULT '',
    outcome         TEXT NOT NULL DEFAULT '',
    server_answer   TEXT NOT NULL DEFAULT '',
    poisoned        INTEGER NOT NULL DEFAULT 0,
    discarded_at    TEXT
);
CREATE INDEX outbox_sync_poisoned ON outbox_sync(poisoned);
CREATE INDEX outbox_case ON outbox(case_number, seq);
CREATE TABLE sync_note (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql"},
    {3, "scanned pages of case materials (docs/scanning.md)",
     R"sql(
-- One row per page scanned onto a material of a case, position 1, 2, … per (case, material). The JPEG and its
-- thumbnail are in the blob store, durable before the row; rotation (0, 90, 180, 270, clockwise) is applied
-- when the page is shown or put into a PDF, so turning a page never re-encodes it.
CREATE TABLE scanned_page (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    case_number      TEXT NOT NULL REFERENCES intake_case(number),
    material_id      TEXT NOT NULL,
    position         INTEGER NOT NULL CHECK (position >= 1),
    sha256           TEXT NOT NULL,
    thumbnail_sha256 TEXT NOT NULL,
    width            INTEGER NOT NULL CHECK (width > 0),
    height           INTEGER NOT NULL CHECK (height > 0),
    dpi              INTEGER NOT NULL CHECK (dpi > 0),
    mode             TEXT NOT NULL,
    rotation         INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
    blank            INTEGER NOT NULL DEFAULT 0,
    scanned_at       TEXT NOT NULL,
    scanned_by       TEXT NOT NULL,
    window_id        TEXT NOT NULL
);
-- Not UNIQUE: a move renumbers the pages in between one row at a time, inside one transaction.
CREATE INDEX scanned_page_order ON scanned_page(case_number, material_id, position);
)sql"},
    {4, "好差评 ratings and their rectification, signatures captured on the pad (docs/devices.md)",
     R"sql(
-- One rating per case and stage (接件, 受理, 办结), as the applicant gave it on the rating device. Nobody edits a
-- rating: the trigger refuses any UPDATE, so the level and tags stay what the applicant pressed.
CREATE TABLE rating (
    id                INTEGER PRIMARY KEY,
    uuid              TEXT NOT NULL UNIQUE,
    case_number       TEXT NOT NULL REFERENCES intake_case(number),
    item_code         TEXT NOT NULL,
    stage             TEXT NOT NULL CHECK (stage IN ('receive', 'accept', 'release')),
    level             INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    tags              TEXT NOT NULL,
    indicator_version TEXT NOT NULL,
    window_id         TEXT NOT NULL,
    staff             TEXT NOT NULL,
    device            TEXT NOT NULL,
    rated_at          TEXT NOT NULL,
    UNIQUE (case_number, stage)
);
CREATE TRIGGER rating_unchangeable BEFORE UPDATE ON rating
BEGIN SELECT RAISE(ABORT, 'a rating is kept as the applicant gave it'); END;
-- A bad rating (不满意, 非常不满意) gets a rectification: the working-day due dates, then the answer.
CREATE TABLE rectification (
    rating_id     INTEGER PRIMARY KEY REFERENCES rating(id),
    contact_due   TEXT NOT NULL,
    simple_due    TEXT NOT NULL,
    complex_due   TEXT NOT NULL,
    answered_at   TEXT,
    answered_by   TEXT,
    answer        TEXT
);
CREATE INDEX rectification_open ON rectification(answered_at, contact_due);
-- A signature captured for one document of one case: the strokes (JSON) and the image (PNG) in the blob store.
-- document_sha256 is set once, when the signed document is issued; a bound signature is never bound again.
CREATE TABLE signature (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    case_number     TEXT NOT NULL REFERENCES intake_case(number),
    document_kind   TEXT NOT NULL,
    strokes_sha256  TEXT,
    png_sha256      TEXT NOT NULL,
    device          TEXT NOT NULL,
    signed_at       TEXT NOT NULL,
    staff           TEXT NOT NULL,
    window_id       TEXT NOT NULL,
    document_sha256 TEXT,
    document_id     INTEGER REFERENCES issued_document(id)
);
CREATE INDEX signature_case ON signature(case_number, document_kind);
CREATE INDEX signature_png ON signature(png_sha256);
)sql"},
    {5, "offline sign-in verifiers of staff, the sync session kept by login (docs/sync.md)",
     R"sql(
-- Per staff member, a verifier of the password of the last successful online sign-in at this PC: salted
-- PBKDF2-HMAC-SHA-256, never the password. Offline sign-in checks against it.
CREATE TABLE staff_verifier (
    staff        TEXT PRIMARY KEY,
    salt         TEXT NOT NULL,
    iterations   INTEGER NOT NULL,
    hash         TEXT NOT NULL,
    signed_in_at TEXT NOT NULL
);
-- The token of the last online sign-in per server and window, so `sync once` / `sync run` need no password
-- while it is valid. Never logged.
CREATE TABLE sync_session (
    server_url TEXT NOT NULL,
    window_id  TEXT NOT NULL,
    staff      TEXT NOT NULL,
    token      TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (server_url, window_id)
);
)sql"},
    {6, "rectification due dates counted on a provisional calendar (docs/intake.md, \"The year boundary\")",
     R"sql(
-- A bad rating given before next year's holiday notice is in the data has its due dates counted on the statutory
-- holidays only: marked, with the day they count from, and counted again (audited) when the notice arrives.
ALTER TABLE rectification ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rectification ADD COLUMN counted_from TEXT;
)sql"},
}};

} // namespace

std::span<const Migration> migrations() {
    return kMigrations;
}

int latestSchemaVersion() {
    return kMigrations.back().version;
}

void applyMigrations(Database& db) {
    const auto current = db.queryInteger("PRAGMA user_version");
    for (const auto& migration : kMigrations) {
        if (migration.version <= current)
            continue;
        Transaction tx(db);
        db.exec(migration.sql);
        db.exec("PRAGMA user_version = " + std::to_string(migration.version));
        tx.commit();
    }
}

} // namespace ywtb::store
