/*
 * embed.h — files compiled into the binary by tools/embed.c (templates/,
 * po/, assets/, data/, src/store/migrations/). Paths are as in the source
 * tree, e.g. "templates/login.html".
 */
#ifndef RRJETI_EMBED_H
#define RRJETI_EMBED_H

#include <stddef.h>

struct embedded_file {
	const char	*path;
	const char	*data;	/* NUL-terminated after len bytes */
	size_t		 len;
};

extern const struct embedded_file	embedded_files[];
extern const size_t			embedded_count;

/* The file at path, or NULL. */
const struct embedded_file *embed_find(const char *path);

#endif
