-- PostgreSQL form of ../sqlite/0025_conference_unit.sql: keep the two in step (same number,
-- same tables, columns, CHECKs and indexes).
-- 0025 a case conference may be for one administrative unit of the
-- municipality (DOMAIN.md §1: Albania's municipalities have administrative
-- units; issue 4 "schedule a TMR/GTN meeting for a municipality or
-- administrative unit"). '' is the whole municipality. The value is one of
-- the units written on the children of the unit's cases (child.admin_unit),
-- so the agenda proposes exactly those children's cases.
ALTER TABLE conference ADD COLUMN admin_unit TEXT NOT NULL DEFAULT ''
    CHECK (length(admin_unit) <= 100);
