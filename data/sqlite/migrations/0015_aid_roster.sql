-- 救助对象台账 (issue 12): the aid roster, derived from the signed decisions and never typed.
-- The store keeps these tables in step in the transaction that signs or voids a decision
-- (data.DeriveAid); `check` derives them again from the decisions and compares. A case is one
-- stretch of assistance of a person or household under a programme, from the 给予 that
-- started it (grant_id) to the 停发 that ended it; a 临时救助 is a case of one month. Months are
-- YYYY-MM text. Nothing is deleted: a case whose 给予 no longer counts (voided, corrected) is
-- marked superseded, and so are the periods a later decision replaced.
--
-- A decision is named by its documents.id, or by minus its paper_documents.id when it is a
-- letter of the imported paper register (`import documents`): an office that moves from
-- paper keeps its running cases. Those columns therefore carry no foreign key; check's
-- derivation vouches for them.

CREATE TABLE aid_cases (
    id           INTEGER PRIMARY KEY,
    resident_id  INTEGER NOT NULL REFERENCES residents(id),
    programme    TEXT NOT NULL,
    grant_id     INTEGER NOT NULL,                    -- documents.id, or minus paper_documents.id
    grant_number TEXT NOT NULL,
    start_month  TEXT NOT NULL,
    end_month    TEXT NOT NULL DEFAULT '',            -- the first month no longer paid; '' while running
    end_id       INTEGER,                             -- the 停发 that ended it (signed as grant_id)
    end_number   TEXT NOT NULL DEFAULT '',
    amount       INTEGER NOT NULL,                    -- fen: the last period's monthly amount
    persons      INTEGER NOT NULL,                    -- 保障人数 of the last period
    superseded   INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX aid_cases_grant ON aid_cases(grant_id) WHERE superseded = 0;
CREATE INDEX aid_cases_subject ON aid_cases(resident_id, programme);
CREATE INDEX aid_cases_months ON aid_cases(superseded, start_month, end_month);

CREATE TABLE aid_periods (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES aid_cases(id),
    document_id INTEGER NOT NULL,                     -- documents.id, or minus paper_documents.id
    doc_number  TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    from_month  TEXT NOT NULL,
    to_month    TEXT NOT NULL DEFAULT '',             -- the first month after it; '' while open
    amount      INTEGER NOT NULL,
    persons     INTEGER NOT NULL,
    superseded  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX aid_periods_case ON aid_periods(case_id, superseded, from_month);
CREATE INDEX aid_periods_months ON aid_periods(superseded, from_month, to_month);

CREATE TRIGGER aid_cases_no_delete BEFORE DELETE ON aid_cases
BEGIN
    SELECT RAISE(ABORT, 'aid cases are never deleted');
END;
CREATE TRIGGER aid_periods_no_delete BEFORE DELETE ON aid_periods
BEGIN
    SELECT RAISE(ABORT, 'aid periods are never deleted');
END;

-- 救助标准: the local 低保标准 (per person and month) and 特困供养标准 (per person and month),
-- set by the office per period; a standard holds from its month until the next one of the
-- programme. A mistaken entry is voided, never deleted.
CREATE TABLE aid_standards (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('dibao', 'tekun')),
    from_month      TEXT NOT NULL,                    -- YYYY-MM
    amount          INTEGER NOT NULL CHECK (amount > 0), -- fen per person and month
    note            TEXT NOT NULL DEFAULT '',         -- the document that set it: 平政发〔2026〕3号
    voided          INTEGER NOT NULL DEFAULT 0,
    created_by      INTEGER REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX aid_standards_month ON aid_standards(kind, from_month) WHERE voided = 0;
CREATE TRIGGER aid_standards_no_delete BEFORE DELETE ON aid_standards
BEGIN
    SELECT RAISE(ABORT, 'aid standards are never deleted');
END;

-- 动态管理: each recorded 入户核查 of a case, with the category the family was found in (it
-- sets the next review's due date) and what it found; a change leads to a drafted decision
-- (draft_id). A review recorded by mistake is voided, never deleted.
CREATE TABLE aid_reviews (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES aid_cases(id),
    resident_id     INTEGER NOT NULL REFERENCES residents(id),
    programme       TEXT NOT NULL,
    reviewed_on     TEXT NOT NULL,                    -- YYYY-MM-DD
    category        TEXT NOT NULL CHECK (category IN ('stable', 'unstable')),
    finding         TEXT NOT NULL CHECK (finding IN ('no_change', 'increase', 'decrease', 'stop')),
    note            TEXT NOT NULL,
    reviewer        TEXT NOT NULL,
    draft_id        INTEGER REFERENCES documents(id),
    voided          INTEGER NOT NULL DEFAULT 0,
    created_by      INTEGER REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX aid_reviews_subject ON aid_reviews(resident_id, programme, reviewed_on);
CREATE TRIGGER aid_reviews_no_delete BEFORE DELETE ON aid_reviews
BEGIN
    SELECT RAISE(ABORT, 'aid reviews are never deleted');
END;

-- 一次性告知 that counts trips: each time an applicant who was given a 一次性告知单 comes back
-- with the materials (returned_on), whether everything was then complete, and the application
-- it led to (a decision's 文号, optional). The first return that is complete is 一次办成. A
-- return recorded by mistake is voided, never deleted.
CREATE TABLE notice_returns (
    id              INTEGER PRIMARY KEY,
    notice_id       INTEGER NOT NULL REFERENCES documents(id),
    returned_on     TEXT NOT NULL,                    -- YYYY-MM-DD
    complete        INTEGER NOT NULL CHECK (complete IN (0, 1)),
    application     TEXT NOT NULL DEFAULT '',         -- 文号 of the application's decision, if any
    note            TEXT NOT NULL DEFAULT '',
    voided          INTEGER NOT NULL DEFAULT 0,
    created_by      INTEGER REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX notice_returns_notice ON notice_returns(notice_id, returned_on);
CREATE TRIGGER notice_returns_no_delete BEFORE DELETE ON notice_returns
BEGIN
    SELECT RAISE(ABORT, 'notice returns are never deleted');
END;
