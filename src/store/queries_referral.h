/*
 * queries_referral.h — the query ids of the referral domain (store layer): referrals out to providers and agencies, reports in from police, schools and health centres.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_referral.inc.
 */
