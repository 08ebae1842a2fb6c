/*
 * queries_provider.h — the query ids of the provider domain (store layer): the provider registry: licences, inspections.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_provider.inc.
 */
/*
 * Checklist when adding one: the id here, its SQL in
 * sql_sqlite_provider.inc (same parameters and columns), its use in
 * svc/provider.c and a unit test in test_provider.c. PV_PROVIDER_COLS,
 * PV_LICENCE_COLS, PV_STANDARD_COLS and PV_INSPECTION_COLS are read by the
 * row callbacks of svc/provider.c in their order.
 */
Q(Q_PV_MUNI_COUNTRY, 0)	/* municipality -> country */
Q(Q_PV_PROVIDER_GET, 0)	/* agency, today -> PV_PROVIDER_COLS (type provider) */
Q(Q_PV_PROVIDERS, 0)	/* country|NULL, own agency|0, scope municipality|0, service|NULL, municipality|0, status|NULL, today, limit, offset -> PV_PROVIDER_COLS, total */
Q(Q_PV_PROFILE_INSERT, 0)	/* agency, form, reg, address, phone, email, description, by, now */
Q(Q_PV_PROFILE_UPDATE, 1)	/* agency, form, reg, address, phone, email, description, by, now, version (must touch) */
Q(Q_PV_LICENCE_INSERT, 0)	/* agency, country, number, issued, expires, capacity, renews|NULL, by, now -> id */
Q(Q_PV_LICENCE_SERVICE_ADD, 0)	/* licence, service */
Q(Q_PV_LICENCE_MUNI_ADD, 0)	/* licence, municipality */
Q(Q_PV_LICENCE_OVERLAP, 0)	/* agency, service, issued, expires -> licence id (not revoked, periods overlap) */
Q(Q_PV_LICENCE_NUMBER, 0)	/* country, number -> licence id */
Q(Q_PV_LICENCES, 0)	/* agency, today -> PV_LICENCE_COLS (newest first) */
Q(Q_PV_LICENCE_GET, 0)	/* licence, today -> PV_LICENCE_COLS */
Q(Q_PV_LICENCE_STATUS, 1)	/* licence, status, reason, date, now, version (must touch: not revoked, version) */
Q(Q_PV_LICENSED, 0)	/* agency, service, date, municipality|0 -> licence id, number */
Q(Q_PV_LICENSED_LIST, 0)	/* service|NULL, date, municipality|0, country|NULL, limit -> agency, licence, name, number, expires, capacity */
Q(Q_PV_EXPIRING, 0)	/* today, horizon -> licence, agency, expires, seat municipality (active, not renewed, today < expires <= horizon) */
Q(Q_PV_MUNI_ADMINS, 0)	/* municipality -> user id (active municipal administrators) */
Q(Q_PV_STANDARDS, 0)	/* country|NULL, active only (0/1) -> PV_STANDARD_COLS */
Q(Q_PV_STANDARD_GET, 0)	/* standard -> PV_STANDARD_COLS */
Q(Q_PV_STANDARD_INSERT, 0)	/* country, sq, en, sr, now -> id */
Q(Q_PV_STANDARD_UPDATE, 1)	/* standard, sq, en, sr, active, now, version (must touch) */
Q(Q_PV_STANDARD_DELETE, 1)	/* standard (must touch: not in use) */
Q(Q_PV_INSPECTION_INSERT, 0)	/* agency, licence, country, date, inspectors, by, now -> id */
Q(Q_PV_INSPECTION_SEED, 0)	/* inspection, country: one unrated item per active standard */
Q(Q_PV_INSPECTION_GET, 0)	/* inspection -> PV_INSPECTION_COLS */
Q(Q_PV_INSPECTIONS, 0)	/* agency -> PV_INSPECTION_COLS (newest first) */
Q(Q_PV_INSPECTION_ITEMS, 0)	/* inspection -> standard, num, sq, en, sr, rating, notes */
Q(Q_PV_ITEM_SET, 1)	/* inspection, standard, rating|NULL, notes (must touch) */
Q(Q_PV_INSPECTION_TOUCH, 1)	/* inspection, date, inspectors, version -> version (must touch: draft, version) */
Q(Q_PV_INSPECTION_COMPLETE, 1)	/* inspection, score, by, now (must touch: draft) */
Q(Q_PV_ACTION_INSERT, 0)	/* inspection, action, deadline, by, now -> id */
Q(Q_PV_ACTIONS, 0)	/* inspection -> id, action, deadline, done_on, created_at */
Q(Q_PV_ACTION_DONE, 1)	/* action, inspection, date, by (must touch: not done) */
