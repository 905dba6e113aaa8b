-- 上门服务 (job 3): the service ledger, the residents and staff of each service, and the latest
-- certification per resident and item, kept by the service transactions so the 认证 lists are
-- index queries over residents, not scans of services.

CREATE TABLE services (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL,              -- FW-2026-0001, from counters('service', year)
    year          INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    served_on     TEXT NOT NULL,
    type          TEXT NOT NULL CHECK (type IN ('上门办', '入户认证', '帮办代办', '陪同办', '走访慰问', '政策宣传')),
    item          TEXT NOT NULL,
    community_id  INTEGER REFERENCES communities(id), -- of the first resident served
    content       TEXT NOT NULL,
    result        TEXT NOT NULL CHECK (result IN ('已办结', '未办结', '转办')),
    follow_up_on  TEXT,
    on_the_spot   INTEGER NOT NULL DEFAULT 0,
    -- 1 when a resident served was aged 60 or over on the service date (老年人占比).
    elderly       INTEGER NOT NULL DEFAULT 0,
    -- For the list: the residents' names (张三、李四) and the first one's ID number, the staff.
    resident_names TEXT NOT NULL DEFAULT '',
    first_id_number TEXT NOT NULL DEFAULT '',
    staff_names   TEXT NOT NULL DEFAULT '',
    voided        INTEGER NOT NULL DEFAULT 0,
    void_reason   TEXT NOT NULL DEFAULT '',
    created_by    INTEGER REFERENCES users(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX services_number ON services(number);
-- The ledger list: every index starts with voided and ends with the default order, so a page
-- and the total are read from an index range.
CREATE INDEX services_date ON services(voided, served_on);
CREATE INDEX services_type_date ON services(voided, type, served_on);
CREATE INDEX services_item_date ON services(voided, item, served_on);
CREATE INDEX services_type_item_date ON services(voided, type, item, served_on);
CREATE INDEX services_result_date ON services(voided, result, served_on);
CREATE INDEX services_community_date ON services(voided, community_id, served_on);
CREATE INDEX services_community_type_date ON services(voided, community_id, type, served_on);
CREATE INDEX services_follow_up ON services(voided, follow_up_on, served_on);
-- Statistics: one covering index for the figures of a period.
CREATE INDEX services_stats ON services(voided, served_on, type, elderly, on_the_spot, result, community_id);

CREATE TABLE service_residents (
    service_id  INTEGER NOT NULL REFERENCES services(id),
    resident_id INTEGER NOT NULL REFERENCES residents(id),
    PRIMARY KEY (service_id, resident_id)
);
CREATE INDEX service_residents_resident ON service_residents(resident_id, service_id);

-- served_on and voided are copies of the service's, so "services by one member of staff" is
-- one index range in date order.
CREATE TABLE service_staff (
    service_id INTEGER NOT NULL REFERENCES services(id),
    user_id    INTEGER REFERENCES users(id),
    name       TEXT NOT NULL,
    served_on  TEXT NOT NULL,
    voided     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (service_id, name)
);
CREATE INDEX service_staff_name ON service_staff(name, voided, served_on, service_id);

-- The latest completed (已办结), not voided service of each item per resident. The resident's
-- community, birth date and whether they are in any cycle at all (active: 在册 and not voided)
-- are copied here so each state of a 认证 list is counted from one covering index range;
-- the trigger below keeps the copies in step with the residents.
CREATE TABLE cert_last (
    resident_id  INTEGER NOT NULL REFERENCES residents(id),
    item         TEXT NOT NULL,
    last_on      TEXT NOT NULL,
    service_id   INTEGER NOT NULL REFERENCES services(id),
    community_id INTEGER NOT NULL,
    birth_date   TEXT NOT NULL,
    active       INTEGER NOT NULL,
    PRIMARY KEY (resident_id, item)
);
CREATE INDEX cert_last_count ON cert_last(item, active, birth_date, last_on);
CREATE INDEX cert_last_community ON cert_last(item, active, community_id, birth_date, last_on);

CREATE TRIGGER residents_cert_last AFTER UPDATE OF status, voided, birth_date, community_id ON residents
BEGIN
    UPDATE cert_last SET community_id = NEW.community_id, birth_date = NEW.birth_date,
        active = CASE WHEN NEW.status = 'active' AND NEW.voided = 0 THEN 1 ELSE 0 END
    WHERE resident_id = NEW.id;
END;

-- Residents in a cycle are found by status and birth date, per community.
CREATE INDEX residents_live_status_birth ON residents (status, birth_date) WHERE voided = 0;
CREATE INDEX residents_live_status_community_birth ON residents (status, community_id, birth_date) WHERE voided = 0;

INSERT INTO catalog (kind, value, sort) VALUES
    ('service_topic', '高龄津贴认证', 1),
    ('service_topic', '养老保险资格认证', 2),
    ('service_topic', '残疾人证办理', 3),
    ('service_topic', '低保申请', 4),
    ('service_topic', '特困供养申请', 5),
    ('service_topic', '临时救助申请', 6),
    ('service_topic', '医保报销', 7),
    ('service_topic', '医保参保登记', 8),
    ('service_topic', '居民养老保险缴费', 9),
    ('service_topic', '老年优待证办理', 10),
    ('service_topic', '社保卡办理', 11),
    ('service_topic', '居住证明开具', 12),
    ('service_topic', '走访慰问', 13),
    ('service_topic', '政策宣传', 14),
    ('service_topic', '其他', 15);
