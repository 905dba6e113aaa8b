-- Kept PDFs of signed letters and attachments sealed with the office's data key (crypt.go):
-- the bytes stored are blobMagic ‖ nonce ‖ AES-256-GCM(file). The existing sums (documents.
-- pdf_sha256, attachments.sha256) stay the SHA-256 of the file itself, as audited and shown;
-- these are the SHA-256 of the bytes stored, so `check` without a key still finds a changed
-- byte. '' until the file is sealed (an office written before, sealed at the next log-in).
ALTER TABLE documents ADD COLUMN pdf_sealed_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE attachments ADD COLUMN sealed_sha256 TEXT NOT NULL DEFAULT '';
