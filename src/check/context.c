/* Helpers that rules use; documented in include/check.h. */
#include "check.h"

#include <ctype.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct node *check_get(const struct rule_context *ctx, const char *path)
{
	return tree_get_path(ctx->values, path);
}

bool check_is_set(const struct node *node)
{
	node = tree_resolve(node);
	if (!node || tree_is_null(node))
		return false;
	switch (node->kind) {
	case NODE_SCALAR:
		return node->as.scalar.length > 0;
	case NODE_SEQUENCE:
		return node->as.sequence.count > 0;
	case NODE_MAPPING:
		return node->as.mapping.count > 0;
	case NODE_ALIAS:
	default:
		return false;
	}
}

bool check_is_absent(const struct node *node)
{
	return !tree_resolve(node) || tree_is_null(node);
}

bool check_is_encrypted(const struct node *node)
{
	const char *text = check_text(node);
	size_t length = text ? strlen(text) : 0;

	return length > 5 && strncmp(text, "ENC[", 4) == 0 && text[length - 1] == ']';
}

bool check_from_defaults(const struct rule_context *ctx, const struct node *node)
{
	node = tree_resolve(node);
	return node && ctx->defaults_name && node->mark.file &&
	       strcmp(node->mark.file, ctx->defaults_name) == 0;
}

const char *check_text(const struct node *node)
{
	node = tree_resolve(node);
	return node && node->kind == NODE_SCALAR ? node->as.scalar.value : NULL;
}

bool check_url_equal(const char *a, const char *b)
{
	size_t la, lb;

	if (!a || !b)
		return false;
	la = strlen(a);
	lb = strlen(b);
	if (la && a[la - 1] == '/')
		la--;
	if (lb && b[lb - 1] == '/')
		lb--;
	return la == lb && strncmp(a, b, la) == 0;
}

bool check_is_secret_key(const char *key)
{
	static regex_t pattern;
	static bool ready;

	if (!key)
		return false;
	if (!ready) {
		/* The catalogue's definition of a secret key, plus any *_token
		 * (GitHubRepoProvider.access_token, GITHUB_TOKEN) and AWS secret
		 * keys: matched against the last key of a path or an environment
		 * variable's name, case-insensitively. */
		if (regcomp(&pattern,
			    "(password|client_secret|secrettoken|api_?token|googleserviceaccountkey|"
			    "cookiesecret|private_?key|(^|_)token|secret_?access_?key)$",
			    REG_EXTENDED | REG_ICASE | REG_NOSUB))
			abort();
		ready = true;
	}
	return regexec(&pattern, key, 0, NULL, 0) == 0;
}

const char *check_display_value(const struct node *node, bool secret_key, char *buffer,
				size_t size)
{
	node = tree_resolve(node);
	if (!node)
		snprintf(buffer, size, "absent");
	else if (tree_is_null(node))
		snprintf(buffer, size, "null");
	else if (secret_key && !check_is_encrypted(node))
		snprintf(buffer, size, "(masked)");
	else if (node->kind == NODE_SEQUENCE)
		snprintf(buffer, size, node->as.sequence.count ? "a list" : "[]");
	else if (node->kind == NODE_MAPPING)
		snprintf(buffer, size, node->as.mapping.count ? "a mapping" : "{}");
	else if (node->as.scalar.length > 60)
		snprintf(buffer, size, "%.57s...", node->as.scalar.value);
	else
		snprintf(buffer, size, "%s", node->as.scalar.value);
	/* A multi-line value would break the one-line formats. */
	for (char *c = buffer; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	return buffer;
}

static void findings_append(struct findings *findings, struct finding *finding)
{
	if (findings->count == findings->capacity) {
		size_t capacity = findings->capacity ? findings->capacity * 2 : 16;
		struct finding *items = realloc(findings->items, capacity * sizeof(*items));

		if (!items)
			abort();
		findings->items = items;
		findings->capacity = capacity;
	}
	findings->items[findings->count++] = *finding;
}

static char *format_message(const char *format, va_list args)
{
	va_list copy;
	int length;
	char *message;

	va_copy(copy, args);
	length = vsnprintf(NULL, 0, format, copy);
	va_end(copy);
	message = malloc((size_t)(length > 0 ? length : 0) + 1);
	if (!message)
		abort();
	vsnprintf(message, (size_t)length + 1, format, args);
	return message;
}

static char *copy_string(const char *text)
{
	char *copy = strdup(text ? text : "");

	if (!copy)
		abort();
	return copy;
}

static bool mark_is_emulated(const struct rule_context *ctx, const struct mark *mark)
{
	for (size_t i = 0; i < ctx->layer_count; i++)
		if (ctx->layers[i].emulated && mark->file &&
		    strcmp(mark->file, ctx->layers[i].name) == 0)
			return true;
	return false;
}

/* The last user file that is not emulated: where file-level findings go. */
static const char *last_user_file(const struct rule_context *ctx)
{
	/* A plain values file first: settings belong there, and a pragma in an
	 * encrypted file would be encrypted too. */
	for (size_t i = ctx->layer_count; i > 0; i--)
		if (!ctx->layers[i - 1].emulated && !ctx->layers[i - 1].secret)
			return ctx->layers[i - 1].name;
	for (size_t i = ctx->layer_count; i > 0; i--)
		if (!ctx->layers[i - 1].emulated)
			return ctx->layers[i - 1].name;
	return ctx->layer_count ? ctx->layers[0].name : NULL;
}

static struct finding new_finding(enum rule_id rule, const char *path, char *message)
{
	struct finding finding = {0};

	finding.rule = rule;
	finding.severity = rule_catalogue[rule].severity;
	finding.path = copy_string(path);
	finding.message = message;
	return finding;
}

/* Findings point into files the user wrote: never into the chart defaults or
 * the emulated deployer layer, whose lines the user cannot edit. */
static void point_at(const struct rule_context *ctx, struct finding *finding, struct mark mark)
{
	finding->from_emulated = mark_is_emulated(ctx, &mark);
	if (mark.line && mark.file && !finding->from_emulated &&
	    !(ctx->defaults_name && strcmp(mark.file, ctx->defaults_name) == 0)) {
		finding->mark = mark;
		return;
	}
	finding->mark.file = last_user_file(ctx);
	finding->mark.line = 0;
	finding->mark.column = 0;
}

void check_report(const struct rule_context *ctx, enum rule_id rule, const struct node *node,
		  const char *path, const char *format, ...)
{
	struct finding finding;
	struct mark mark = {0};
	va_list args;

	va_start(args, format);
	finding = new_finding(rule, path, format_message(format, args));
	va_end(args);
	if (node)
		mark = node->mark;
	point_at(ctx, &finding, mark);
	findings_append(ctx->findings, &finding);
}

/* Deletion whose path is path itself or one of its parents. */
static const struct deletion *find_deletion(const struct rule_context *ctx, const char *path)
{
	for (size_t i = ctx->deletion_count; i > 0; i--) {
		const struct deletion *deletion = &ctx->deletions[i - 1];
		size_t length = strlen(deletion->path);

		if (strncmp(path, deletion->path, length) == 0 &&
		    (path[length] == '\0' || path[length] == '.'))
			return deletion;
	}
	return NULL;
}

/* Walk path in one tree; return how many keys exist and the last key's mark. */
static size_t deepest_key(const struct node *root, const char *path, struct mark *mark)
{
	const struct node *node = root;
	size_t length = strlen(path), depth = 0, k = 0;
	char *key = malloc(length + 1);

	if (!key)
		abort();
	for (size_t i = 0; node && i <= length; i++) {
		if (path[i] == '\\' && path[i + 1] == '.') {
			key[k++] = '.';
			i++;
			continue;
		}
		if (path[i] != '.' && path[i] != '\0') {
			key[k++] = path[i];
			continue;
		}
		key[k] = '\0';
		k = 0;

		const struct pair *pair = tree_mapping_find(node, key);

		if (!pair)
			break;
		depth++;
		*mark = pair->key->mark;
		node = tree_resolve(pair->value);
	}
	free(key);
	return depth;
}

/*
 * Mark of the deepest key on path that a user layer writes.  Of equally deep
 * ones it is the latest values file's, because the user would edit that file.
 */
static struct mark nearest_parent_mark(const struct rule_context *ctx, const char *path)
{
	struct mark best = {0};
	size_t best_depth = 0;
	bool best_secret = false;

	for (size_t i = 0; i < ctx->layer_count; i++) {
		struct mark mark = {0};
		size_t depth;

		if (ctx->layers[i].emulated || !ctx->layers[i].values)
			continue;
		depth = deepest_key(ctx->layers[i].values, path, &mark);
		/* A missing setting belongs in a values file, not in the encrypted
		 * secret file, which only wins when it goes deeper. */
		if (depth == 0 || depth < best_depth ||
		    (depth == best_depth && ctx->layers[i].secret && !best_secret))
			continue;
		best = mark;
		best_depth = depth;
		best_secret = ctx->layers[i].secret;
	}
	return best;
}

void check_report_missing(const struct rule_context *ctx, enum rule_id rule, const char *path,
			  const char *format, ...)
{
	const struct deletion *deletion = find_deletion(ctx, path);
	struct finding finding;
	va_list args;

	va_start(args, format);
	finding = new_finding(rule, path, format_message(format, args));
	va_end(args);
	point_at(ctx, &finding, deletion ? deletion->mark : nearest_parent_mark(ctx, path));
	findings_append(ctx->findings, &finding);
}

void check_report_value(const struct rule_context *ctx, enum rule_id rule, const struct node *node,
			const char *path, const char *format, ...)
{
	const struct deletion *deletion;
	struct finding finding;
	va_list args;

	va_start(args, format);
	finding = new_finding(rule, path, format_message(format, args));
	va_end(args);
	if (node && !check_from_defaults(ctx, node)) {
		point_at(ctx, &finding, node->mark);
	} else {
		deletion = find_deletion(ctx, path);
		point_at(ctx, &finding,
			 deletion ? deletion->mark : nearest_parent_mark(ctx, path));
	}
	findings_append(ctx->findings, &finding);
}

bool check_is_deleted(const struct rule_context *ctx, const char *path)
{
	return find_deletion(ctx, path) != NULL;
}

void findings_release(struct findings *findings)
{
	for (size_t i = 0; i < findings->count; i++) {
		free(findings->items[i].path);
		free(findings->items[i].message);
	}
	free(findings->items);
	findings->items = NULL;
	findings->count = findings->capacity = 0;
}

/* strcmp() that orders NULL before every text. */
static int compare_text(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int compare_size(size_t a, size_t b)
{
	return (a > b) - (a < b);
}

int findings_compare(const struct finding *a, const struct finding *b)
{
	int order = compare_text(a->mark.file, b->mark.file);

	if (order == 0)
		order = compare_size(a->mark.line, b->mark.line);
	if (order == 0)
		order = compare_size(a->mark.column, b->mark.column);
	if (order == 0)
		order = compare_size((size_t)a->rule, (size_t)b->rule);
	if (order == 0)
		order = compare_text(a->path, b->path);
	if (order == 0)
		order = compare_text(a->message, b->message);
	return order;
}

static int compare_findings_qsort(const void *left, const void *right)
{
	return findings_compare(left, right);
}

void findings_sort(struct findings *findings)
{
	if (findings->count > 1)
		qsort(findings->items, findings->count, sizeof(findings->items[0]),
		      compare_findings_qsort);
}
