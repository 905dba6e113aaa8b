-- 代收人 (issue 9): a decision delivered directly may be received by an adult family member who
-- lives with the recipient; the receipt names that person and has a row for their signature.
ALTER TABLE deliveries ADD COLUMN agent TEXT NOT NULL DEFAULT '';
