/*
 * queries_children.h — the query ids of the children domain (store layer):
 * the child record: editing, caregivers and household, sibling links,
 * history, merging. An X-macro list Q(id, must_touch); see
 * queries_foundation.h. The SQL is in sql_sqlite_children.inc; the child
 * queries of registration and the duplicate check stay in queries_intake.h.
 *
 * VIS is the four visibility parameters of queries_intake.h (agency, user,
 * team|NULL, unit). CHILD_CASE_VISIBLE (a case of the child in scope) is
 * the rule for writing a child; CHILD_VISIBLE (also a report in the
 * agency's intake) the rule for reading one.
 *
 * Checklist when adding one: the id here, its SQL in sql_sqlite_children.inc
 * (same parameters and columns), its use in svc/child.c and a unit test in
 * tests/unit/test_children.c that runs it.
 */
Q(Q_CHILD_WRITABLE, 0)	/* id, VIS(2..5) -> CHILD_COLS, merged_into (a case in scope) */
Q(Q_CHILD_MERGED_INTO, 0)	/* id -> merged_into|0 (unchecked) */
Q(Q_CHILD_TOUCH, 1)	/* id, version, now -> version (must touch) */
Q(Q_CHILD_CASES, 0)	/* child, VIS(2..5), limit -> id, number, status, risk, opened_at, municipality, worker */
Q(Q_CHILD_CASE_IDS, 0)	/* child -> id (unchecked: inside a merge) */
Q(Q_CHILD_EVENT_ADD, 0)	/* child, at, actor, kind, field, before, after, note */
Q(Q_CHILD_EVENTS, 0)	/* child, limit -> id, at, actor, kind, field, before, after, note, child (its own and its merged records') */
Q(Q_CHILD_ALIAS_ADD, 0)	/* child, from, given, family, parent, fg, ff, fp, now */
Q(Q_CHILD_ALIASES, 0)	/* child -> given, family, parent, fold_given, fold_family, fold_parent, from_child */
Q(Q_CHILD_ALIASES_OF, 0)	/* JSON array of child ids -> child_id, given, family, parent */
Q(Q_CHILD_ALIAS_MOVE, 0)	/* from, to */
Q(Q_CAREGIVER_ADD, 0)	/* child, name, relation, guardian, lives_with, phone, note, now -> id */
Q(Q_CAREGIVER_LIST, 0)	/* child -> id, name, relation, is_guardian, lives_with, phone, note */
Q(Q_CAREGIVER_UPDATE, 1)	/* id, child, name, relation, guardian, lives_with, phone, note (must touch) */
Q(Q_CAREGIVER_DELETE, 1)	/* id, child (must touch) */
Q(Q_CAREGIVER_MOVE, 0)	/* from, to */
Q(Q_CHILD_LINKS, 0)	/* child -> other, relation (unchecked) */
Q(Q_CHILD_LINK_ADD, 0)	/* a, b (a < b), relation, now */
Q(Q_CHILD_LINK_DEL, 1)	/* a, b (must touch) */
Q(Q_CHILD_SIBLINGS, 0)	/* child, VIS(2..5) -> other, relation, visible, given, family, birth_date */
Q(Q_CHILD_MOVE_CASES, 0)	/* from, to, now */
Q(Q_CHILD_MOVE_REPORTS, 0)	/* from, to */
Q(Q_CHILD_SET_MERGED, 1)	/* dup, keep, version, by, now -> version (must touch; not merged yet) */
Q(Q_CHILD_REPOINT_MERGED, 0)	/* from, to: records merged into from now point to to */
