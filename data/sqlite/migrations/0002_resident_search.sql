-- Resident search: a trigram full-text index over name, pinyin initials, ID number, phone
-- and address, kept in step by triggers. SQLite-specific by nature; a PostgreSQL store would
-- use pg_trgm instead.
CREATE VIRTUAL TABLE residents_fts USING fts5(
    name, initials, id_number, phone, address,
    content='residents', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER residents_fts_ai AFTER INSERT ON residents BEGIN
    INSERT INTO residents_fts(rowid, name, initials, id_number, phone, address)
    VALUES (new.id, new.name, new.initials, new.id_number, new.phone, new.address);
END;
CREATE TRIGGER residents_fts_ad AFTER DELETE ON residents BEGIN
    INSERT INTO residents_fts(residents_fts, rowid, name, initials, id_number, phone, address)
    VALUES ('delete', old.id, old.name, old.initials, old.id_number, old.phone, old.address);
END;
CREATE TRIGGER residents_fts_au AFTER UPDATE OF name, initials, id_number, phone, address ON residents BEGIN
    INSERT INTO residents_fts(residents_fts, rowid, name, initials, id_number, phone, address)
    VALUES ('delete', old.id, old.name, old.initials, old.id_number, old.phone, old.address);
    INSERT INTO residents_fts(rowid, name, initials, id_number, phone, address)
    VALUES (new.id, new.name, new.initials, new.id_number, new.phone, new.address);
END;
