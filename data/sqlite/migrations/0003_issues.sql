-- 问题台账 and 整改跟踪 (jobs 1 and 2): issues, their history, linked residents, the working
-- calendar, and the default catalogs of sources, categories and responsible units.
--
-- Dates are YYYY-MM-DD text (NULL for "no date"), timestamps RFC 3339 UTC text. Deadline
-- states (逾期/临期) are never stored: lists compute them from today's date.

CREATE TABLE issues (
    id                 INTEGER PRIMARY KEY,
    number             TEXT NOT NULL,            -- WT-2026-0001, from counters('issue', year)
    year               INTEGER NOT NULL,
    seq                INTEGER NOT NULL,
    found_on           TEXT NOT NULL,
    source             TEXT NOT NULL,
    category           TEXT NOT NULL,
    description        TEXT NOT NULL,
    community_id       INTEGER REFERENCES communities(id),
    grid_id            INTEGER REFERENCES grids(id),
    address            TEXT NOT NULL DEFAULT '',
    found_by_id        INTEGER REFERENCES users(id),
    found_by           TEXT NOT NULL DEFAULT '',
    tier               TEXT NOT NULL CHECK (tier IN ('simple', 'general', 'complex')),
    responsible_unit   TEXT NOT NULL DEFAULT '',
    responsible_person TEXT NOT NULL DEFAULT '',
    deadline           TEXT NOT NULL,            -- the current one, after any approved extension
    deadline_workdays  INTEGER NOT NULL DEFAULT 0,
    measures           TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'pending_review', 'closed', 'voided')),
    result             TEXT NOT NULL DEFAULT '',
    lasting_measure    TEXT NOT NULL DEFAULT '',
    closed_on          TEXT,                     -- NULL unless closed
    duplicate_of       INTEGER REFERENCES issues(id),
    void_reason        TEXT NOT NULL DEFAULT '',
    -- An extension request awaiting the reviewer: the deadline asked for (NULL: none pending).
    pending_deadline   TEXT,
    -- The latest follow-up visit (回访), for lists; the history keeps every visit.
    follow_up_on       TEXT,
    satisfaction       TEXT NOT NULL DEFAULT '',
    -- 1 once a visit has been made since the issue was last closed; 0 while one is owed.
    followed_up        INTEGER NOT NULL DEFAULT 0,
    created_by         INTEGER REFERENCES users(id),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE UNIQUE INDEX issues_number ON issues(number);
CREATE UNIQUE INDEX issues_year_seq ON issues(year, seq);
-- The ledger list: each filter has an index that also gives the default order (found_on), so
-- one page and the total are read from an index range, not the whole table.
CREATE INDEX issues_found ON issues(found_on);
CREATE INDEX issues_status_found ON issues(status, found_on);
CREATE INDEX issues_status_deadline ON issues(status, deadline);
CREATE INDEX issues_community_found ON issues(community_id, found_on);
CREATE INDEX issues_grid_found ON issues(grid_id, found_on);
CREATE INDEX issues_category_found ON issues(category, found_on);
CREATE INDEX issues_source_found ON issues(source, found_on);
CREATE INDEX issues_unit_found ON issues(responsible_unit, found_on);
CREATE INDEX issues_tier_found ON issues(tier, found_on);
CREATE INDEX issues_deadline_found ON issues(deadline, found_on);
-- Work lists of the dashboard: visits owed and extensions awaiting approval.
CREATE INDEX issues_follow_up_due ON issues(followed_up, status, closed_on);
CREATE INDEX issues_extension_due ON issues(pending_deadline) WHERE pending_deadline IS NOT NULL;

CREATE TABLE issue_residents (
    issue_id    INTEGER NOT NULL REFERENCES issues(id),
    resident_id INTEGER NOT NULL REFERENCES residents(id),
    PRIMARY KEY (issue_id, resident_id)
);
CREATE INDEX issue_residents_resident ON issue_residents(resident_id);

-- The history of an issue: every transition, progress entry, extension request/decision,
-- follow-up visit and duplicate link. Evidence files are attachments owned by
-- ('issue_events', id).
CREATE TABLE issue_events (
    id           INTEGER PRIMARY KEY,
    issue_id     INTEGER NOT NULL REFERENCES issues(id),
    on_date      TEXT NOT NULL,              -- the day it happened, as entered
    action       TEXT NOT NULL,              -- data.IssueAction (or link_duplicate)
    from_status  TEXT NOT NULL DEFAULT '',
    to_status    TEXT NOT NULL DEFAULT '',
    user_id      INTEGER REFERENCES users(id),
    user_name    TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',   -- progress, result, reason, remarks
    old_deadline TEXT,
    new_deadline TEXT,
    satisfaction TEXT NOT NULL DEFAULT '',
    method       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);
-- Serves the history page (issue_id) and the figures' "latest visit by the period end".
CREATE INDEX issue_events_issue ON issue_events(issue_id, action, on_date);

-- The working calendar: days that differ from the Monday–Friday week (off = 1: 休;
-- off = 0: 调休上班). Seeded below from data.DefaultHolidays; the administrator edits it.
CREATE TABLE work_calendar (
    day  TEXT PRIMARY KEY,
    off  INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT ''
);

-- Seeds. They are copied from data.DefaultHolidays, data.DefaultIssueSources and
-- data.DefaultIssueCategories; TestMigrationSeedsMatchDefaults fails if they drift apart.
-- A later shipped year (2027 …) comes with a migration of its own.
INSERT INTO work_calendar (day, off, name) VALUES
    ('2025-01-01', 1, '元旦'),
    ('2025-01-26', 0, '春节'),
    ('2025-01-28', 1, '春节'), ('2025-01-29', 1, '春节'), ('2025-01-30', 1, '春节'), ('2025-01-31', 1, '春节'),
    ('2025-02-01', 1, '春节'), ('2025-02-02', 1, '春节'), ('2025-02-03', 1, '春节'), ('2025-02-04', 1, '春节'),
    ('2025-02-08', 0, '春节'),
    ('2025-04-04', 1, '清明节'), ('2025-04-05', 1, '清明节'), ('2025-04-06', 1, '清明节'),
    ('2025-04-27', 0, '劳动节'),
    ('2025-05-01', 1, '劳动节'), ('2025-05-02', 1, '劳动节'), ('2025-05-03', 1, '劳动节'), ('2025-05-04', 1, '劳动节'), ('2025-05-05', 1, '劳动节'),
    ('2025-05-31', 1, '端午节'), ('2025-06-01', 1, '端午节'), ('2025-06-02', 1, '端午节'),
    ('2025-09-28', 0, '国庆节、中秋节'),
    ('2025-10-01', 1, '国庆节、中秋节'), ('2025-10-02', 1, '国庆节、中秋节'), ('2025-10-03', 1, '国庆节、中秋节'), ('2025-10-04', 1, '国庆节、中秋节'),
    ('2025-10-05', 1, '国庆节、中秋节'), ('2025-10-06', 1, '国庆节、中秋节'), ('2025-10-07', 1, '国庆节、中秋节'), ('2025-10-08', 1, '国庆节、中秋节'),
    ('2025-10-11', 0, '国庆节、中秋节'),
    ('2026-01-01', 1, '元旦'), ('2026-01-02', 1, '元旦'), ('2026-01-03', 1, '元旦'),
    ('2026-01-04', 0, '元旦'),
    ('2026-02-14', 0, '春节'),
    ('2026-02-15', 1, '春节'), ('2026-02-16', 1, '春节'), ('2026-02-17', 1, '春节'), ('2026-02-18', 1, '春节'), ('2026-02-19', 1, '春节'),
    ('2026-02-20', 1, '春节'), ('2026-02-21', 1, '春节'), ('2026-02-22', 1, '春节'), ('2026-02-23', 1, '春节'),
    ('2026-02-28', 0, '春节'),
    ('2026-04-04', 1, '清明节'), ('2026-04-05', 1, '清明节'), ('2026-04-06', 1, '清明节'),
    ('2026-05-01', 1, '劳动节'), ('2026-05-02', 1, '劳动节'), ('2026-05-03', 1, '劳动节'), ('2026-05-04', 1, '劳动节'), ('2026-05-05', 1, '劳动节'),
    ('2026-05-09', 0, '劳动节'),
    ('2026-06-19', 1, '端午节'), ('2026-06-20', 1, '端午节'), ('2026-06-21', 1, '端午节'),
    ('2026-09-20', 0, '国庆节'),
    ('2026-09-25', 1, '中秋节'), ('2026-09-26', 1, '中秋节'), ('2026-09-27', 1, '中秋节'),
    ('2026-10-01', 1, '国庆节'), ('2026-10-02', 1, '国庆节'), ('2026-10-03', 1, '国庆节'), ('2026-10-04', 1, '国庆节'),
    ('2026-10-05', 1, '国庆节'), ('2026-10-06', 1, '国庆节'), ('2026-10-07', 1, '国庆节'),
    ('2026-10-10', 0, '国庆节');

INSERT INTO catalog (kind, value, sort) VALUES
    ('issue_source', '沉浸式体验/走流程', 1),
    ('issue_source', '日常巡查', 2),
    ('issue_source', '居民反映', 3),
    ('issue_source', '12345热线', 4),
    ('issue_source', '上级交办', 5),
    ('issue_source', '督查检查', 6),
    ('issue_source', '网格员上报', 7),
    ('issue_source', '议事协商', 8),
    ('issue_category', '环境卫生', 1),
    ('issue_category', '安全隐患', 2),
    ('issue_category', '政务服务/办事指引', 3),
    ('issue_category', '物业管理', 4),
    ('issue_category', '矛盾纠纷', 5),
    ('issue_category', '基础设施', 6),
    ('issue_category', '其他', 7),
    ('responsible_unit', '社区居委会', 1),
    ('responsible_unit', '街道便民服务中心', 2),
    ('responsible_unit', '街道综合行政执法队', 3),
    ('responsible_unit', '街道应急管理办公室', 4),
    ('responsible_unit', '街道城建办', 5),
    ('responsible_unit', '社区人民调解委员会', 6),
    ('responsible_unit', '物业服务企业', 7),
    ('responsible_unit', '区住建局', 8),
    ('responsible_unit', '区市政公用事业服务中心', 9);
