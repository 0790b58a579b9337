/* Lookup in the embedded template table; documented in include/templates.h. */
#include "templates.h"

#include <string.h>

const struct embedded_template *templates_find(const char *name)
{
	if (!name)
		return NULL;
	/* A linear search is enough, because the table has a few dozen entries. */
	for (const struct embedded_template *entry = embedded_templates; entry->name; entry++)
		if (strcmp(entry->name, name) == 0)
			return entry;
	return NULL;
}
