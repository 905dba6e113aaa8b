-- Full-text search of issue descriptions and addresses through two-character terms (see
-- search.go), and an index for one community's issues in deadline order.
CREATE VIRTUAL TABLE issues_fts USING fts5(terms, content='', contentless_delete=1, tokenize='unicode61');
INSERT INTO issues_fts (rowid, terms) SELECT id, tz_bigrams(description || ' ' || address) FROM issues;
CREATE TRIGGER issues_fts_ai AFTER INSERT ON issues BEGIN
    INSERT INTO issues_fts (rowid, terms) VALUES (new.id, tz_bigrams(new.description || ' ' || new.address));
END;
CREATE TRIGGER issues_fts_au AFTER UPDATE OF description, address ON issues BEGIN
    DELETE FROM issues_fts WHERE rowid = old.id;
    INSERT INTO issues_fts (rowid, terms) VALUES (new.id, tz_bigrams(new.description || ' ' || new.address));
END;
CREATE INDEX issues_community_deadline ON issues (community_id, deadline, found_on);
