-- The audit chain is signed with the office's key, which is kept outside this file (see
-- auditkey.go): each entry's HMAC. Entries written before this migration have none; the step
-- of this migration gives the office its identifier and key and writes the first signed entry.
ALTER TABLE audit_log ADD COLUMN mac TEXT NOT NULL DEFAULT '';
