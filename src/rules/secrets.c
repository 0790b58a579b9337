/*
 * Secret rules (BH170-BH172): credentials must reach the hub from
 * sops-encrypted secret files, never sit in plain values files, and secret
 * files must really be encrypted.
 *
 * A secret file is one whose basename contains "secret", the deployer's own
 * test for decrypting it with sops.  sops writes each encrypted value as
 * ENC[AES256_GCM,data:...,iv:...,tag:...,type:...], keeps keys and nulls in
 * plain text, and stores its settings in a top-level "sops" mapping.  No rule
 * here prints the text of a plaintext value, only its path and file.
 */
#include "check.h"
#include "rules_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* Aliases can make a walk deeper than the loader's nesting limit, or endless
 * when an alias refers to its own ancestor, so walks stop at this depth. */
#define MAX_WALK_DEPTH 512

#define PLACEHOLDER_HINT "'<set-in-encrypted-values>'"

/* ---- helpers ----------------------------------------------------------------- */

/* Dotted key path of the node being visited, with '.' in keys escaped as "\."
 * and sequence items written as "[index]". */
struct key_path {
	char *text;
	size_t length;
	size_t capacity;
};

static void key_path_reserve(struct key_path *path, size_t extra)
{
	size_t needed = path->length + extra + 1;
	char *text;

	if (needed <= path->capacity)
		return;
	if (needed < 2 * path->capacity)
		needed = 2 * path->capacity;
	text = realloc(path->text, needed);
	if (!text)
		abort();
	path->text = text;
	path->capacity = needed;
}

/* Append ".key" (just "key" at the top) and return the length to restore. */
static size_t key_path_push_key(struct key_path *path, const char *key)
{
	size_t saved = path->length;

	/* Room for the '.', every byte of key escaped and the NUL, so nothing is cut. */
	key_path_reserve(path, 2 * strlen(key) + 1);
	path->length = rules_path_append_key(path->text, path->capacity, path->length, key);
	return saved;
}

static size_t key_path_push_index(struct key_path *path, size_t index)
{
	size_t saved = path->length;
	int written;

	key_path_reserve(path, 24);
	written = snprintf(path->text + path->length, path->capacity - path->length, "[%zu]",
			   index);
	path->length += (size_t)written;
	return saved;
}

static void key_path_restore(struct key_path *path, size_t length)
{
	path->length = length;
	if (path->text)
		path->text[length] = '\0';
}

static const char *key_path_text(const struct key_path *path)
{
	return path->text ? path->text : "";
}

/*
 * True for a placeholder of a secret kept elsewhere: "<...>",
 * "set-in-encrypted...", "changeme", "***" (any run of three or more '*') or
 * "".  Letter case is ignored.
 */
static bool is_placeholder(const char *text)
{
	size_t length = strlen(text);

	if (length == 0)
		return true;
	if (text[0] == '<' && text[length - 1] == '>')
		return true;
	if (strncasecmp(text, "set-in-encrypted", 16) == 0 || strcasecmp(text, "changeme") == 0)
		return true;
	return length >= 3 && strspn(text, "*") == length;
}

/* True when a scalar is real plaintext: not null, ciphertext or a placeholder. */
static bool is_plaintext_value(const struct node *node)
{
	const char *text = check_text(node);

	return text && !tree_is_null(tree_resolve(node)) && !check_is_encrypted(node) &&
	       !is_placeholder(text);
}

/* The scalar text of a mapping key, or NULL for a complex key. */
static const char *key_text(const struct pair *pair)
{
	return check_text(pair->key);
}

/*
 * The layer whose file supplied node.  Helm's merge takes a value from the
 * last layer that defines its path, and a list comes whole from one layer.
 * The merged copy keeps that file's name in its mark, so the mark names the
 * last layer defining the path.  NULL when no layer has that name.
 */
static const struct layer *supplying_layer(const struct rule_context *ctx,
					   const struct node *node)
{
	const char *file;

	node = tree_resolve(node);
	file = node ? node->mark.file : NULL;
	if (!file)
		return NULL;
	for (size_t i = ctx->layer_count; i > 0; i--) {
		const struct layer *layer = &ctx->layers[i - 1];

		if ((layer->name && strcmp(layer->name, file) == 0) ||
		    (layer->doc && layer->doc->file && strcmp(layer->doc->file, file) == 0))
			return layer;
	}
	return NULL;
}

/* True for the top-level "sops" key of a file, which contains sops's settings. */
static bool is_sops_metadata_key(size_t depth, const char *key)
{
	return depth == 0 && key && strcmp(key, "sops") == 0;
}

/* The sops metadata of a layer: the engine's layer->sops, else the file's own key. */
static const struct node *sops_metadata(const struct layer *layer)
{
	if (layer->sops)
		return layer->sops;
	return layer->doc ? tree_mapping_get(layer->doc->root, "sops") : NULL;
}

static bool has_sops_metadata(const struct layer *layer)
{
	const struct node *metadata = tree_resolve(sops_metadata(layer));

	return metadata && metadata->kind == NODE_MAPPING;
}

/* A search for the secret keys of a tree, and what to do with each one's value. */
struct secret_search {
	const struct rule_context *ctx;
	const struct layer *layer; /**< The file searched, or NULL for the effective values. */
	struct key_path path;      /**< Path of the node being visited. */
	void (*visit)(struct secret_search *search, const struct node *value, size_t depth);
};

/*
 * True when path is a container env list written as "- name: ... value: ..."
 * items: binderhub-service.extraEnv and z2jh's hub and singleuser extraEnv,
 * also below a daskhub file's basehub: key.
 */
static bool is_env_list_path(const char *path)
{
	static const char *const env_lists[] = {
		"binderhub-service.extraEnv",
		"jupyterhub.hub.extraEnv",
		"jupyterhub.singleuser.extraEnv",
	};
	size_t length = strlen(path);

	for (size_t i = 0; i < sizeof(env_lists) / sizeof(env_lists[0]); i++) {
		size_t suffix = strlen(env_lists[i]);

		if (length >= suffix && strcmp(path + length - suffix, env_lists[i]) == 0 &&
		    (length == suffix || path[length - suffix - 1] == '.'))
			return true;
	}
	return false;
}

/*
 * The literal value of an env item whose variable name is a secret key name
 * (GITHUB_ACCESS_TOKEN, AWS_SECRET_ACCESS_KEY), or NULL.  An item that reads
 * the secret with valueFrom has no literal value, so it returns NULL.
 */
static const struct node *secret_env_value(const struct node *item)
{
	const char *name = check_text(tree_mapping_get(item, "name"));

	if (!name || !check_is_secret_key(name))
		return NULL;
	return tree_mapping_get(item, "value");
}

/*
 * Call search->visit on the value of every secret key inside node, with
 * search->path set to that key's path.  The literal value of an env list item
 * named like a secret key counts as one too.  Keys inside a secret key's
 * value are left to visit, and a file's top-level sops metadata is skipped.
 */
static void find_secret_keys(struct secret_search *search, const struct node *node, size_t depth)
{
	size_t saved;

	node = tree_resolve(node);
	if (!node || depth > MAX_WALK_DEPTH)
		return;
	if (node->kind == NODE_SEQUENCE) {
		bool env_list = is_env_list_path(key_path_text(&search->path));

		for (size_t i = 0; i < node->as.sequence.count; i++) {
			const struct node *item = node->as.sequence.items[i];
			const struct node *env_value = env_list ? secret_env_value(item) : NULL;

			saved = key_path_push_index(&search->path, i);
			if (env_value) {
				key_path_push_key(&search->path, "value");
				search->visit(search, env_value, depth + 2);
			} else {
				find_secret_keys(search, item, depth + 1);
			}
			key_path_restore(&search->path, saved);
		}
		return;
	}
	if (node->kind != NODE_MAPPING)
		return;
	for (size_t i = 0; i < node->as.mapping.count; i++) {
		const struct pair *pair = &node->as.mapping.pairs[i];
		const char *key = key_text(pair);

		if (!key || is_sops_metadata_key(depth, key))
			continue;
		saved = key_path_push_key(&search->path, key);
		if (check_is_secret_key(key))
			search->visit(search, pair->value, depth + 1);
		else
			find_secret_keys(search, pair->value, depth + 1);
		key_path_restore(&search->path, saved);
	}
}

/* ---- BH170: effective secret values ------------------------------------------ */

/* Judge one scalar that the hub receives at a secret key. */
static void check_effective_scalar(const struct rule_context *ctx, const struct node *written,
				   const char *path)
{
	const struct node *node = tree_resolve(written);
	const struct layer *layer;
	bool encrypted;

	if (!check_is_set(node) || check_from_defaults(ctx, node))
		return;
	encrypted = check_is_encrypted(node);
	layer = supplying_layer(ctx, node);
	if (encrypted && (!layer || layer->secret))
		return;

	if (encrypted) {
		/* The deployer decrypts only secret files, so helm would get the
		 * ciphertext itself as the value. */
		check_report(ctx, RULE_BH170, written, path,
			     "%s is sops ciphertext from '%s', whose name does not contain 'secret', "
			     "so the deployer passes it to helm undecrypted; move it to the hub's "
			     "secret file (enc-<hub>.secret.values.yaml)",
			     path, layer->name);
	} else if (!layer) {
		check_report(ctx, RULE_BH170, written, path,
			     "%s has a plaintext value; set it in a sops-encrypted secret file "
			     "(enc-<hub>.secret.values.yaml)",
			     path);
	} else if (layer->secret && has_sops_metadata(layer)) {
		/* sops rejects encrypting a file that has metadata already. */
		check_report(ctx, RULE_BH170, written, path,
			     "%s is not encrypted in the secret file '%s'; remove it and add it "
			     "again with 'sops edit %s'",
			     path, layer->name, layer->name);
	} else if (layer->secret) {
		check_report(ctx, RULE_BH170, written, path,
			     "%s is not encrypted in the secret file '%s'; encrypt the file with "
			     "'sops --encrypt --in-place %s'",
			     path, layer->name, layer->name);
	} else if (is_placeholder(check_text(node))) {
		check_report(ctx, RULE_BH170, written, path,
			     "%s in effect is a placeholder from '%s', which is not a secret file; "
			     "set the real value in a sops-encrypted secret file layered after it",
			     path, layer->name);
	} else {
		check_report(ctx, RULE_BH170, written, path,
			     "%s in effect is a plaintext value from '%s', which is not a secret "
			     "file; move it to a sops-encrypted secret file "
			     "(enc-<hub>.secret.values.yaml)",
			     path, layer->name);
	}
}

/* Judge every scalar inside the value of a secret key. */
static void check_effective_secret(struct secret_search *search, const struct node *written,
				   size_t depth)
{
	const struct node *node = tree_resolve(written);
	size_t saved;

	if (!node || depth > MAX_WALK_DEPTH)
		return;
	if (node->kind == NODE_SCALAR) {
		check_effective_scalar(search->ctx, written, key_path_text(&search->path));
	} else if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++) {
			saved = key_path_push_index(&search->path, i);
			check_effective_secret(search, node->as.sequence.items[i], depth + 1);
			key_path_restore(&search->path, saved);
		}
	} else if (node->kind == NODE_MAPPING) {
		for (size_t i = 0; i < node->as.mapping.count; i++) {
			const struct pair *pair = &node->as.mapping.pairs[i];

			if (!key_text(pair))
				continue;
			saved = key_path_push_key(&search->path, key_text(pair));
			check_effective_secret(search, pair->value, depth + 1);
			key_path_restore(&search->path, saved);
		}
	}
}

void check_BH170(const struct rule_context *ctx)
{
	struct secret_search search = {.ctx = ctx, .visit = check_effective_secret};

	find_secret_keys(&search, ctx->values, 0);
	free(search.path.text);
}

/* ---- BH171: plaintext secrets in plain files --------------------------------- */

/* True when any scalar of node, itself included, satisfies test. */
static bool contains_scalar(const struct node *node, size_t depth,
			    bool (*test)(const struct node *scalar))
{
	node = tree_resolve(node);
	if (!node || depth > MAX_WALK_DEPTH)
		return false;
	if (node->kind == NODE_SCALAR)
		return test(node);
	if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++)
			if (contains_scalar(node->as.sequence.items[i], depth + 1, test))
				return true;
	} else if (node->kind == NODE_MAPPING) {
		for (size_t i = 0; i < node->as.mapping.count; i++)
			if (contains_scalar(node->as.mapping.pairs[i].value, depth + 1, test))
				return true;
	}
	return false;
}

static void report_plain_file_secret(struct secret_search *search, const struct node *value,
				     size_t depth)
{
	const char *path = key_path_text(&search->path);

	if (contains_scalar(value, depth, is_plaintext_value))
		check_report(search->ctx, RULE_BH171, value, path,
			     "%s in '%s', which is not a secret file, has a plaintext value; "
			     "replace it with " PLACEHOLDER_HINT ", keep the real value in a "
			     "sops-encrypted secret file and rotate it, because git history "
			     "keeps it",
			     path, search->layer->name);
}

void check_BH171(const struct rule_context *ctx)
{
	struct secret_search search = {.ctx = ctx, .visit = report_plain_file_secret};

	for (size_t i = 0; i < ctx->layer_count; i++) {
		const struct layer *layer = &ctx->layers[i];

		/* The whole file is committed, so keys outside the part that reaches
		 * basehub count too.  The emulated deployer layer is no file. */
		if (layer->secret || layer->emulated || !layer->doc)
			continue;
		search.layer = layer;
		find_secret_keys(&search, layer->doc->root, 0);
	}
	free(search.path.text);
}

/* ---- BH172: secret files are sops-encrypted ---------------------------------- */

/* One of sops's regular-expression settings. */
struct sops_pattern {
	bool set;
	pcre2_code *code; /**< NULL when set but not compilable: then it never matches. */
};

/* The settings in a file's sops metadata that decide which values sops encrypts. */
struct sops_settings {
	const char *unencrypted_suffix;
	const char *encrypted_suffix;
	struct sops_pattern unencrypted_regex;
	struct sops_pattern encrypted_regex;
	struct sops_pattern unencrypted_comment_regex;
	struct sops_pattern encrypted_comment_regex;
};

static const char *const sops_setting_names[] = {
	"unencrypted_suffix",	     "encrypted_suffix",	"unencrypted_regex",
	"encrypted_regex",	     "unencrypted_comment_regex", "encrypted_comment_regex",
};

#define SOPS_SETTING_COUNT (sizeof(sops_setting_names) / sizeof(sops_setting_names[0]))

static const char *sops_setting(const struct node *metadata, const char *name)
{
	const char *text = check_text(tree_mapping_get(metadata, name));

	return text && *text ? text : NULL;
}

/*
 * Compile a Go (RE2) expression as sops uses it: an unanchored search in which
 * '$' matches only at the end.  sops ignores the error of an invalid
 * expression and treats it as matching nothing, so a failed compilation leaves
 * code NULL with the same effect.
 */
static struct sops_pattern sops_pattern_compile(const char *text)
{
	struct sops_pattern pattern = {0};
	int error;
	PCRE2_SIZE offset;

	if (!text)
		return pattern;
	pattern.set = true;
	/* NOTE: PCRE2 and Go's RE2 agree on common expressions; an expression
	 * that only one of them accepts is judged as PCRE2 reads it. */
	pattern.code = pcre2_compile((PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED,
				     PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DOLLAR_ENDONLY,
				     &error, &offset, NULL);
	return pattern;
}

static bool sops_pattern_search(const struct sops_pattern *pattern, const char *text,
				size_t length)
{
	pcre2_match_data *match;
	int result;

	if (!pattern->code)
		return false;
	match = pcre2_match_data_create_from_pattern(pattern->code, NULL);
	if (!match)
		abort();
	result = pcre2_match(pattern->code, (PCRE2_SPTR)text, length, 0, 0, match, NULL);
	pcre2_match_data_free(match);
	return result >= 0;
}

static void sops_settings_release(struct sops_settings *settings)
{
	pcre2_code_free(settings->unencrypted_regex.code);
	pcre2_code_free(settings->encrypted_regex.code);
	pcre2_code_free(settings->unencrypted_comment_regex.code);
	pcre2_code_free(settings->encrypted_comment_regex.code);
}

/*
 * Read the settings of a sops metadata mapping.  sops rejects a file that
 * sets more than one of them; then *conflict names the first two and false
 * is returned.  With none set, sops uses the suffix "_unencrypted".
 */
static bool sops_settings_read(const struct node *metadata, struct sops_settings *settings,
			       const char *conflict[2])
{
	size_t count = 0;

	memset(settings, 0, sizeof(*settings));
	for (size_t i = 0; i < SOPS_SETTING_COUNT; i++) {
		if (!sops_setting(metadata, sops_setting_names[i]))
			continue;
		if (count < 2)
			conflict[count] = sops_setting_names[i];
		count++;
	}
	if (count > 1)
		return false;
	settings->unencrypted_suffix = sops_setting(metadata, "unencrypted_suffix");
	settings->encrypted_suffix = sops_setting(metadata, "encrypted_suffix");
	settings->unencrypted_regex = sops_pattern_compile(sops_setting(metadata, "unencrypted_regex"));
	settings->encrypted_regex = sops_pattern_compile(sops_setting(metadata, "encrypted_regex"));
	settings->unencrypted_comment_regex =
		sops_pattern_compile(sops_setting(metadata, "unencrypted_comment_regex"));
	settings->encrypted_comment_regex =
		sops_pattern_compile(sops_setting(metadata, "encrypted_comment_regex"));
	if (count == 0)
		settings->unencrypted_suffix = "_unencrypted";
	return true;
}

/* A stack of borrowed strings: the keys or the comments on the way to a value. */
struct text_stack {
	const char **items;
	size_t count;
	size_t capacity;
};

static void text_stack_push(struct text_stack *stack, const char *text)
{
	if (stack->count == stack->capacity) {
		size_t capacity = stack->capacity ? 2 * stack->capacity : 32;
		const char **items = realloc(stack->items, capacity * sizeof(*items));

		if (!items)
			abort();
		stack->items = items;
		stack->capacity = capacity;
	}
	stack->items[stack->count++] = text;
}

static bool has_suffix(const char *text, const char *suffix)
{
	size_t length = strlen(text), suffix_length = strlen(suffix);

	return length >= suffix_length && strcmp(text + length - suffix_length, suffix) == 0;
}

static bool any_key_has_suffix(const struct text_stack *keys, const char *suffix)
{
	for (size_t i = 0; i < keys->count; i++)
		if (has_suffix(keys->items[i], suffix))
			return true;
	return false;
}

static bool any_key_matches(const struct text_stack *keys, const struct sops_pattern *pattern)
{
	for (size_t i = 0; i < keys->count; i++)
		if (sops_pattern_search(pattern, keys->items[i], strlen(keys->items[i])))
			return true;
	return false;
}

/* Match each comment line without its '#', as sops reads comments. */
static bool any_comment_matches(const struct text_stack *comments,
				const struct sops_pattern *pattern)
{
	for (size_t i = 0; i < comments->count; i++) {
		const char *line = comments->items[i];

		while (line && *line) {
			size_t length = strcspn(line, "\n");
			const char *start = line + strspn(line, " \t");

			if (*start == '#')
				start++;
			if (start <= line + length &&
			    sops_pattern_search(pattern, start, (size_t)(line + length - start)))
				return true;
			line += length;
			if (*line == '\n')
				line++;
		}
	}
	return false;
}

/*
 * Whether sops encrypts a value reached through the mapping keys in keys,
 * below the whole-line comments in comments.  Each setting overrides the ones
 * before it, in the order sops applies them.  A suffix or expression applies
 * when any key or comment on the way matches.
 */
static bool sops_encrypts(const struct sops_settings *settings, const struct text_stack *keys,
			  const struct text_stack *comments)
{
	bool encrypted = true;

	if (settings->unencrypted_suffix && any_key_has_suffix(keys, settings->unencrypted_suffix))
		encrypted = false;
	if (settings->encrypted_suffix)
		encrypted = any_key_has_suffix(keys, settings->encrypted_suffix);
	if (settings->unencrypted_regex.set && any_key_matches(keys, &settings->unencrypted_regex))
		encrypted = false;
	if (settings->encrypted_regex.set)
		encrypted = any_key_matches(keys, &settings->encrypted_regex);
	/* NOTE: only the comments directly above each key or item on the way
	 * count, because the loader keeps no others.  sops may also count
	 * comments written elsewhere between the items of a mapping. */
	if (settings->unencrypted_comment_regex.set &&
	    any_comment_matches(comments, &settings->unencrypted_comment_regex))
		encrypted = false;
	if (settings->encrypted_comment_regex.set)
		encrypted = any_comment_matches(comments, &settings->encrypted_comment_regex);
	return encrypted;
}

struct secret_file_walk {
	const struct rule_context *ctx;
	const struct layer *layer;
	const struct sops_settings *settings;
	struct key_path path;
	struct text_stack keys;	    /**< Mapping keys on the way: the path sops matches. */
	struct text_stack comments; /**< Comments above those keys and the items on the way. */
};

static void check_secret_file_node(struct secret_file_walk *walk, const struct node *written,
				   size_t depth)
{
	const struct node *node = tree_resolve(written);
	size_t saved_path, saved_keys = walk->keys.count, saved_comments = walk->comments.count;

	if (!node || depth > MAX_WALK_DEPTH)
		return;
	if (node->kind == NODE_SCALAR) {
		/* sops writes nulls and empty strings as they are. */
		if (tree_is_null(node) || node->as.scalar.length == 0 || check_is_encrypted(node) ||
		    !sops_encrypts(walk->settings, &walk->keys, &walk->comments))
			return;
		check_report(walk->ctx, RULE_BH172, written, key_path_text(&walk->path),
			     "%s in the secret file '%s' is plaintext where its sops settings "
			     "expect ciphertext, so 'sops --decrypt' fails on the file and the value "
			     "is readable; remove it, add it again with 'sops edit %s' and rotate it "
			     "if it was committed",
			     key_path_text(&walk->path), walk->layer->name, walk->layer->name);
		return;
	}
	if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++) {
			const struct node *item = node->as.sequence.items[i];

			saved_path = key_path_push_index(&walk->path, i);
			text_stack_push(&walk->comments, item->comment);
			check_secret_file_node(walk, item, depth + 1);
			walk->comments.count = saved_comments;
			key_path_restore(&walk->path, saved_path);
		}
		return;
	}
	if (node->kind != NODE_MAPPING)
		return;
	for (size_t i = 0; i < node->as.mapping.count; i++) {
		const struct pair *pair = &node->as.mapping.pairs[i];
		const char *key = key_text(pair);

		if (!key || is_sops_metadata_key(depth, key))
			continue;
		saved_path = key_path_push_key(&walk->path, key);
		text_stack_push(&walk->keys, key);
		text_stack_push(&walk->comments, pair->key->comment);
		check_secret_file_node(walk, pair->value, depth + 1);
		walk->keys.count = saved_keys;
		walk->comments.count = saved_comments;
		key_path_restore(&walk->path, saved_path);
	}
}

static void check_secret_file(const struct rule_context *ctx, const struct layer *layer)
{
	const struct node *root = tree_resolve(layer->doc->root);
	const struct node *metadata = sops_metadata(layer);
	struct sops_settings settings;
	const char *conflict[2] = {NULL, NULL};
	struct secret_file_walk walk = {0};

	if (!has_sops_metadata(layer) && contains_scalar(root, 0, check_is_encrypted)) {
		/* Encrypting again would wrap the ENC[...] values in a second layer
		 * of ciphertext, and without the metadata no key can decrypt them. */
		check_report(ctx, RULE_BH172, metadata ? metadata : root, "sops",
			     "the secret file '%s' has ENC[...] values but no top-level sops "
			     "mapping, so its sops metadata is missing and sops cannot decrypt it; "
			     "restore the file from git, or write it again from the plaintext "
			     "values and encrypt that with 'sops --encrypt --in-place %s'",
			     layer->name, layer->name);
		return;
	}
	if (!has_sops_metadata(layer)) {
		check_report(ctx, RULE_BH172, metadata ? metadata : root, "sops",
			     "the secret file '%s' has no top-level sops mapping, so none of its "
			     "values are encrypted; encrypt it with 'sops --encrypt --in-place %s'",
			     layer->name, layer->name);
		return;
	}
	if (!sops_settings_read(tree_resolve(metadata), &settings, conflict)) {
		check_report(ctx, RULE_BH172, metadata, "sops",
			     "the sops metadata of '%s' sets both %s and %s, and sops rejects such "
			     "a file; decrypt it with the sops version that wrote it and encrypt it "
			     "again with only one of them",
			     layer->name, conflict[0], conflict[1]);
		return;
	}
	walk.ctx = ctx;
	walk.layer = layer;
	walk.settings = &settings;
	check_secret_file_node(&walk, root, 0);
	free(walk.path.text);
	free(walk.keys.items);
	free(walk.comments.items);
	sops_settings_release(&settings);
}

void check_BH172(const struct rule_context *ctx)
{
	for (size_t i = 0; i < ctx->layer_count; i++) {
		const struct layer *layer = &ctx->layers[i];
		const struct node *root = layer->doc ? tree_resolve(layer->doc->root) : NULL;

		/* An empty file contains nothing to leak, and a file that is not a
		 * mapping is BH007's finding. */
		if (!layer->secret || !root || root->kind != NODE_MAPPING)
			continue;
		check_secret_file(ctx, layer);
	}
}
