/*
 * routes.c — the route table: every URL of the system with its method,
 * permission, CSRF flag, accepted fields and body limit (app layer). The
 * dispatcher (http/dispatch.c) enforces all of it before a handler runs.
 *
 * Checklist when adding a route: the entry here, its handler in web/ or
 * api/, its section in docs/API.md, its row in tests/golden/authz_matrix.txt
 * (`rrjeti routes --matrix`), and its checks in tests/http/.
 */
#include <stddef.h>

#include "../api/api.h"
#include "../web/web.h"
#include "app.h"

static const char *const langs[] = { "sq", "en", "sr", NULL };
static const char *const roles[] = { "caseworker", "supervisor",
	"table_member", "provider_user", "community_member", "municipal_admin",
	"central_analyst", "auditor", "sysadmin", "donor", NULL };
static const char *const scopes[] = { "own", "team", "unit", "municipality",
	"country", "aggregate", NULL };
static const char *const agency_types[] = { "social_work", "police", "school",
	"health", "provider", "ministry", "community", NULL };
static const char *const countries[] = { "XK", "AL", NULL };

static const struct field f_login_form[] = {
	{ "lang", F_ENUM, 0, 0, 0, langs },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_login[] = {
	{ "username", F_LINE, 1, 1, 64, NULL },
	{ "password", F_PASSWORD, 1, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_password[] = {
	{ "old_password", F_PASSWORD, 1, 0, 0, NULL },
	{ "new_password", F_PASSWORD, 1, 0, 0, NULL },
	{ "new_password2", F_PASSWORD, 1, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_language[] = {
	{ "lang", F_ENUM, 1, 0, 0, langs },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_token[] = {
	{ "name", F_LINE, 0, 0, 64, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_users_list[] = {
	{ "agency", F_ID, 0, 0, 0, NULL },
	{ "page", F_INT, 0, 1, 100000, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_user_create[] = {
	{ "username", F_LINE, 1, 3, 32, NULL },
	{ "full_name", F_LINE, 1, 1, 100, NULL },
	{ "password", F_PASSWORD, 1, 0, 0, NULL },
	{ "role", F_ENUM, 1, 0, 0, roles },
	{ "scope", F_ENUM, 0, 0, 0, scopes },
	{ "agency", F_ID, 0, 0, 0, NULL },
	{ "team", F_ID, 0, 0, 0, NULL },
	{ "lang", F_ENUM, 0, 0, 0, langs },
	{ "donor", F_ID, 0, 0, 0, NULL },	/* a donor user's donor */
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_user_update[] = {
	{ "full_name", F_LINE, 1, 1, 100, NULL },
	{ "role", F_ENUM, 1, 0, 0, roles },
	{ "scope", F_ENUM, 1, 0, 0, scopes },
	{ "agency", F_ID, 0, 0, 0, NULL },
	{ "team", F_ID, 0, 0, 0, NULL },
	{ "active", F_BOOL, 0, 0, 0, NULL },
	{ "version", F_INT, 1, 1, INT64_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_user_reset[] = {
	{ "password", F_PASSWORD, 1, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_agency_create[] = {
	{ "code", F_LINE, 1, 2, 16, NULL },
	{ "name", F_LINE, 1, 1, 120, NULL },
	{ "type", F_ENUM, 1, 0, 0, agency_types },
	{ "municipality", F_ID, 0, 0, 0, NULL },
	{ "country", F_ENUM, 0, 0, 0, countries },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_agency_update[] = {
	{ "name", F_LINE, 1, 1, 120, NULL },
	{ "type", F_ENUM, 1, 0, 0, agency_types },
	{ "active", F_BOOL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_team[] = {
	{ "name", F_LINE, 1, 1, 80, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_population_view[] = {
	{ "year", F_INT, 0, 1990, 2100, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_population_set[] = {
	{ "municipality", F_ID, 1, 0, 0, NULL },
	{ "year", F_INT, 1, 1990, 2100, NULL },
	{ "children", F_INT, 1, 0, 2000000, NULL },
	{ "estimated", F_BOOL, 0, 0, 0, NULL },
	{ "source", F_LINE, 0, 0, 100, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_audit[] = {
	{ "actor", F_LINE, 0, 0, 64, NULL },
	{ "action", F_LINE, 0, 0, 64, NULL },
	{ "from", F_DATE, 0, 0, 0, NULL },
	{ "to", F_DATE, 0, 0, 0, NULL },
	{ "page", F_INT, 0, 1, 100000, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_api_token[] = {
	{ "username", F_LINE, 1, 1, 64, NULL },
	{ "password", F_PASSWORD, 1, 0, 0, NULL },
	{ "name", F_LINE, 0, 0, 64, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

#include "routes_intake_fields.inc"
#include "routes_cases_fields.inc"
#include "routes_deadlines_fields.inc"
#include "routes_documents_fields.inc"
#include "routes_casework_fields.inc"
#include "routes_closure_fields.inc"
#include "routes_children_fields.inc"
#include "routes_conference_fields.inc"
#include "routes_community_fields.inc"
#include "routes_notify_fields.inc"
#include "routes_provider_fields.inc"
#include "routes_referral_fields.inc"
#include "routes_protect_fields.inc"
#include "routes_grant_fields.inc"
#include "routes_training_fields.inc"
#include "routes_indicator_fields.inc"
#include "routes_report_fields.inc"
#include "routes_import_fields.inc"
#include "routes_export_fields.inc"

#define FORM	BODY_FORM
#define JSON	BODY_JSON
#define NONE	BODY_NONE

const struct route app_routes[] = {
/* First: <list>/export must match before the lists' <list>/{id} (the
 * first match wins). */
#include "routes_export.inc"
	/* web: public */
	{ M_GET, "/login", "login.form", PERM_PUBLIC, 0, NONE, 0, f_login_form,
	    web_login_form, NULL },
	{ M_POST, "/login", "login", PERM_PUBLIC, 0, FORM, 0, f_login,
	    web_login, web_login_invalid },
	{ M_GET, "/static/{name}", "static", PERM_PUBLIC, RF_NOSESSION, NONE, 0,
	    NULL, web_static, NULL },
	{ M_GET, "/healthz", "healthz", PERM_PUBLIC, RF_NOSESSION, NONE, 0, NULL,
	    web_healthz, NULL },
	{ M_GET, "/metrics", "metrics", PERM_PUBLIC, RF_NOSESSION | RF_LOOPBACK,
	    NONE, 0, NULL, web_metrics, NULL },
	/* web: any logged-in user */
	{ M_GET, "/", "home", PERM_LOGIN, 0, NONE, 0, NULL, web_home, NULL },
	{ M_POST, "/logout", "logout", PERM_LOGIN, RF_CSRF, FORM, 0, NULL,
	    web_logout, NULL },
	{ M_GET, "/account", "account", PERM_LOGIN, 0, NONE, 0, NULL,
	    web_account, NULL },
	{ M_POST, "/account/password", "account.password", PERM_LOGIN, RF_CSRF,
	    FORM, 0, f_password, web_account_password, web_account_invalid },
	{ M_POST, "/account/language", "account.language", PERM_LOGIN, RF_CSRF,
	    FORM, 0, f_language, web_account_language, NULL },
	{ M_POST, "/account/tokens", "account.token.create", PERM_LOGIN,
	    RF_CSRF, FORM, 0, f_token, web_account_token_create,
	    web_account_invalid },
	{ M_POST, "/account/tokens/{id}/revoke", "account.token.revoke",
	    PERM_LOGIN, RF_CSRF, FORM, 0, NULL, web_account_token_revoke, NULL },
	/* web: administration */
	{ M_GET, "/admin/users", "users", PERM_USERS_READ, 0, NONE, 0,
	    f_users_list, web_users, NULL },
	{ M_GET, "/admin/users/new", "users.new", PERM_USERS_WRITE, 0, NONE, 0,
	    NULL, web_user_new, NULL },
	{ M_POST, "/admin/users", "users.create", PERM_USERS_WRITE, RF_CSRF,
	    FORM, 0, f_user_create, web_user_create, web_user_new },
	{ M_GET, "/admin/users/{id}", "users.view", PERM_USERS_READ, 0, NONE, 0,
	    NULL, web_user_view, NULL },
	{ M_POST, "/admin/users/{id}", "users.update", PERM_USERS_WRITE,
	    RF_CSRF, FORM, 0, f_user_update, web_user_update, web_user_view },
	{ M_POST, "/admin/users/{id}/password", "users.reset", PERM_USERS_WRITE,
	    RF_CSRF, FORM, 0, f_user_reset, web_user_reset, web_user_view },
	{ M_GET, "/admin/agencies", "agencies", PERM_AGENCIES_READ, 0, NONE, 0,
	    NULL, web_agencies, NULL },
	{ M_POST, "/admin/agencies", "agencies.create", PERM_AGENCIES_WRITE,
	    RF_CSRF, FORM, 0, f_agency_create, web_agency_create, web_agencies },
	{ M_GET, "/admin/agencies/{id}", "agencies.view", PERM_AGENCIES_READ, 0,
	    NONE, 0, NULL, web_agency_view, NULL },
	{ M_POST, "/admin/agencies/{id}", "agencies.update",
	    PERM_AGENCIES_WRITE, RF_CSRF, FORM, 0, f_agency_update,
	    web_agency_update, web_agency_view },
	{ M_POST, "/admin/agencies/{id}/teams", "teams.create",
	    PERM_AGENCIES_WRITE, RF_CSRF, FORM, 0, f_team, web_team_create,
	    web_agency_view },
	{ M_GET, "/admin/population", "population", PERM_POPULATION_READ, 0,
	    NONE, 0, f_population_view, web_population, NULL },
	{ M_POST, "/admin/population", "population.set", PERM_POPULATION_WRITE,
	    RF_CSRF, FORM, 0, f_population_set, web_population_set,
	    web_population },
	{ M_GET, "/audit", "audit", PERM_AUDIT_READ, 0, NONE, 0, f_audit,
	    web_audit, web_audit },

	/* JSON API */
	{ M_POST, "/api/v1/tokens", "api.tokens.create", PERM_PUBLIC, RF_API,
	    JSON, 0, f_api_token, api_token_create, NULL },
	{ M_GET, "/api/v1/tokens", "api.tokens.list", PERM_LOGIN, RF_API, NONE,
	    0, NULL, api_token_list, NULL },
	{ M_DELETE, "/api/v1/tokens/{id}", "api.tokens.revoke", PERM_LOGIN,
	    RF_API, NONE, 0, NULL, api_token_revoke, NULL },
	{ M_GET, "/api/v1/me", "api.me", PERM_LOGIN, RF_API, NONE, 0, NULL,
	    api_me, NULL },
	{ M_GET, "/api/v1/municipalities", "api.municipalities",
	    PERM_REFERENCE_READ, RF_API, NONE, 0, NULL, api_municipalities, NULL },
	{ M_GET, "/api/v1/concerns", "api.concerns", PERM_REFERENCE_READ, RF_API,
	    NONE, 0, NULL, api_concerns, NULL },
	{ M_GET, "/api/v1/agencies", "api.agencies", PERM_AGENCIES_READ, RF_API,
	    NONE, 0, NULL, api_agencies, NULL },
	{ M_POST, "/api/v1/agencies", "api.agencies.create",
	    PERM_AGENCIES_WRITE, RF_API, JSON, 0, f_agency_create,
	    api_agency_create, NULL },
	{ M_GET, "/api/v1/users", "api.users", PERM_USERS_READ, RF_API, NONE, 0,
	    f_users_list, api_users, NULL },
	{ M_POST, "/api/v1/users", "api.users.create", PERM_USERS_WRITE, RF_API,
	    JSON, 0, f_user_create, api_user_create, NULL },
	{ M_GET, "/api/v1/users/{id}", "api.users.get", PERM_USERS_READ, RF_API,
	    NONE, 0, NULL, api_user_get, NULL },
	{ M_GET, "/api/v1/population", "api.population", PERM_POPULATION_READ,
	    RF_API, NONE, 0, f_population_view, api_population, NULL },
	{ M_PUT, "/api/v1/population", "api.population.set",
	    PERM_POPULATION_WRITE, RF_API, JSON, 0, f_population_set,
	    api_population_set, NULL },
	{ M_GET, "/api/v1/audit", "api.audit", PERM_AUDIT_READ, RF_API, NONE, 0,
	    f_audit, api_audit, NULL },

/* Before intake: /api/v1/reports/projects and .../beneficiaries must match
 * before intake's /api/v1/reports/{id} (the first match wins). */
#include "routes_report.inc"
#include "routes_intake.inc"
#include "routes_cases.inc"
#include "routes_deadlines.inc"
#include "routes_documents.inc"
#include "routes_casework.inc"
#include "routes_closure.inc"
#include "routes_children.inc"
#include "routes_conference.inc"
#include "routes_community.inc"
#include "routes_notify.inc"
#include "routes_provider.inc"
#include "routes_referral.inc"
#include "routes_protect.inc"
#include "routes_grant.inc"
#include "routes_training.inc"
#include "routes_indicator.inc"
#include "routes_import.inc"
};

const size_t app_nroutes = sizeof(app_routes) / sizeof(app_routes[0]);
