/*
 * YAML templates compiled into the binary (see cmake/embed.cmake).
 */
#ifndef BHG_TEMPLATES_H
#define BHG_TEMPLATES_H

#include <stddef.h>

struct embedded_template {
	const char *name; /**< Path below templates/, e.g. "values/base.yaml"; NULL ends the table. */
	const char *data; /**< The file's bytes followed by a NUL. */
	size_t size;      /**< Byte count without the NUL. */
};

/** Every file of templates/, sorted by name, ended by an entry whose name is NULL. */
extern const struct embedded_template embedded_templates[];

/** The template called name, or NULL. */
const struct embedded_template *templates_find(const char *name);

#endif
