/*
 * pdf.h — a small layout layer over libharu (doc layer, beside tmpl/: the
 * web handlers build a document model, this turns it into PDF bytes).
 *
 * A document is a list of blocks (title, headings, wrapped paragraphs of
 * UTF-8 text, key/value tables, bullets, a signature block, bar and line
 * charts drawn with paths) built in an arena. pdf_render() lays it out on
 * A4 pages with margins, a running header, and on every page a footer
 * ("Konfidencial — ...") with the page number "n / N"; text is set in
 * DejaVu Sans (regular and bold TTF, embedded), so ë, ç, š, đ, ž and
 * Cyrillic render. libharu's errors come back as return codes: its error
 * handler only records the first error (libharu then refuses further work
 * on the document), and every path frees the libharu document. Nothing is
 * cached between calls; one call is thread-safe with respect to another.
 */
#ifndef RRJETI_PDF_H
#define RRJETI_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

#define PDF_DEFAULT_FONT_DIR	"/usr/share/fonts/truetype/dejavu"
#define PDF_FONT_REGULAR	"DejaVuSans.ttf"
#define PDF_FONT_BOLD		"DejaVuSans-Bold.ttf"
#define PDF_PATH_MAX		1024

/* Limits of one document (the model refuses more: PDF_TOOBIG). */
#define PDF_MAX_TEXT		(2 * 1024 * 1024)	/* bytes of text in all */
#define PDF_MAX_BLOCK		(256 * 1024)	/* bytes of one block's text */
#define PDF_MAX_PAGES		400

enum pdf_rc {
	PDF_OK = 0,
	PDF_NOFONT,	/* a font file is missing, unreadable or not a TTF */
	PDF_TOOBIG,	/* past a limit above, or the arena is full */
	PDF_ERROR	/* libharu failed otherwise (see pdf_render's err) */
};

/* Where the two font files are; ok 1 when both were readable when found. */
struct pdf_fonts {
	char	regular[PDF_PATH_MAX];
	char	bold[PDF_PATH_MAX];
	int	ok;
};

/*
 * Fills f with dir's DejaVuSans.ttf and DejaVuSans-Bold.ttf (dir NULL or "":
 * PDF_DEFAULT_FONT_DIR). PDF_OK when both are readable regular files,
 * PDF_NOFONT otherwise (f->ok 0, why in err).
 */
enum pdf_rc	pdf_fonts_find(struct pdf_fonts *f, const char *dir, char *err,
		    size_t errlen);

struct pdf_doc;

/*
 * A new document in arena a (NULL when the arena is full). title is the
 * first page's title and the document's Title; header runs at the top of
 * every page after the first; footer is printed at the bottom of every page
 * (the caller gives the whole text, e.g. "Konfidencial — XK-09-...");
 * page_word precedes "n / N" ("Faqja"). Strings are copied.
 */
struct pdf_doc	*pdf_doc_new(struct arena *a, const char *title,
		    const char *header, const char *footer, const char *page_word);

/* Blocks, appended in order. Text is UTF-8 (invalid bytes become U+FFFD,
 * characters above U+FFFF and control characters other than a line break
 * become U+FFFD or a space); a paragraph keeps its line breaks. NULL text is
 * "". A failure (limit, arena) is remembered and reported by pdf_render(). */
void	pdf_subtitle(struct pdf_doc *, const char *text);
void	pdf_heading(struct pdf_doc *, const char *text);
void	pdf_subheading(struct pdf_doc *, const char *text);
void	pdf_para(struct pdf_doc *, const char *text);
void	pdf_note(struct pdf_doc *, const char *text);	/* small, grey */
void	pdf_bullet(struct pdf_doc *, const char *text);
/* A row of a key/value table; consecutive rows form one table. A "" value
 * prints as "—". */
void	pdf_kv(struct pdf_doc *, const char *key, const char *value);
/* Two signature boxes side by side, kept on one page: a role, a line to
 * sign on, the name under it, and date_label with a line. */
void	pdf_signatures(struct pdf_doc *, const char *role1, const char *name1,
	    const char *role2, const char *name2, const char *date_label);

/*
 * A chart drawn with libharu's paths (rectangles, lines) and text at a
 * position, kept on one page, from the same items as the SVG charts
 * (svg_items_rt()): horizontal bars (PDF_BARS, one per item, label on the
 * left, value at the bar's end) or a line over the items in order
 * (PDF_LINE, labels under the axis). A suppressed value is drawn as a grey
 * outlined stub marked "<5", never as its number; a missing one as "—".
 * At most PDF_MAX_ITEMS items (more: the model fails, PDF_TOOBIG); none
 * adds nothing. Labels and title are copied.
 */
#define PDF_MAX_ITEMS	200

enum pdf_chart_kind {
	PDF_BARS,
	PDF_LINE
};

struct pdf_item {
	const char	*label;
	int64_t		 v;
	int		 suppressed;
	int		 missing;
};

void	pdf_chart(struct pdf_doc *, enum pdf_chart_kind, const char *title,
	    const struct pdf_item *, size_t n);

struct pdf_stats {
	int	pages;
	size_t	bytes;
};

/*
 * Lays out and renders d with the fonts f into out (appended; out's arena
 * holds the bytes). PDF_NOFONT when a font cannot be loaded, PDF_TOOBIG
 * past a limit, PDF_ERROR when libharu fails (err, may be NULL, gets the
 * libharu error and detail codes). st may be NULL.
 */
enum pdf_rc	pdf_render(const struct pdf_doc *d, const struct pdf_fonts *f,
		    struct buf *out, struct pdf_stats *st, char *err,
		    size_t errlen);

const char	*pdf_rc_str(enum pdf_rc);

#endif
