/*
 * test_list_export.c — the rules of the list exports (app/routes_export.inc,
 * web/export.c) that the route table must keep, checked over app_routes[]
 * itself: every <list>/export answers before any <list>/{id} that would
 * swallow it (the first match wins); a GET export has exactly the
 * permission of its list's page and every filter field of the page, with
 * the same type, plus a required format of csv, xlsx, pdf; a POST export
 * (the encrypted zip of a personal list) is a CSRF form with the same
 * permission, a required password, the page's filters except the page
 * number, and an invalid handler that shows the form again.
 */
#include "testutil.h"

#include <stdio.h>

#include "../../src/app/app.h"
#include "../../src/http/http.h"
#include "../../src/http/parse.h"
#include "../../src/util/arena.h"

static const char *const EXPORT = "/export";

/* 1 when pattern ends in /export. */
static int
is_export(const char *pattern)
{
	size_t n = strlen(pattern), e = strlen(EXPORT);

	return n > e && strcmp(pattern + n - e, EXPORT) == 0 &&
	    strncmp(pattern, "/api/", 5) != 0;
}

/* The list page of an export route ("/visits" of "/visits/export"). */
static const char *
list_of(const char *pattern, char *buf, size_t len)
{
	size_t n = strlen(pattern) - strlen(EXPORT);

	assert_true(n < len);
	memcpy(buf, pattern, n);
	buf[n] = '\0';
	return buf;
}

static const struct route *
find(enum method m, const char *pattern)
{
	size_t i;

	for (i = 0; i < app_nroutes; i++)
		if (app_routes[i].method == m &&
		    strcmp(app_routes[i].pattern, pattern) == 0)
			return &app_routes[i];
	return NULL;
}

static const struct field *
field(const struct route *rt, const char *name)
{
	const struct field *f;

	for (f = rt->fields; f != NULL && f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* Like path_match() with room for parameters: 1 when pattern takes path. */
static int
takes(const char *pattern, const char *path)
{
	const char *params[8];
	struct arena *a;
	int n;

	assert_non_null(a = arena_new(4096));
	n = path_match(a, pattern, path, params, 8);
	arena_free(a);
	return n >= 0;
}

static void
test_export_before_id(void **state)
{
	size_t i, j, n = 0;

	(void)state;
	for (i = 0; i < app_nroutes; i++) {
		if (!is_export(app_routes[i].pattern))
			continue;
		n++;
		for (j = 0; j < i; j++)
			if (app_routes[j].method == app_routes[i].method &&
			    takes(app_routes[j].pattern, app_routes[i].pattern)) {
				fprintf(stderr, "%s %s is swallowed by %s\n",
				    method_name(app_routes[i].method),
				    app_routes[i].pattern, app_routes[j].pattern);
				fail();
			}
	}
	assert_true(n >= 20);
}

/* The page's permission and filters, a required format. */
static void
test_get_mirrors_page(void **state)
{
	static const char *const formats[] = { "csv", "xlsx", "pdf" };
	const struct route *rt, *page;
	const struct field *f, *g;
	char buf[256];
	size_t i, k;

	(void)state;
	for (i = 0; i < app_nroutes; i++) {
		rt = &app_routes[i];
		if (rt->method != M_GET || !is_export(rt->pattern) ||
		    strncmp(rt->pattern, "/reports/", 9) == 0 ||
		    strncmp(rt->pattern, "/dashboard/", 11) == 0)
			continue;
		page = find(M_GET, list_of(rt->pattern, buf, sizeof(buf)));
		if (page == NULL) {
			fprintf(stderr, "%s: no page %s\n", rt->pattern, buf);
			fail();
		}
		assert_int_equal(rt->perm, page->perm);
		assert_int_equal(rt->flags & RF_CSRF, 0);
		for (g = page->fields; g != NULL && g->name != NULL; g++) {
			if ((f = field(rt, g->name)) == NULL) {
				fprintf(stderr, "%s: no filter %s\n",
				    rt->pattern, g->name);
				fail();
			}
			assert_int_equal(f->type, g->type);
			assert_int_equal(f->required, g->required);
			assert_true(f->set == g->set || f->type != F_ENUM);
		}
		assert_non_null(f = field(rt, "format"));
		assert_int_equal(f->type, F_ENUM);
		assert_true(f->required);
		for (k = 0; k < 3; k++)
			assert_string_equal(f->set[k], formats[k]);
		assert_null(f->set[3]);
	}
}

/* The zip of a personal list: CSRF, the page's permission, a password. */
static void
test_post_is_the_zip(void **state)
{
	const struct route *rt, *get;
	const struct field *f, *g;
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < app_nroutes; i++) {
		rt = &app_routes[i];
		if (rt->method != M_POST || !is_export(rt->pattern))
			continue;
		n++;
		assert_non_null(get = find(M_GET, rt->pattern));
		assert_int_equal(rt->perm, get->perm);
		assert_true(rt->flags & RF_CSRF);
		assert_int_equal(rt->body, BODY_FORM);
		assert_non_null(rt->invalid);
		assert_non_null(f = field(rt, "password"));
		assert_int_equal(f->type, F_PASSWORD);
		assert_true(f->required);
		assert_null(field(rt, "page"));
		for (g = get->fields; g != NULL && g->name != NULL; g++)
			if (strcmp(g->name, "page") != 0)
				assert_non_null(field(rt, g->name));
	}
	assert_true(n >= 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_before_id),
		cmocka_unit_test(test_get_mirrors_page),
		cmocka_unit_test(test_post_is_the_zip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
