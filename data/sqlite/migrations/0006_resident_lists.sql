-- Resident lists stay fast on a large office: tags get a table of their own (a tag filter is
-- an index lookup instead of a LIKE over every row), and the orders a list offers have
-- indexes over the residents that are not voided, with and without a community.
CREATE TABLE resident_tags (
    resident_id INTEGER NOT NULL REFERENCES residents(id),
    tag         TEXT NOT NULL,
    PRIMARY KEY (resident_id, tag)
);
CREATE INDEX resident_tags_tag ON resident_tags (tag, resident_id);

INSERT INTO resident_tags (resident_id, tag)
WITH RECURSIVE split(id, rest, tag) AS (
    SELECT id, tags || ',', '' FROM residents WHERE tags <> ''
    UNION ALL
    SELECT id, substr(rest, instr(rest, ',') + 1), substr(rest, 1, instr(rest, ',') - 1) FROM split WHERE rest <> ''
)
SELECT DISTINCT id, tag FROM split WHERE tag <> '';

CREATE INDEX residents_live_community ON residents (community_id) WHERE voided = 0;
CREATE INDEX residents_live_community_name ON residents (community_id, name) WHERE voided = 0;
CREATE INDEX residents_live_community_birth ON residents (community_id, birth_date) WHERE voided = 0;
CREATE INDEX residents_live_community_address ON residents (community_id, address) WHERE voided = 0;
CREATE INDEX residents_live_name ON residents (name) WHERE voided = 0;
CREATE INDEX residents_live_birth ON residents (birth_date) WHERE voided = 0;
CREATE INDEX residents_live_address ON residents (address) WHERE voided = 0;
