-- Legal content of documents (issue 9): the remedy clause (救济途径告知) is generated from a
-- versioned template per decision outcome and for the 不予受理通知书. Each change by an
-- administrator is a new row; the newest version of a scope is the one in use. A signed
-- document keeps the text it was signed with in its own content, so versions are never
-- edited or removed. The Go step of this migration (legal.go) corrects the seeded catalog of
-- legal bases against the published texts.
CREATE TABLE remedy_templates (
    id              INTEGER PRIMARY KEY,
    scope           TEXT NOT NULL,          -- grant, refuse, increase, decrease, stop, rejection_notice
    version         INTEGER NOT NULL CHECK (version >= 1),
    text            TEXT NOT NULL,
    bases           TEXT NOT NULL DEFAULT '', -- JSON of the articles the clause rests on
    created_by      INTEGER REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX remedy_templates_version ON remedy_templates(scope, version);
CREATE TRIGGER remedy_templates_no_delete BEFORE DELETE ON remedy_templates
BEGIN
    SELECT RAISE(ABORT, 'remedy templates are never deleted');
END;
CREATE TRIGGER remedy_templates_frozen BEFORE UPDATE ON remedy_templates
BEGIN
    SELECT RAISE(ABORT, 'a remedy template version is never changed');
END;
