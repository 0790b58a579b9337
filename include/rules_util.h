/*
 * Helpers that several rule files of src/rules/ share: printing values in
 * messages, word lists, the items of lists and commands, extraEnv lookups,
 * building dotted key paths, and the binder role check of both hub modes.
 */
#ifndef BHG_RULES_UTIL_H
#define BHG_RULES_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"

/** Size of a buffer large enough for any rules_display_quoted() text. */
#define RULES_QUOTED_SIZE 130

/**
 * Write node as check_display_value() shows it (secrets unmasked), a
 * non-null scalar in single quotes: "'abc'", but "null", "a list", "{}".
 * Returns buffer.
 */
const char *rules_display_quoted(const struct node *node, char *buffer, size_t size);

/**
 * Write a non-empty list as "a, b, c", each item as check_display_value()
 * shows it, ending in "..." when cut; other nodes as check_display_value()
 * shows them.  Returns buffer.
 */
const char *rules_display_list(const struct node *node, char *buffer, size_t size);

/** Return ", the chart default" when node came from the chart defaults, else "". */
const char *rules_default_suffix(const struct rule_context *ctx, const struct node *node);

/** True when text equals one of words, a NULL-terminated array.  NULL text matches nothing. */
bool rules_text_in(const char *text, const char *const *words);

/** Like rules_text_in(), but ignoring ASCII letter case. */
bool rules_text_in_ignoring_case(const char *text, const char *const *words);

/**
 * True when list is a sequence with an item equal to one of words (NULL
 * terminated).  An item that is sops ciphertext could be any of them, so it
 * matches too.
 */
bool rules_list_contains(const struct node *list, const char *const *words);

/** Return the number of items of a sequence, or 0 for anything else, NULL included. */
size_t rules_sequence_count(const struct node *node);

/** Return item i of a sequence, aliases resolved.  i must be below rules_sequence_count(). */
const struct node *rules_sequence_item(const struct node *node, size_t i);

/**
 * Return the last mapping item of an extraEnv list whose name is name, or
 * NULL when there is none or list is not a sequence.  Kubernetes uses the
 * last entry of a repeated name.
 */
const struct node *rules_env_find(const struct node *list, const char *name);

/**
 * Return the items of a resolved, non-NULL command node and store their
 * number in *count.  A sequence gives its items.  A string command is one
 * item, as JupyterHub's Command trait takes it, and is stored in *single.
 */
const struct node *const *rules_cmd_items(const struct node *cmd, const struct node **single,
					  size_t *count);

/** Return a command item without its folder: "jupyter-lab" for "/opt/conda/bin/jupyter-lab". */
const char *rules_program_name(const char *item);

/**
 * True when the command runs jupyterhub-singleuser: an item names the
 * program (in any folder) or its module (python -m jupyterhub.singleuser),
 * or an item with white space, a shell or Python script, mentions it.
 * False for a NULL cmd.
 */
bool rules_cmd_runs_singleuser(const struct node *cmd);

/**
 * Append key to the dotted key path of length bytes in path, which has room
 * for size bytes.  A '.' goes first unless the path is empty, and dots inside
 * key become "\." as tree_get_path() reads them.  Text that does not fit is
 * cut.  Returns the new length; path stays NUL-terminated.
 */
size_t rules_path_append_key(char *path, size_t size, size_t length, const char *key);

/**
 * Check jupyterhub.hub.loadRoles.binder for both hub modes: it must exist
 * with services [binder] and scopes that include servers (or
 * admin:servers) and one of user_scopes.  user_scope names the scope to
 * add, and purpose completes "so that BinderHub can ...".
 */
void rules_check_binder_role(const struct rule_context *ctx, enum rule_id rule,
			     const char *const *user_scopes, const char *user_scope,
			     const char *purpose);

#endif
