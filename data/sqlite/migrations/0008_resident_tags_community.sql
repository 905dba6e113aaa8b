-- A tag filter within one community reads only that community's tagged residents.
ALTER TABLE resident_tags ADD COLUMN community_id INTEGER NOT NULL DEFAULT 0;
UPDATE resident_tags SET community_id = (SELECT community_id FROM residents r WHERE r.id = resident_tags.resident_id);
CREATE INDEX resident_tags_tag_community ON resident_tags (tag, community_id, resident_id);
