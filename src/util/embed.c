/*
 * embed.c — lookup in the table of files compiled into the binary.
 */
#include <string.h>

#include "embed.h"

const struct embedded_file *
embed_find(const char *path)
{
	size_t i;

	for (i = 0; i < embedded_count; i++)
		if (strcmp(embedded_files[i].path, path) == 0)
			return &embedded_files[i];
	return NULL;
}
