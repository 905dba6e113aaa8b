-- Every order the issue ledger offers has an index, so a page of a large result is read in
-- order instead of sorting the whole result (see ListIssues).
CREATE INDEX issues_address ON issues (address, found_on);
CREATE INDEX issues_found_by ON issues (found_by, found_on);
CREATE INDEX issues_person ON issues (responsible_person, found_on);
CREATE INDEX issues_closed_on ON issues (closed_on, found_on);
CREATE INDEX issues_updated ON issues (updated_at, found_on);
-- One community's issues of one category: the pair a community office filters by most.
CREATE INDEX issues_community_category ON issues (community_id, category, found_on);
