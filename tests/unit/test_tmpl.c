/*
 * test_tmpl.c — unit tests of the template engine (tmpl/) and its value
 * tree. First every way tmpl_load() must refuse a template (syntax, unknown
 * tags, keys and partials, unbalanced blocks, partial depth), then escaping,
 * scopes, missing values and the limits of a render, then the happy paths.
 */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>

#include "../../src/i18n/i18n.h"
#include "../../src/tmpl/tmpl.h"
#include "../../src/util/arena.h"

static const char sq_po[] =
    "msgid \"login.title\"\nmsgstr \"Hyrja\"\n\n"
    "msgid \"quote\"\nmsgstr \"<b>\\\"Tom & Jerry's\\\"</b>\"\n\n"
    "msgid \"case.list\"\nmsgstr \"Rastet\"\n";
static const char en_po[] =
    "msgid \"login.title\"\nmsgstr \"Sign in\"\n\n"
    "msgid \"quote\"\nmsgstr \"q-en\"\n\n"
    "msgid \"case.list\"\nmsgstr \"Cases\"\n";
static const char sr_po[] =
    "msgid \"login.title\"\nmsgstr \"Prijava\"\n\n"
    "msgid \"quote\"\nmsgstr \"q-sr\"\n\n"
    "msgid \"case.list\"\nmsgstr \"Slučajevi\"\n";

/* A template source from a string literal. */
#define SRC(name, text)	{ (name), (text), sizeof(text) - 1 }

static char err[256];
static struct arena *a;

static int
setup_all(void **state)
{
	struct i18n_src src[3] = {
		{ LANG_SQ, sq_po, sizeof(sq_po) - 1 },
		{ LANG_EN, en_po, sizeof(en_po) - 1 },
		{ LANG_SR, sr_po, sizeof(sr_po) - 1 },
	};

	if (i18n_load(src, 3, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	if ((a = arena_new(4 * 1024 * 1024)) == NULL)
		return -1;
	return 0;
}

static int
teardown_all(void **state)
{
	arena_free(a);
	i18n_clear();
	return 0;
}

static int
reset(void **state)
{
	arena_reset(a);
	return 0;
}

/* Loads one template called "main". */
static struct tmpl_set *
load1(const char *text)
{
	struct tmpl_src src = { "main", text, strlen(text) };

	err[0] = '\0';
	return tmpl_load(&src, 1, err, sizeof(err));
}

/* Expects text to be refused with a message containing want. */
static void
refused(const char *text, const char *want)
{
	struct tmpl_set *set;

	if ((set = load1(text)) != NULL) {
		tmpl_free(set);
		fail_msg("\"%s\" loaded", text);
	}
	if (strstr(err, want) == NULL)
		fail_msg("\"%s\": error \"%s\" lacks \"%s\"", text, err, want);
}

/* Renders name in lang; the page, in the arena. */
static const char *
render(const struct tmpl_set *set, const char *name,
    const struct tval *data, enum lang lang)
{
	struct buf b;

	buf_init(&b, a);
	assert_int_equal(tmpl_render(set, name, data, lang, &b), 0);
	return b.len ? b.p : "";
}

/* Loads text as "main", renders it with data, frees it; the page. */
static const char *
render1(const char *text, const struct tval *data)
{
	struct tmpl_set *set;
	const char *page;

	if ((set = load1(text)) == NULL)
		fail_msg("\"%s\": %s", text, err);
	page = render(set, "main", data, LANG_SQ);
	tmpl_free(set);
	return page;
}

/* The data most tests use. */
static struct tval *
sample(void)
{
	struct tval *d, *l, *o, *u;

	assert_non_null(d = tv_obj(a));
	assert_int_equal(tv_set_str(d, "name", "Ana"), 0);
	assert_int_equal(tv_set_str(d, "evil", "<script>\"x\" & 'y'</script>"), 0);
	assert_int_equal(tv_set_str(d, "empty", ""), 0);
	assert_int_equal(tv_set_int(d, "n", -42), 0);
	assert_int_equal(tv_set_int(d, "zero", 0), 0);
	assert_int_equal(tv_set_bool(d, "yes", 1), 0);
	assert_int_equal(tv_set_bool(d, "no", 0), 0);
	assert_int_equal(tv_set_str(d, "svg", "<svg><rect/></svg>"), 0);
	assert_non_null(u = tv_obj(a));
	assert_int_equal(tv_set_str(u, "name", "Besa"), 0);
	assert_non_null(o = tv_obj(a));
	assert_int_equal(tv_set(o, "user", u), 0);
	assert_int_equal(tv_set(d, "session", o), 0);
	assert_non_null(l = tv_list(a));
	assert_int_equal(tv_push(l, tv_str(a, "x")), 0);
	assert_int_equal(tv_push(l, tv_str(a, "<y>")), 0);
	assert_int_equal(tv_push(l, tv_int(a, 7)), 0);
	assert_int_equal(tv_set(d, "items", l), 0);
	assert_int_equal(tv_set(d, "none", tv_list(a)), 0);
	return d;
}

/* ---- refused at load ---- */

static void
unterminated_tag(void **state)
{
	refused("abc {{name", "main:1: unterminated tag");
	refused("a\nb\n{{", "main:3: unterminated tag");
	refused("{{name}\n}", "main:1: unterminated tag");
	refused("{{! comment never closed", "unterminated tag");
}

static void
empty_tag(void **state)
{
	refused("{{}}", "main:1: empty tag");
	refused("x\n {{ \n }}", "main:2: empty tag");
}

static void
unknown_tags(void **state)
{
	refused("{{foo bar}}", "main:1: unknown tag {{foo bar}}");
	refused("{{&name}}", "unknown tag");
	refused("{{{name}}}", "unknown tag");
	refused("{{else if x}}", "unknown tag");
	refused("{{#if a}}{{else if b}}{{/if}}", "unknown tag");
	refused("{{<name}}", "unknown tag");
	refused("{{name}}{{\"x\"}}", "unknown tag");
	refused("{{:name}}", "unknown tag");
}

static void
bad_names(void **state)
{
	refused("{{a..b}}", "main:1: bad name \"a..b\"");
	refused("{{a.}}", "bad name");
	refused("{{.a}}", "bad name");
	refused("{{..}}", "bad name");
	refused("{{@indexx}}", "bad name");
	refused("{{@}}", "bad name");
	refused("{{na$me}}", "bad name");
	refused("{{#if a b}}{{/if}}", "bad name \"a b\"");
	refused("{{raw a<b}}", "bad name");
	refused("{{#each a.}}{{/each}}", "bad name");
}

static void
unknown_blocks(void **state)
{
	refused("{{#with x}}{{/with}}", "main:1: unknown block {{#with}}");
	refused("{{#}}", "unknown block");
	refused("{{#if}}{{/if}}", "{{#if}} needs a name");
	refused("{{# each  }}", "{{#each}} needs a name");
	refused("{{#if x}}{{/with}}", "unknown block {{/with}}");
	refused("{{/}}", "unknown block");
}

static void
unbalanced_blocks(void **state)
{
	refused("a\n{{#if x}}\nb", "main:2: {{#if}} is not closed");
	refused("{{#each l}}{{#if x}}{{/if}}", "main:1: {{#each}} is not closed");
	refused("x\n{{/if}}", "main:2: {{/if}} without {{#if}}");
	refused("{{#if x}}\n{{/each}}", "main:2: {{/each}} closes {{#if}} of line 1");
	refused("{{#if x}}{{#each l}}{{/if}}{{/each}}", "closes {{#each}}");
	refused("{{#if x}}{{/if}}{{/if}}", "{{/if}} without {{#if}}");
	refused("{{#if x}}{{/if x}}", "{{/if}} takes no name");
	refused("{{#unless x}}{{/if}}", "{{/if}} closes {{#unless}}");
}

static void
misplaced_else(void **state)
{
	refused("{{else}}", "main:1: {{else}} outside a block");
	refused("{{#if x}}{{/if}}{{else}}", "{{else}} outside a block");
	refused("{{#if x}}a{{else}}b\n{{else}}c{{/if}}",
	    "main:2: second {{else}} in {{#if}} of line 1");
}

static void
unknown_message_key(void **state)
{
	refused("{{t nope.nope}}", "main:1: unknown message key \"nope.nope\"");
	refused("{{t}}", "{{t}} needs a message key");
	refused("{{ t  }}", "{{t}} needs a message key");
	refused("{{t login.title extra}}", "bad message key");
	refused("{{t login/title}}", "bad message key");
	refused("{{t login}}", "unknown message key \"login\"");
}

static void
raw_needs_name(void **state)
{
	refused("{{raw}}", "{{raw}} needs a name");
	refused("{{raw   }}", "{{raw}} needs a name");
}

static void
unknown_partial(void **state)
{
	refused("a\n\n{{> header}}", "main:3: unknown partial \"header\"");
	refused("{{>}}", "{{>}} needs a template name");
	refused("{{> a b}}", "bad template name");
}

static void
partial_recursion(void **state)
{
	struct tmpl_src src[3] = {
		SRC("a", "{{> b}}"),
		SRC("b", "x\n{{#if y}}{{> c}}{{/if}}"),
		SRC("c", "{{> a}}"),
	};

	refused("{{> main}}", "main:1: {{> main}}: partial includes itself");
	assert_null(tmpl_load(src, 3, err, sizeof(err)));
	assert_non_null(strstr(err, "partial includes itself"));
}

/* A chain t0 -> t1 -> ... -> t{n-1}; loads or not. */
static struct tmpl_set *
chain(size_t n)
{
	struct tmpl_src src[16];
	static char names[16][24], texts[16][64];
	size_t i;

	assert_true(n <= 16);
	for (i = 0; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "t%zu", i);
		if (i + 1 < n)
			snprintf(texts[i], sizeof(texts[i]), "%zu{{> t%zu}}",
			    i, i + 1);
		else
			snprintf(texts[i], sizeof(texts[i]), "end");
		src[i].name = names[i];
		src[i].text = texts[i];
		src[i].len = strlen(texts[i]);
	}
	err[0] = '\0';
	return tmpl_load(src, n, err, sizeof(err));
}

static void
partial_depth(void **state)
{
	struct tmpl_set *set;

	/* t0 renders 8 partials deep: allowed. */
	assert_non_null(set = chain(9));
	assert_string_equal(render(set, "t0", NULL, LANG_SQ), "01234567end");
	tmpl_free(set);
	/* 9 deep: refused. */
	assert_null(chain(10));
	assert_non_null(strstr(err, "partials nested deeper than 8"));
	assert_null(chain(16));
	assert_non_null(strstr(err, "deeper than 8"));
}

static void
partial_depth_diamond(void **state)
{
	/* Every template is checked, not only the first: b is reached at
	 * depth 1 from a, but is 9 deep below z. */
	struct tmpl_src src[11] = {
		SRC("a", "{{> b}}"),
		SRC("b", "{{> c}}"),
		SRC("c", "{{> d}}"),
		SRC("d", "{{> e}}"),
		SRC("e", "{{> f}}"),
		SRC("f", "{{> g}}"),
		SRC("g", "{{> h}}"),
		SRC("h", "{{> i}}"),
		SRC("i", "i"),
		SRC("y", "{{> z}}"),
		SRC("z", "{{> b}}"),
	};
	struct tmpl_set *set;

	assert_non_null(set = tmpl_load(src, 9, err, sizeof(err)));
	tmpl_free(set);
	assert_null(tmpl_load(src, 11, err, sizeof(err)));
	assert_non_null(strstr(err, "deeper than 8"));
}

static void
nesting_limit(void **state)
{
	char text[32 * 40], *p;
	struct tmpl_set *set;
	int i;

	for (p = text, i = 0; i < 32; i++)
		p += sprintf(p, "{{#if a}}");
	for (i = 0; i < 32; i++)
		p += sprintf(p, "{{/if}}");
	assert_non_null(set = load1(text));
	tmpl_free(set);
	for (p = text, i = 0; i < 33; i++)
		p += sprintf(p, "{{#if a}}");
	for (i = 0; i < 33; i++)
		p += sprintf(p, "{{/if}}");
	refused(text, "blocks nested deeper than 32");
}

static void
bad_template_names(void **state)
{
	struct tmpl_src src[2] = {
		SRC("x", "a"),
		SRC("x", "b"),
	};

	assert_null(tmpl_load(src, 2, err, sizeof(err)));
	assert_string_equal(err, "x: two templates of that name");
	src[1].name = "";
	assert_null(tmpl_load(src, 2, err, sizeof(err)));
	assert_string_equal(err, "template 1: no name");
	src[1].name = NULL;
	assert_null(tmpl_load(src, 2, err, sizeof(err)));
	src[1].name = "y";
	src[1].text = NULL;
	assert_null(tmpl_load(src, 2, err, sizeof(err)));
	assert_string_equal(err, "y: no text");
	assert_null(tmpl_load(src, 2, NULL, 0));
}

static void
error_line_numbers(void **state)
{
	/* Lines count newlines in text, in tags and in comments. */
	refused("a\nb\n{{! one\ntwo\n}}\n{{#if\nx}}\n{{bad tag}}",
	    "main:8: unknown tag");
	refused("{{ name\n}}\n\n{{t nope}}", "main:4: unknown message key");
}

static void
long_source_quoted_short(void **state)
{
	struct tmpl_src src;
	char *text;
	size_t len = 5000;

	/* The text has no NUL after it: a message must quote a bounded
	 * part of it (ASan checks the reads). */
	assert_non_null(text = malloc(len));
	memcpy(text, "{{", 2);
	memset(text + 2, 'x', len - 6);
	memcpy(text + len - 4, " y}}", 4);
	src.name = "m";
	src.text = text;
	src.len = len;
	assert_null(tmpl_load(&src, 1, err, sizeof(err)));
	assert_string_equal(err, "m:1: unknown tag "
	    "{{xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}}");
	text[len - 4] = '$';
	assert_null(tmpl_load(&src, 1, err, sizeof(err)));
	assert_string_equal(err, "m:1: bad name "
	    "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"");
	free(text);
}

/* ---- rendering: escaping ---- */

static void
escapes_values(void **state)
{
	struct tval *d = sample();

	assert_string_equal(render1("<p>{{evil}}</p>", d),
	    "<p>&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;</p>");
	assert_string_equal(render1("<a title=\"{{evil}}\">", d),
	    "<a title=\"&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;\">");
	assert_string_equal(render1("{{#each items}}[{{.}}]{{/each}}", d),
	    "[x][&lt;y&gt;][7]");
}

static void
escapes_messages(void **state)
{
	struct tmpl_set *set;

	assert_non_null(set = load1("{{t quote}}"));
	assert_string_equal(render(set, "main", NULL, LANG_SQ),
	    "&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;");
	tmpl_free(set);
}

static void
raw_not_escaped(void **state)
{
	struct tval *d = sample();

	assert_string_equal(render1("{{raw svg}}|{{raw n}}|{{raw missing}}", d),
	    "<svg><rect/></svg>|-42|");
}

static void
template_text_is_verbatim(void **state)
{
	/* Text outside tags is the server's own HTML: copied as is, lone
	 * braces included. */
	assert_string_equal(render1("<b>&amp; { } }} {x} '\"</b>", NULL),
	    "<b>&amp; { } }} {x} '\"</b>");
}

/* ---- rendering: values and scopes ---- */

static void
missing_values_render_empty(void **state)
{
	struct tval *d = sample();

	assert_string_equal(render1("[{{nope}}][{{session.nope}}]"
	    "[{{nope.deeper.still}}][{{name.sub}}][{{session}}][{{items}}]", d),
	    "[][][][][][]");
	assert_string_equal(render1("[{{name}}][{{@index}}][{{.}}]", NULL),
	    "[][][]");
	assert_string_equal(render1("[{{@index}}]", d), "[]");
	assert_string_equal(render1("{{#each nope}}x{{/each}}"
	    "{{#each name}}x{{/each}}{{#each session}}x{{/each}}", d), "");
	assert_string_equal(render1("{{#if nope}}x{{else}}y{{/if}}", d), "y");
}

static void
scalar_rendering(void **state)
{
	struct tval *d = sample();

	assert_int_equal(tv_set_int(d, "big", INT64_MIN), 0);
	assert_int_equal(tv_set_int(d, "max", INT64_MAX), 0);
	assert_string_equal(render1("{{n}} {{zero}} {{big}} {{max}} [{{yes}}]"
	    "[{{no}}] [{{empty}}]", d),
	    "-42 0 -9223372036854775808 9223372036854775807 [1][] []");
}

static void
truthiness(void **state)
{
	struct tval *d = sample();

	assert_string_equal(render1(
	    "{{#if name}}a{{/if}}{{#if empty}}B{{/if}}"
	    "{{#if n}}c{{/if}}{{#if zero}}D{{/if}}"
	    "{{#if yes}}e{{/if}}{{#if no}}F{{/if}}"
	    "{{#if items}}g{{/if}}{{#if none}}H{{/if}}"
	    "{{#if session}}i{{/if}}{{#if nope}}J{{/if}}", d), "acegi");
	assert_string_equal(render1(
	    "{{#unless name}}A{{/unless}}{{#unless empty}}b{{/unless}}"
	    "{{#unless nope}}c{{else}}D{{/unless}}"
	    "{{#unless yes}}E{{else}}f{{/unless}}", d), "bcf");
}

static void
if_else_nested(void **state)
{
	struct tval *d = sample();

	assert_string_equal(render1(
	    "{{#if yes}}1{{#if no}}2{{else}}3{{#unless no}}4{{/unless}}{{/if}}"
	    "5{{else}}6{{#if yes}}7{{/if}}{{/if}}8", d), "13458");
	assert_string_equal(render1(
	    "{{#if no}}1{{#if yes}}2{{else}}3{{/if}}{{else}}4"
	    "{{#if yes}}5{{else}}6{{/if}}{{/if}}", d), "45");
}

static void
each_scopes(void **state)
{
	struct tval *d, *rows, *r, *tags;
	int i;

	assert_non_null(d = tv_obj(a));
	assert_int_equal(tv_set_str(d, "name", "outer"), 0);
	assert_int_equal(tv_set_str(d, "title", "T"), 0);
	assert_non_null(rows = tv_list(a));
	for (i = 0; i < 3; i++) {
		assert_non_null(r = tv_obj(a));
		if (i != 1)
			assert_int_equal(tv_set(r, "name",
			    tv_strdup(a, i == 0 ? "r0" : "r2")), 0);
		assert_non_null(tags = tv_list(a));
		assert_int_equal(tv_push(tags, tv_str(a, "a")), 0);
		if (i == 2)
			assert_int_equal(tv_push(tags, tv_str(a, "b")), 0);
		assert_int_equal(tv_set(r, "tags", tags), 0);
		assert_int_equal(tv_push(rows, r), 0);
	}
	assert_int_equal(tv_set(d, "rows", rows), 0);

	/* The item first, then outwards; {{title}} is only outside. */
	assert_string_equal(render1(
	    "{{#each rows}}{{@index}}:{{name}}/{{title}};{{/each}}", d),
	    "0:r0/T;1:outer/T;2:r2/T;");
	/* Nested: @index and . are the innermost; outer names still seen. */
	assert_string_equal(render1(
	    "{{#each rows}}[{{#each tags}}{{@index}}{{.}}{{name}}"
	    "{{#if @index}}!{{/if}}{{/each}}]{{/each}}", d),
	    "[0ar0][0aouter][0ar21br2!]");
	/* @index of a partial inside each is the item's. */
	{
		struct tmpl_src src[2] = {
			SRC("main", "{{#each rows}}{{> cell}}{{/each}}"),
			SRC("cell", "<td>{{@index}}={{name}}</td>"),
		};
		struct tmpl_set *set;

		assert_non_null(set = tmpl_load(src, 2, err, sizeof(err)));
		assert_string_equal(render(set, "main", d, LANG_SQ),
		    "<td>0=r0</td><td>1=outer</td><td>2=r2</td>");
		assert_string_equal(render(set, "cell", d, LANG_SQ),
		    "<td>=outer</td>");
		tmpl_free(set);
	}
}

static void
found_name_does_not_fall_outwards(void **state)
{
	struct tval *d, *rows, *r, *u;

	/* {{user.name}}: "user" is found in the item, which has no name: the
	 * outer user.name is not used. */
	assert_non_null(d = tv_obj(a));
	assert_non_null(u = tv_obj(a));
	assert_int_equal(tv_set_str(u, "name", "outer"), 0);
	assert_int_equal(tv_set(d, "user", u), 0);
	assert_non_null(rows = tv_list(a));
	assert_non_null(r = tv_obj(a));
	assert_int_equal(tv_set(r, "user", tv_obj(a)), 0);
	assert_int_equal(tv_push(rows, r), 0);
	assert_int_equal(tv_set(d, "rows", rows), 0);
	assert_string_equal(render1(
	    "{{user.name}}|{{#each rows}}[{{user.name}}]{{/each}}", d),
	    "outer|[]");
}

static void
each_else(void **state)
{
	struct tval *d = sample();

	assert_string_equal(render1(
	    "{{#each none}}x{{else}}empty{{/each}}|"
	    "{{#each nope}}x{{else}}missing{{/each}}|"
	    "{{#each items}}{{.}}{{else}}no{{/each}}", d),
	    "empty|missing|x&lt;y&gt;7");
}

static void
whitespace_in_tags(void **state)
{
	struct tval *d = sample();

	assert_string_equal(render1(
	    "{{ name }}{{\tsession.user.name\n}}{{# if  yes }}Y{{ else }}N"
	    "{{/ if }}{{ t   login.title }}{{ raw  svg }}{{ ! c }}"
	    "{{#each\nitems}}{{ . }}{{ @index }}{{/each}}", d),
	    "AnaBesaYHyrja<svg><rect/></svg>x0&lt;y&gt;172");
}

static void
comments_dropped(void **state)
{
	assert_string_equal(render1("a{{! anything {{ here #if /each }}b"
	    "{{!}}c{{!\n\n}}d", NULL), "abcd");
}

static void
messages_by_language(void **state)
{
	struct tmpl_set *set;

	assert_non_null(set = load1("<h1>{{t login.title}}</h1>{{t case.list}}"));
	assert_string_equal(render(set, "main", NULL, LANG_SQ),
	    "<h1>Hyrja</h1>Rastet");
	assert_string_equal(render(set, "main", NULL, LANG_EN),
	    "<h1>Sign in</h1>Cases");
	assert_string_equal(render(set, "main", NULL, LANG_SR),
	    "<h1>Prijava</h1>Slučajevi");
	tmpl_free(set);
}

static void
partials_share_data(void **state)
{
	struct tmpl_src src[3] = {
		SRC("page", "<html>{{> head}}<body>{{name}}</body></html>"),
		SRC("head", "<title>{{> title}}</title>"),
		SRC("title", "{{t login.title}} {{session.user.name}}"),
	};
	struct tmpl_set *set;

	assert_non_null(set = tmpl_load(src, 3, err, sizeof(err)));
	assert_true(tmpl_exists(set, "page"));
	assert_true(tmpl_exists(set, "title"));
	assert_false(tmpl_exists(set, "nope"));
	assert_false(tmpl_exists(set, NULL));
	assert_false(tmpl_exists(NULL, "page"));
	assert_string_equal(render(set, "page", sample(), LANG_EN),
	    "<html><title>Sign in Besa</title><body>Ana</body></html>");
	tmpl_free(set);
}

static void
render_unknown_template(void **state)
{
	struct tmpl_set *set;
	struct buf b;

	assert_non_null(set = load1("x"));
	buf_init(&b, a);
	assert_int_equal(tmpl_render(set, "nope", NULL, LANG_SQ, &b), -1);
	assert_int_equal(tmpl_render(set, NULL, NULL, LANG_SQ, &b), -1);
	assert_int_equal(tmpl_render(NULL, "main", NULL, LANG_SQ, &b), -1);
	tmpl_free(set);
	tmpl_free(NULL);
}

static void
render_out_of_memory(void **state)
{
	struct arena *small;
	struct tmpl_set *set;
	struct tval *d = sample();
	struct buf b;

	assert_non_null(set = load1("{{#each items}}{{name}} {{.}} "
	    "0123456789012345678901234567890123456789{{/each}}"));
	assert_non_null(small = arena_new(100));
	buf_init(&b, small);
	assert_int_equal(tmpl_render(set, "main", d, LANG_SQ, &b), -1);
	assert_true(b.oom);
	arena_free(small);
	tmpl_free(set);
}

static void
render_step_limit(void **state)
{
	char text[2048], *p;
	struct tmpl_set *set;
	struct tval *d, *l;
	struct buf b;
	int i;

	/* 20 nested each over the same 10-item list: 10^20 iterations, no
	 * output. The render must give up, not hang. */
	assert_non_null(d = tv_obj(a));
	assert_non_null(l = tv_list(a));
	for (i = 0; i < 10; i++)
		assert_int_equal(tv_push(l, tv_int(a, i)), 0);
	assert_int_equal(tv_set(d, "l", l), 0);
	for (p = text, i = 0; i < 20; i++)
		p += sprintf(p, "{{#each l}}");
	for (i = 0; i < 20; i++)
		p += sprintf(p, "{{/each}}");
	assert_non_null(set = load1(text));
	buf_init(&b, a);
	assert_int_equal(tmpl_render(set, "main", d, LANG_SQ, &b), -1);
	assert_false(b.oom);
	tmpl_free(set);
}

static void
empty_template_and_set(void **state)
{
	struct tmpl_set *set;
	struct tmpl_src src = SRC("e", "");
	struct buf b;

	assert_non_null(set = tmpl_load(NULL, 0, err, sizeof(err)));
	assert_false(tmpl_exists(set, "e"));
	tmpl_free(set);
	assert_non_null(set = tmpl_load(&src, 1, err, sizeof(err)));
	buf_init(&b, a);
	assert_int_equal(tmpl_render(set, "e", NULL, LANG_SQ, &b), 0);
	assert_int_equal(b.len, 0);
	tmpl_free(set);
}

static void
source_may_be_freed(void **state)
{
	struct tmpl_src src;
	struct tmpl_set *set;
	char *text;

	assert_non_null(text = strdup("<i>{{name}}</i>{{#if yes}}!{{/if}}"));
	src.name = "m";
	src.text = text;
	src.len = strlen(text);
	assert_non_null(set = tmpl_load(&src, 1, err, sizeof(err)));
	memset(text, 'X', src.len);
	free(text);
	assert_string_equal(render(set, "m", sample(), LANG_SQ), "<i>Ana</i>!");
	tmpl_free(set);
}

/* ---- the value tree ---- */

static void
tval_misuse(void **state)
{
	struct tval *o, *l, *s;

	assert_non_null(o = tv_obj(a));
	assert_non_null(l = tv_list(a));
	assert_non_null(s = tv_str(a, "s"));
	assert_int_equal(tv_set(s, "k", l), -1);
	assert_int_equal(tv_set(l, "k", s), -1);
	assert_int_equal(tv_set(NULL, "k", s), -1);
	assert_int_equal(tv_set(o, NULL, s), -1);
	assert_int_equal(tv_set(o, "k", NULL), -1);
	assert_int_equal(tv_set_str(l, "k", "v"), -1);
	assert_int_equal(tv_set_int(NULL, "k", 1), -1);
	assert_int_equal(tv_set_bool(s, "k", 1), -1);
	assert_int_equal(tv_push(o, s), -1);
	assert_int_equal(tv_push(NULL, s), -1);
	assert_int_equal(tv_push(l, NULL), -1);
	assert_int_equal(tv_type(NULL), TV_NULL);
	assert_int_equal(tv_type(tv_str(a, NULL)), TV_NULL);
	assert_int_equal(tv_type(tv_strdup(a, NULL)), TV_NULL);
	assert_null(tv_obj(NULL));
	assert_null(tv_get(NULL, "a"));
	assert_null(tv_get(o, NULL));
	assert_null(tv_get(o, ""));
	assert_null(tv_get(s, "a"));
}

static void
tval_out_of_memory(void **state)
{
	struct arena *small;
	struct tval *o, *l;
	int i, rc = 0;

	assert_non_null(small = arena_new(2048));
	assert_non_null(o = tv_obj(small));
	assert_non_null(l = tv_list(small));
	for (i = 0; i < 1000 && rc == 0; i++)
		rc = tv_push(l, tv_int(small, i));
	assert_int_equal(rc, -1);
	for (i = 0, rc = 0; i < 1000 && rc == 0; i++)
		rc = tv_set_int(o, i % 2 ? "odd" : "even", i);
	assert_int_equal(rc, -1);
	while (tv_int(small, 0) != NULL)
		continue;
	assert_null(tv_obj(small));
	assert_null(tv_list(small));
	assert_null(tv_bool(small, 1));
	assert_null(tv_str(small, "x"));
	assert_null(tv_strdup(small, "x"));
	assert_true(arena_failed(small));
	arena_free(small);
}

static void
tval_set_get(void **state)
{
	struct tval *o, *in, *s;
	char key[8];

	assert_non_null(o = tv_obj(a));
	assert_non_null(in = tv_obj(a));
	assert_int_equal(tv_set_str(in, "c", "deep"), 0);
	assert_int_equal(tv_set(o, "b", in), 0);
	assert_int_equal(tv_type(o), TV_OBJ);
	assert_int_equal(tv_type(tv_get(o, "b")), TV_OBJ);
	assert_int_equal(tv_type(tv_get(o, "b.c")), TV_STR);
	assert_null(tv_get(o, "b.c.d"));
	assert_null(tv_get(o, "b..c"));
	assert_null(tv_get(o, "b."));
	assert_null(tv_get(o, "bb"));
	/* Replacing keeps one key. */
	assert_int_equal(tv_set_int(o, "b", 5), 0);
	assert_int_equal(tv_type(tv_get(o, "b")), TV_INT);
	assert_int_equal(tv_set_bool(o, "b", 1), 0);
	assert_int_equal(tv_type(tv_get(o, "b")), TV_BOOL);
	assert_string_equal(render1("{{b}}", o), "1");
	/* tv_strdup copies; tv_str does not. */
	strcpy(key, "abc");
	assert_non_null(s = tv_strdup(a, key));
	assert_int_equal(tv_set(o, "s", s), 0);
	assert_int_equal(tv_set(o, "u", tv_str(a, key)), 0);
	key[0] = 'X';
	assert_string_equal(render1("{{s}} {{u}}", o), "abc Xbc");
	/* Many keys. */
	for (int i = 0; i < 100; i++) {
		char *k = arena_printf(a, "k%d", i);

		assert_int_equal(tv_set_int(o, k, i), 0);
	}
	assert_int_equal(tv_type(tv_get(o, "k99")), TV_INT);
	assert_string_equal(render1("{{k0}}{{k57}}{{k99}}", o), "05799");
}

/* ---- many threads ---- */

struct job {
	const struct tmpl_set	*set;
	const struct tval	*data;
	const char		*want[LANG__MAX];
	int			 bad;
};

static void *
worker(void *arg)
{
	struct job *j = arg;
	struct arena *my;
	struct buf b;
	int i;

	if ((my = arena_new(1 << 20)) == NULL) {
		j->bad = 1;
		return NULL;
	}
	for (i = 0; i < 2000; i++) {
		arena_reset(my);
		buf_init(&b, my);
		if (tmpl_render(j->set, "main", j->data, (enum lang)(i % 3),
		    &b) == -1 || strcmp(b.p, j->want[i % 3]) != 0)
			j->bad++;
	}
	arena_free(my);
	return NULL;
}

static void
concurrent_renders(void **state)
{
	struct tmpl_set *set;
	struct job job;
	pthread_t th[4];
	int i;

	assert_non_null(set = load1("{{t login.title}}:{{#each items}}"
	    "{{@index}}{{.}}{{/each}}{{name}}"));
	job.set = set;
	job.data = sample();
	job.want[LANG_SQ] = "Hyrja:0x1&lt;y&gt;27Ana";
	job.want[LANG_EN] = "Sign in:0x1&lt;y&gt;27Ana";
	job.want[LANG_SR] = "Prijava:0x1&lt;y&gt;27Ana";
	job.bad = 0;
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, worker, &job), 0);
	for (i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	assert_int_equal(job.bad, 0);
	tmpl_free(set);
}

/* {{t key}} resolves the key once at load; a template that outlives a
 * reload of the catalogue (other messages, keys at other places) still
 * shows the message of the catalogue loaded now. */
static void
msg_after_reload(void **state)
{
	static const char sq2[] =
	    "msgid \"aaa.first\"\nmsgstr \"A\"\n\n"
	    "msgid \"case.list\"\nmsgstr \"Rastet e reja\"\n\n"
	    "msgid \"login.title\"\nmsgstr \"Hyrja e re\"\n\n"
	    "msgid \"quote\"\nmsgstr \"q\"\n";
	static const char en2[] =
	    "msgid \"aaa.first\"\nmsgstr \"A\"\n\n"
	    "msgid \"case.list\"\nmsgstr \"New cases\"\n\n"
	    "msgid \"login.title\"\nmsgstr \"Sign in again\"\n\n"
	    "msgid \"quote\"\nmsgstr \"q\"\n";
	struct i18n_src now[3] = {
		{ LANG_SQ, sq2, sizeof(sq2) - 1 },
		{ LANG_EN, en2, sizeof(en2) - 1 },
		{ LANG_SR, en2, sizeof(en2) - 1 },
	};
	struct i18n_src was[3] = {
		{ LANG_SQ, sq_po, sizeof(sq_po) - 1 },
		{ LANG_EN, en_po, sizeof(en_po) - 1 },
		{ LANG_SR, sr_po, sizeof(sr_po) - 1 },
	};
	struct tmpl_set *set;

	if ((set = load1("{{t login.title}}|{{t case.list}}")) == NULL)
		fail_msg("%s", err);
	assert_string_equal(render(set, "main", NULL, LANG_EN),
	    "Sign in|Cases");
	assert_int_equal(i18n_load(now, 3, err, sizeof(err)), 0);
	assert_string_equal(render(set, "main", NULL, LANG_EN),
	    "Sign in again|New cases");
	assert_string_equal(render(set, "main", NULL, LANG_SQ),
	    "Hyrja e re|Rastet e reja");
	assert_int_equal(i18n_load(was, 3, err, sizeof(err)), 0);
	assert_string_equal(render(set, "main", NULL, LANG_SR),
	    "Prijava|Slučajevi");
	tmpl_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(unterminated_tag, reset),
		cmocka_unit_test_setup(msg_after_reload, reset),
		cmocka_unit_test_setup(empty_tag, reset),
		cmocka_unit_test_setup(unknown_tags, reset),
		cmocka_unit_test_setup(bad_names, reset),
		cmocka_unit_test_setup(unknown_blocks, reset),
		cmocka_unit_test_setup(unbalanced_blocks, reset),
		cmocka_unit_test_setup(misplaced_else, reset),
		cmocka_unit_test_setup(unknown_message_key, reset),
		cmocka_unit_test_setup(raw_needs_name, reset),
		cmocka_unit_test_setup(unknown_partial, reset),
		cmocka_unit_test_setup(partial_recursion, reset),
		cmocka_unit_test_setup(partial_depth, reset),
		cmocka_unit_test_setup(partial_depth_diamond, reset),
		cmocka_unit_test_setup(nesting_limit, reset),
		cmocka_unit_test_setup(bad_template_names, reset),
		cmocka_unit_test_setup(error_line_numbers, reset),
		cmocka_unit_test_setup(long_source_quoted_short, reset),
		cmocka_unit_test_setup(escapes_values, reset),
		cmocka_unit_test_setup(escapes_messages, reset),
		cmocka_unit_test_setup(raw_not_escaped, reset),
		cmocka_unit_test_setup(template_text_is_verbatim, reset),
		cmocka_unit_test_setup(missing_values_render_empty, reset),
		cmocka_unit_test_setup(scalar_rendering, reset),
		cmocka_unit_test_setup(truthiness, reset),
		cmocka_unit_test_setup(if_else_nested, reset),
		cmocka_unit_test_setup(each_scopes, reset),
		cmocka_unit_test_setup(found_name_does_not_fall_outwards, reset),
		cmocka_unit_test_setup(each_else, reset),
		cmocka_unit_test_setup(whitespace_in_tags, reset),
		cmocka_unit_test_setup(comments_dropped, reset),
		cmocka_unit_test_setup(messages_by_language, reset),
		cmocka_unit_test_setup(partials_share_data, reset),
		cmocka_unit_test_setup(render_unknown_template, reset),
		cmocka_unit_test_setup(render_out_of_memory, reset),
		cmocka_unit_test_setup(render_step_limit, reset),
		cmocka_unit_test_setup(empty_template_and_set, reset),
		cmocka_unit_test_setup(source_may_be_freed, reset),
		cmocka_unit_test_setup(tval_misuse, reset),
		cmocka_unit_test_setup(tval_out_of_memory, reset),
		cmocka_unit_test_setup(tval_set_get, reset),
		cmocka_unit_test_setup(concurrent_renders, reset),
	};

	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
