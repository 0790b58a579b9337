/*
 * The effective values of a hub: what helm hands to the basehub chart after
 * layering the user's --values files and coalescing them onto the chart
 * defaults.
 *
 * Each file becomes a struct layer (include/check.h).  Loading a layer drops
 * its top-level `sops` key (kept in layer.sops) and expands YAML merge keys
 * `<<` in place.  effective_build() then merges the layers left to right as
 * helm does between --values files: maps merge key by key, while lists,
 * scalars and null replace.  It coalesces the result onto the chart
 * defaults.  There a null deletes the key and its default, and a user map
 * merges into a default map, so `{}` keeps the default.  Any other user
 * value replaces the default, missing keys come from the defaults, and
 * nulls left over count as absent.
 *
 * Every node of the effective values is a copy that keeps the mark of the
 * file and line that supplied it.  Nodes from the chart defaults carry
 * effective.defaults_name as mark.file, and check_from_defaults() compares
 * that name to recognise them.
 */
#ifndef BHG_EFFECTIVE_H
#define BHG_EFFECTIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"
#include "load.h"
#include "tree.h"

/** Name of the built-in chart defaults among the embedded templates. */
#define EFFECTIVE_BUILTIN_DEFAULTS "chart/basehub-defaults.yaml"

/**
 * Nodes that alias expansion may create per layer.  basehub's values.yaml,
 * the largest file ever layered, has under 2,000 lines at revision
 * 9ad7cd0fc, so the limit only stops a "billion laughs" chain of aliases
 * from exhausting memory.
 */
#define EFFECTIVE_MAX_EXPANDED_NODES ((size_t)1000000)

/** The layers of one check, the chart defaults and the effective values built from them. */
struct effective {
	struct layer *layers; /**< In helm --values order; each owns its doc. */
	size_t layer_count;
	size_t layer_capacity;
	bool daskhub; /**< Take each file's basehub: subtree as its values. */

	struct tree_doc *defaults; /**< Chart defaults, or NULL to coalesce onto nothing. */
	char *defaults_name;       /**< mark.file of every defaults node; malloc'ed, NULL without defaults. */

	struct tree_doc *doc;   /**< Owns the effective values; NULL before effective_build(). */
	struct node *values;    /**< Effective values, always a mapping after effective_build(). */
	struct deletion *deletions; /**< Keys removed by a null, in the order they were found. */
	size_t deletion_count;
	size_t deletion_capacity;
};

/** Start an empty set of layers without chart defaults. */
void effective_init(struct effective *effective, bool daskhub);

/**
 * Read path ("-" is standard input, named "stdin") with comments kept and
 * add it as the next layer.  Returns LOAD_OK, or the loader's status with
 * err filled when the file cannot be read, does not parse, or has a merge
 * key whose value is not a mapping or a list of mappings.
 */
enum load_status effective_load_layer(struct effective *effective, const char *path,
				      struct load_error *err);

/**
 * Add doc as the next layer and take ownership of it, also on failure.
 * The layer is named doc->file.  Returns LOAD_OK, or LOAD_ERR_STRUCTURE
 * with err filled for an invalid merge key.
 */
enum load_status effective_add_layer(struct effective *effective, struct tree_doc *doc,
				     struct load_error *err);

/**
 * Add doc as the next layer and mark it emulated: a layer that binderhub-gen
 * builds rather than a file the user wrote, so that findings never point
 * into it.  The deployer's own layer (include/deployer_layer.h) is added
 * first, as the deployer passes it first; the generator's self-check adds
 * the expected secret file last.  Takes ownership of doc and returns as
 * effective_add_layer() does.
 */
enum load_status effective_add_emulated_layer(struct effective *effective, struct tree_doc *doc,
					      struct load_error *err);

/**
 * Use the chart defaults built into the program, named
 * "chart defaults (built-in, REVISION)" after the revision line in their
 * header.  Returns LOAD_OK, or the loader's status with err filled.
 */
enum load_status effective_load_builtin_defaults(struct effective *effective,
						 struct load_error *err);

/**
 * Use the chart defaults in path (basehub's values.yaml), named
 * "chart defaults (PATH)".  Returns LOAD_OK, or the loader's status with err
 * filled, LOAD_ERR_STRUCTURE when the file is not a mapping.
 */
enum load_status effective_load_defaults(struct effective *effective, const char *path,
					 struct load_error *err);

/**
 * Merge the layers and coalesce them onto the defaults into
 * effective->values, recording in effective->deletions every key that a
 * null removed.  Can be called once.  Returns LOAD_OK, or LOAD_ERR_LIMIT
 * with err naming the layer when its aliases expand to more than
 * EFFECTIVE_MAX_EXPANDED_NODES nodes.
 */
enum load_status effective_build(struct effective *effective, struct load_error *err);

/**
 * Point ctx's values, deletions, layers, defaults and daskhub fields at
 * effective, which must outlive ctx.  Other fields are left untouched.
 */
void effective_fill_context(const struct effective *effective, struct rule_context *ctx);

/** Free the layers, the defaults and the effective values. */
void effective_release(struct effective *effective);

/**
 * Write the dotted path of key below parent_path into a malloc'ed string,
 * escaping each '.' inside key as "\." (the form tree_get_path() reads).
 * parent_path may be NULL or "" for a top-level key.
 */
char *effective_join_path(const char *parent_path, const char *key);

/**
 * Return the basehub revision that the built-in chart defaults come from
 * (e.g. "9ad7cd0fc"), malloc'ed, or NULL when the header does not name one.
 */
char *effective_builtin_revision(void);

#endif
