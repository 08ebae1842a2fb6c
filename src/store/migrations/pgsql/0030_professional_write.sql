-- 0030 the register of professionals written faster (issue 5; the SQLite
-- form explains). PostgreSQL checks `profile IN (...)` without the cost
-- SQLite has, so the CHECK stays; the indexes change as in SQLite: the two
-- no query uses go, and professional_fold_family holds (fold_family,
-- fold_given), the list's order.
DROP INDEX IF EXISTS professional_fold_given;
DROP INDEX IF EXISTS professional_municipality;
DROP INDEX IF EXISTS professional_fold_family;
CREATE INDEX professional_fold_family ON professional(fold_family,
    fold_given);
