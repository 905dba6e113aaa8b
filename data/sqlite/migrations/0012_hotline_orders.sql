-- 12345 热线工单: the hotline's work-order number (工单编号) of an issue imported from the
-- hotline's export, kept so that a later export of the same orders adds only the new ones,
-- and found by the ledger's search. '' for every other issue.
ALTER TABLE issues ADD COLUMN hotline_order TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX issues_hotline_order ON issues(hotline_order) WHERE hotline_order <> '';
