-- 0033 open cases by risk at a past period end from the counters (issue 6):
-- open at T = open now (ind_open, ind_open_dim) + a correction over the
-- cases where the two can differ (Q_IND_OPEN_DELTA). The cases opened or
-- closed at or after T and the transferred ones are found through the
-- indexes on (municipality_id, opened_at), (municipality_id, closed_at) and
-- (municipality_id, status); this one finds the cases whose status and
-- closed_at disagree (a status other than closed with a closing date, or
-- closed without one): none in data written by the services.
CREATE INDEX ind_case_odd ON case_file(municipality_id)
    WHERE (status = 'closed') = (closed_at IS NULL);
