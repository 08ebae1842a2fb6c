/*
 * test_app_config.c — the configuration file and environment (src/app/app.c):
 * the identity cache's default follows the database, an explicit value
 * wins, and a bad value is refused with its key.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../src/app/app.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/rrjeti-conf.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	unsetenv("RRJETI_DATABASE");
	unsetenv("RRJETI_AUTH_CACHE_MS");
	return 0;
}

static int
teardown(void **state)
{
	char p[128];

	(void)state;
	snprintf(p, sizeof(p), "%s/rrjeti.conf", dir);
	unlink(p);
	rmdir(dir);
	unsetenv("RRJETI_DATABASE");
	unsetenv("RRJETI_AUTH_CACHE_MS");
	return 0;
}

static void
conf(const char *text)
{
	char p[128];
	FILE *f;

	snprintf(p, sizeof(p), "%s/rrjeti.conf", dir);
	assert_non_null(f = fopen(p, "w"));
	fputs(text, f);
	fclose(f);
}

static void
test_cache_default_by_database(void **state)
{
	struct app_config c;
	char err[256];

	(void)state;
	assert_int_equal(app_config_load(&c, dir, err, sizeof(err)), 0);
	assert_int_equal(c.auth_cache_ms, 1000);	/* SQLite: one node */
	setenv("RRJETI_DATABASE", "postgresql://rrjeti@127.0.0.1/rrjeti", 1);
	assert_int_equal(app_config_load(&c, dir, err, sizeof(err)), 0);
	assert_int_equal(c.auth_cache_ms, 0);		/* several nodes */
	conf("database = postgres://rrjeti@127.0.0.1/rrjeti\n");
	unsetenv("RRJETI_DATABASE");
	assert_int_equal(app_config_load(&c, dir, err, sizeof(err)), 0);
	assert_int_equal(c.auth_cache_ms, 0);
}

static void
test_cache_explicit_wins(void **state)
{
	struct app_config c;
	char err[256];

	(void)state;
	conf("database = postgresql://rrjeti@127.0.0.1/rrjeti\n"
	    "auth_cache_ms = 250\n");
	assert_int_equal(app_config_load(&c, dir, err, sizeof(err)), 0);
	assert_int_equal(c.auth_cache_ms, 250);
	conf("auth_cache_ms = 0\n");
	assert_int_equal(app_config_load(&c, dir, err, sizeof(err)), 0);
	assert_int_equal(c.auth_cache_ms, 0);
	setenv("RRJETI_AUTH_CACHE_MS", "10000", 1);
	assert_int_equal(app_config_load(&c, dir, err, sizeof(err)), 0);
	assert_int_equal(c.auth_cache_ms, 10000);
}

static void
test_cache_bad_values(void **state)
{
	static const char *const bad[] = { "-1", "10001", "1s", "", "0x10",
		"99999999999999999999", " 5 5" };
	struct app_config c;
	char err[256], line[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(line, sizeof(line), "auth_cache_ms = %s\n", bad[i]);
		conf(line);
		err[0] = '\0';
		if (app_config_load(&c, dir, err, sizeof(err)) != -1)
			fail_msg("auth_cache_ms = \"%s\" was taken", bad[i]);
		assert_non_null(strstr(err, "auth_cache_ms"));
	}
	conf("");
	setenv("RRJETI_AUTH_CACHE_MS", "soon", 1);
	assert_int_equal(app_config_load(&c, dir, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "RRJETI_AUTH_CACHE_MS"));
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_cache_default_by_database),
		T(test_cache_explicit_wins),
		T(test_cache_bad_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
