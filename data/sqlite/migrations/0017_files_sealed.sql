-- Kept PDFs of signed letters and attachments sealed with the office's data key (crypt.go):
-- the bytes stored are blobMagic ‖ nonce ‖ AES-256-GCM(file). The existing sums (documents.
-- pdf_sha256, attachments.sha256) stay the SHA-256 of the file itself, as audited and shown;
-- these are the SHA-256 of the bytes stored, so `check` without a key still finds a changed
-- byte. '' until the file is sealed (an office written before, sealed at the next log-in).
ALTER TABLE documents ADD COLUMN pdf_sealed_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE attachments ADD COLUMN sealed_sha256 TEXT NOT NULL DEFAULT '';

-- Residents' addresses are sealed too (residents.address, households.address): the name and
-- initials keep their trigram index; the address is found through keyed trigram terms in
-- resident_numbers, written by the program.
DROP TRIGGER residents_fts_ai;
DROP TRIGGER residents_fts_ad;
DROP TRIGGER residents_fts_au;
DROP TABLE residents_fts;
CREATE VIRTUAL TABLE residents_fts USING fts5(
    name, initials,
    content='residents', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER residents_fts_ai AFTER INSERT ON residents BEGIN
    INSERT INTO residents_fts(rowid, name, initials) VALUES (new.id, new.name, new.initials);
END;
CREATE TRIGGER residents_fts_ad AFTER DELETE ON residents BEGIN
    INSERT INTO residents_fts(residents_fts, rowid, name, initials) VALUES ('delete', old.id, old.name, old.initials);
END;
CREATE TRIGGER residents_fts_au AFTER UPDATE OF name, initials ON residents BEGIN
    INSERT INTO residents_fts(residents_fts, rowid, name, initials) VALUES ('delete', old.id, old.name, old.initials);
    INSERT INTO residents_fts(rowid, name, initials) VALUES (new.id, new.name, new.initials);
END;
INSERT INTO residents_fts(residents_fts) VALUES ('rebuild');

-- An office that already has its data key seals its addresses, and writes their search
-- terms, at the next log-in (cryptoffice.go); one without a key does it as it is encrypted.
INSERT INTO settings (key, value) SELECT 'seal_pending', 'addresses' WHERE EXISTS (SELECT 1 FROM settings WHERE key = 'data_key');
