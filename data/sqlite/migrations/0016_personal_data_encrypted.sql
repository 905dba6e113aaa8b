-- Personal data encrypted at rest (see crypt.go). ID numbers and phone numbers are sealed
-- with the office's data key in their own columns; the key is kept only wrapped, per account,
-- with a key derived from the account's password. The step of this migration (Go) encrypts
-- nothing: no key can be had while migrating. A new office gets its key with its first
-- account; an existing one is encrypted at its first administrator's log-in (cryptoffice.go).

-- Each account's wrap of the data key: '' until the account has one.
ALTER TABLE users ADD COLUMN key_wrap TEXT NOT NULL DEFAULT '';

-- The blind index of the ID number: exact look-up and the one live record per number.
ALTER TABLE residents ADD COLUMN id_index TEXT;
DROP INDEX residents_id_number;
CREATE UNIQUE INDEX residents_id_index ON residents(id_index) WHERE voided = 0;

-- Name, initials and address keep their trigram index; the numbers leave it for keyed terms.
DROP TRIGGER residents_fts_ai;
DROP TRIGGER residents_fts_ad;
DROP TRIGGER residents_fts_au;
DROP TABLE residents_fts;
CREATE VIRTUAL TABLE residents_fts USING fts5(
    name, initials, address,
    content='residents', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER residents_fts_ai AFTER INSERT ON residents BEGIN
    INSERT INTO residents_fts(rowid, name, initials, address)
    VALUES (new.id, new.name, new.initials, new.address);
END;
CREATE TRIGGER residents_fts_ad AFTER DELETE ON residents BEGIN
    INSERT INTO residents_fts(residents_fts, rowid, name, initials, address)
    VALUES ('delete', old.id, old.name, old.initials, old.address);
END;
CREATE TRIGGER residents_fts_au AFTER UPDATE OF name, initials, address ON residents BEGIN
    INSERT INTO residents_fts(residents_fts, rowid, name, initials, address)
    VALUES ('delete', old.id, old.name, old.initials, old.address);
    INSERT INTO residents_fts(rowid, name, initials, address)
    VALUES (new.id, new.name, new.initials, new.address);
END;
INSERT INTO residents_fts(residents_fts) VALUES ('rebuild');

-- Parts of ID and phone numbers: keyed trigram terms bound to their position, written by
-- the program (it holds the key), one row per resident (rowid = residents.id).
CREATE VIRTUAL TABLE resident_numbers USING fts5(terms, content='', contentless_delete=1, tokenize='unicode61');
