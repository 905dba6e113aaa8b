-- Foundation: settings, organisation, accounts, catalogs, residents, attachments, audit log.
-- Portable SQL where possible; FTS lives in its own migration.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE communities (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    sort        INTEGER NOT NULL DEFAULT 0,
    voided      INTEGER NOT NULL DEFAULT 0,
    void_reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX communities_name ON communities(name) WHERE voided = 0;

CREATE TABLE grids (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    name         TEXT NOT NULL,
    sort         INTEGER NOT NULL DEFAULT 0,
    voided       INTEGER NOT NULL DEFAULT 0,
    void_reason  TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX grids_name ON grids(community_id, name) WHERE voided = 0;

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'clerk')),
    community_id   INTEGER REFERENCES communities(id),
    phone          TEXT NOT NULL DEFAULT '',
    password_hash  TEXT NOT NULL,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   TEXT NOT NULL DEFAULT '',
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL
);

CREATE TABLE catalog (
    id     INTEGER PRIMARY KEY,
    kind   TEXT NOT NULL,
    value  TEXT NOT NULL,
    extra  TEXT NOT NULL DEFAULT '',
    sort   INTEGER NOT NULL DEFAULT 0,
    voided INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX catalog_value ON catalog(kind, value);

CREATE TABLE households (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    address      TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);

CREATE TABLE residents (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    initials      TEXT NOT NULL DEFAULT '',
    id_number     TEXT NOT NULL,
    birth_date    TEXT NOT NULL,
    male          INTEGER NOT NULL,
    phone         TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    community_id  INTEGER NOT NULL REFERENCES communities(id),
    grid_id       INTEGER REFERENCES grids(id),
    household_id  INTEGER REFERENCES households(id),
    relation      TEXT NOT NULL DEFAULT '',
    tags          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'active',
    note          TEXT NOT NULL DEFAULT '',
    voided        INTEGER NOT NULL DEFAULT 0,
    void_reason   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX residents_id_number ON residents(id_number) WHERE voided = 0;
CREATE INDEX residents_name ON residents(name);
CREATE INDEX residents_initials ON residents(initials);
CREATE INDEX residents_community ON residents(community_id, name);
CREATE INDEX residents_household ON residents(household_id);
CREATE INDEX residents_birth ON residents(birth_date);

CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    owner       TEXT NOT NULL,
    owner_id    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    content     BLOB NOT NULL,
    voided      INTEGER NOT NULL DEFAULT 0,
    void_reason TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);
CREATE INDEX attachments_owner ON attachments(owner, owner_id);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    user_id    INTEGER NOT NULL DEFAULT 0,
    user_name  TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id  INTEGER NOT NULL DEFAULT 0,
    before     TEXT NOT NULL DEFAULT '',
    after      TEXT NOT NULL DEFAULT '',
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_log_record ON audit_log(table_name, record_id);

-- Human-visible yearly numbers (WT-2026-0001, 〔2026〕15号) come from here, inside the
-- inserting transaction.
CREATE TABLE counters (
    name  TEXT NOT NULL,
    year  INTEGER NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (name, year)
);
