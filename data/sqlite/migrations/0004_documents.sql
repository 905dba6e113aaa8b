-- 行政文书 (job 4): decisions, one-time notices and non-acceptance notices, their deliveries
-- (送达) and the numbering (文号) settings.
--
-- A document is a draft until a reviewer signs (签发) it. Signing allocates the number from
-- counters('doc:' || num_key, year) in the same transaction, renders the PDF and keeps its
-- bytes; from then on the row is frozen (trigger below). Dates are YYYY-MM-DD text,
-- timestamps RFC 3339 UTC text.

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('decision', 'one_time_notice', 'rejection_notice')),
    programme      TEXT NOT NULL DEFAULT '',         -- decisions: 低保, 特困供养, 临时救助 …
    outcome        TEXT NOT NULL DEFAULT '',         -- decisions: grant, refuse, increase, decrease, stop
    title          TEXT NOT NULL,
    applicant      TEXT NOT NULL DEFAULT '',
    resident_id    INTEGER REFERENCES residents(id),
    status         TEXT NOT NULL CHECK (status IN ('draft', 'signed', 'voided')),
    -- The numbering register the number came from: a key of doc_numbering.
    num_key        TEXT NOT NULL DEFAULT '',
    doc_number     TEXT,                             -- 平民救决〔2026〕15号; NULL until signed
    prefix         TEXT NOT NULL DEFAULT '',
    year           INTEGER,
    seq            INTEGER,
    -- 成文日期 once signed; the day the draft was made before that.
    doc_date       TEXT NOT NULL,
    corrects_id    INTEGER REFERENCES documents(id), -- the document this one corrects
    -- The fonts the PDF was rendered with: file path ('' = the embedded face) and SHA-256.
    body_font      TEXT NOT NULL DEFAULT '',
    body_font_sha  TEXT NOT NULL DEFAULT '',
    title_font     TEXT NOT NULL DEFAULT '',
    title_font_sha TEXT NOT NULL DEFAULT '',
    signed_by      INTEGER REFERENCES users(id),
    signed_by_name TEXT NOT NULL DEFAULT '',
    signed_at      TEXT,
    created_by     INTEGER REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    void_reason    TEXT NOT NULL DEFAULT '',
    voided_at      TEXT,
    print_count    INTEGER NOT NULL DEFAULT 0,
    delivered      INTEGER NOT NULL DEFAULT 0,
    pdf_sha256     TEXT NOT NULL DEFAULT ''          -- of the kept PDF; '' while there is none
);
CREATE UNIQUE INDEX documents_number ON documents(doc_number) WHERE doc_number IS NOT NULL;
-- Drafts have NULL year and seq, which a unique index lets repeat (SQLite and PostgreSQL).
CREATE UNIQUE INDEX documents_register ON documents(num_key, year, seq);
-- The documents list: newest first under each filter.
CREATE INDEX documents_date ON documents(doc_date, id);
CREATE INDEX documents_status_date ON documents(status, doc_date);
CREATE INDEX documents_kind_date ON documents(kind, doc_date);
CREATE INDEX documents_resident ON documents(resident_id, doc_date);
CREATE INDEX documents_applicant ON documents(applicant);
CREATE INDEX documents_corrects ON documents(corrects_id) WHERE corrects_id IS NOT NULL;
-- The dashboard's "awaiting delivery" card and list.
CREATE INDEX documents_delivery ON documents(kind, status, delivered, doc_date);
-- The search box: number or applicant, read from the index instead of the rows.
CREATE INDEX documents_search ON documents(doc_number, applicant);

-- The content and the PDF, apart so that the list reads small rows.
CREATE TABLE document_bodies (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    content     TEXT NOT NULL,  -- JSON of data.Decision / OneTimeNotice / RejectionNotice
    -- The bytes printed, kept at signing. NULL on a signed document only for bulk-made demo
    -- documents: rendered at their first print and frozen from then on.
    pdf         BLOB
);

-- Nothing is hard-deleted, and a signed document cannot change: only its status (voiding),
-- print count, delivered flag and, once, a deferred PDF may be written.
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN
    SELECT RAISE(ABORT, 'documents are never deleted');
END;
CREATE TRIGGER document_bodies_no_delete BEFORE DELETE ON document_bodies
BEGIN
    SELECT RAISE(ABORT, 'documents are never deleted');
END;
CREATE TRIGGER documents_frozen BEFORE UPDATE ON documents
WHEN OLD.status <> 'draft' AND (
    NEW.doc_number IS NOT OLD.doc_number OR NEW.kind IS NOT OLD.kind OR NEW.title IS NOT OLD.title
    OR NEW.applicant IS NOT OLD.applicant OR NEW.seq IS NOT OLD.seq OR NEW.year IS NOT OLD.year
    OR NEW.doc_date IS NOT OLD.doc_date OR NEW.resident_id IS NOT OLD.resident_id
    OR NEW.signed_at IS NOT OLD.signed_at
    OR (OLD.pdf_sha256 <> '' AND NEW.pdf_sha256 IS NOT OLD.pdf_sha256)
    OR (OLD.status = 'voided' AND NEW.status <> 'voided'))
BEGIN
    SELECT RAISE(ABORT, 'signed document is frozen');
END;
CREATE TRIGGER document_bodies_frozen BEFORE UPDATE ON document_bodies
WHEN (SELECT status FROM documents WHERE id = OLD.document_id) <> 'draft' AND (
    NEW.content IS NOT OLD.content OR NEW.document_id IS NOT OLD.document_id
    OR (OLD.pdf IS NOT NULL AND NEW.pdf IS NOT OLD.pdf))
BEGIN
    SELECT RAISE(ABORT, 'signed document is frozen');
END;

-- 送达: one recorded delivery per document.
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL UNIQUE REFERENCES documents(id),
    method          TEXT NOT NULL CHECK (method IN ('direct', 'left', 'post', 'entrusted')),
    delivered_on    TEXT NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    recipient       TEXT NOT NULL,
    server          TEXT NOT NULL,
    witness         TEXT NOT NULL DEFAULT '',
    refusal_reason  TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    created_by      INTEGER REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE TRIGGER deliveries_no_delete BEFORE DELETE ON deliveries
BEGIN
    SELECT RAISE(ABORT, 'deliveries are never deleted');
END;

-- 文号 registers: one per document kind, and optionally one per programme of decisions
-- ('decision:低保') when the office numbers them apart. start is the first number of
-- start_year when its counter does not exist yet (an office continuing its paper register
-- that year starts at 38); every other year starts at 1.
CREATE TABLE doc_numbering (
    key        TEXT PRIMARY KEY,
    prefix     TEXT NOT NULL,
    start      INTEGER NOT NULL DEFAULT 1 CHECK (start >= 1),
    start_year INTEGER NOT NULL DEFAULT 0
);
INSERT INTO doc_numbering (key, prefix, start) VALUES
    ('decision', '民救决', 1),
    ('one_time_notice', '告知', 1),
    ('rejection_notice', '不予受理', 1);
