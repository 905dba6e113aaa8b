-- 文书登记簿: the letters an office issued on paper before it used the program, imported
-- from its register (`import documents`). They hold their numbers, so a register's numbering
-- continues after them and DocNumberGaps counts them as accounted for; the aid roster can
-- start from the decisions among them. One row per paper letter; nothing is deleted and a
-- row's number never changes.
CREATE TABLE paper_documents (
    id              INTEGER PRIMARY KEY,
    num_key         TEXT NOT NULL,                    -- the doc_numbering register the number belongs to
    year            INTEGER NOT NULL,
    seq             INTEGER NOT NULL CHECK (seq >= 1),
    doc_number      TEXT NOT NULL UNIQUE,             -- 平民救决〔2025〕15号, written the standard way
    kind            TEXT NOT NULL CHECK (kind IN ('decision', 'one_time_notice', 'rejection_notice')),
    programme       TEXT NOT NULL DEFAULT '',         -- decisions: 低保, 特困供养, 临时救助 …
    outcome         TEXT NOT NULL DEFAULT '',         -- decisions, when the register says: grant, refuse …
    signed_on       TEXT NOT NULL,                    -- 签发（成文）日期, YYYY-MM-DD
    applicant       TEXT NOT NULL,
    resident_id     INTEGER REFERENCES residents(id), -- matched by 身份证号 when the register gives one
    amount          INTEGER,                          -- fen, when the register gives an amount
    note            TEXT NOT NULL DEFAULT '',
    source_file     TEXT NOT NULL DEFAULT '',         -- the imported file's name and row
    source_row      INTEGER NOT NULL DEFAULT 0,
    created_by      INTEGER REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    UNIQUE (num_key, year, seq)
);
CREATE INDEX paper_documents_resident ON paper_documents(resident_id, signed_on);
CREATE INDEX paper_documents_kind ON paper_documents(kind, programme, signed_on);

CREATE TRIGGER paper_documents_no_delete BEFORE DELETE ON paper_documents
BEGIN
    SELECT RAISE(ABORT, 'paper documents are never deleted');
END;
CREATE TRIGGER paper_documents_number_fixed BEFORE UPDATE ON paper_documents
WHEN NEW.doc_number IS NOT OLD.doc_number OR NEW.num_key IS NOT OLD.num_key
    OR NEW.year IS NOT OLD.year OR NEW.seq IS NOT OLD.seq
BEGIN
    SELECT RAISE(ABORT, 'a paper document keeps its number');
END;
