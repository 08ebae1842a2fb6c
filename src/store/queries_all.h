/*
 * queries_all.h — every domain's query list, in one place (store layer):
 * included, inside an X-macro definition of Q(id, must_touch), wherever a
 * table over all query ids is built (the enum in query.h, the names and the
 * must-touch flags in store.c), so a new domain is one line here. No
 * include guard: it is meant to be included several times.
 */
#include "queries_foundation.h"
#include "queries_intake.h"
#include "queries_cases.h"
#include "queries_deadlines.h"
#include "queries_demo.h"
#include "queries_documents.h"
#include "queries_casework.h"
#include "queries_closure.h"
#include "queries_children.h"
#include "queries_conference.h"
#include "queries_community.h"
#include "queries_notify.h"
#include "queries_provider.h"
#include "queries_referral.h"
#include "queries_protect.h"
#include "queries_grant.h"
#include "queries_training.h"
#include "queries_indicator.h"
#include "queries_report.h"
#include "queries_import.h"
#include "queries_importjob.h"
#include "queries_job.h"
