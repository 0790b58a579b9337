/*
 * `# binderhub-gen: disable=BH139,tls-secret-names-differ` comments in
 * values files; documented in include/engine.h.  The loader attaches the
 * whole-line comments above a key to that key (the file's opening comment
 * block to its first key), so a pragma is found by walking the keys.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#include "effective.h"

#define PRAGMA_PREFIX "binderhub-gen:"
#define PRAGMA_DISABLE "disable="

struct collector {
	struct pragma_list *list;
	const struct layer *layer;
	size_t first_key_line; /* Line of the file's first key: its comment is the file's. */
	FILE *warnings;
};

static struct pragma *pragma_append(struct pragma_list *list)
{
	if (list->count == list->capacity) {
		size_t capacity = list->capacity ? list->capacity * 2 : 8;
		struct pragma *bigger = realloc(list->items, capacity * sizeof(*bigger));

		if (!bigger)
			abort();
		list->items = bigger;
		list->capacity = capacity;
	}
	memset(&list->items[list->count], 0, sizeof(list->items[0]));
	return &list->items[list->count++];
}

/* Last line that node's text reaches; aliases count by their own line. */
static size_t last_line_of(const struct node *node)
{
	size_t last;

	if (!node)
		return 0;
	last = node->end_line > node->mark.line ? node->end_line : node->mark.line;
	if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++) {
			size_t line = last_line_of(node->as.sequence.items[i]);

			if (line > last)
				last = line;
		}
	} else if (node->kind == NODE_MAPPING) {
		for (size_t i = 0; i < node->as.mapping.count; i++) {
			size_t line = last_line_of(node->as.mapping.pairs[i].value);

			if (line > last)
				last = line;
		}
	}
	return last;
}

static void warn(const struct collector *collector, const struct node *key, const char *message)
{
	if (!collector->warnings)
		return;
	fprintf(collector->warnings, "binderhub-gen: warning: %s:%zu: %s\n",
		key->mark.file ? key->mark.file : collector->layer->name, key->mark.line, message);
}

/* "BH" and digits in any letter case, so the suggestion for it is a code too. */
static bool is_code_shaped(const char *text)
{
	if ((text[0] != 'B' && text[0] != 'b') || (text[1] != 'H' && text[1] != 'h') || !text[2])
		return false;
	return strspn(text + 2, "0123456789") == strlen(text + 2);
}

static void warn_unknown_rule(const struct collector *collector, const struct node *key,
			      const char *name)
{
	const struct rule_info *suggestion = rules_suggest(name);
	char message[256];

	if (suggestion)
		snprintf(message, sizeof(message),
			 "unknown rule '%s' in the binderhub-gen comment above this line; did you "
			 "mean '%s'?",
			 name, is_code_shaped(name) ? suggestion->code : suggestion->name);
	else
		snprintf(message, sizeof(message),
			 "unknown rule '%s' in the binderhub-gen comment above this line; run "
			 "'binderhub-gen rules' to list them",
			 name);
	warn(collector, key, message);
}

/* Parse the rule list after "disable=" into rules; returns how many were known. */
static size_t parse_rule_list(const struct collector *collector, const struct node *key,
			      const char *text, bool rules[RULE__COUNT])
{
	size_t known = 0;

	for (;;) {
		size_t length;
		char name[80];
		const struct rule_info *rule;

		while (*text == ' ' || *text == '\t')
			text++;
		length = strspn(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
		if (length == 0)
			break;
		snprintf(name, sizeof(name), "%.*s", (int)length, text);
		text += length;
		rule = rules_find(name);
		if (rule) {
			rules[rule->id] = true;
			known++;
		} else {
			warn_unknown_rule(collector, key, name);
		}
		while (*text == ' ' || *text == '\t')
			text++;
		/* Anything after the list that is not another ',' is a free-form reason. */
		if (*text != ',')
			break;
		text++;
	}
	return known;
}

/* Read one comment line; returns true and fills rules when it is a disable pragma. */
static bool parse_comment_line(const struct collector *collector, const struct node *key,
			       const char *line, size_t length, bool rules[RULE__COUNT])
{
	char text[512];
	const char *cursor;

	snprintf(text, sizeof(text), "%.*s", (int)length, line);
	cursor = text;
	if (*cursor == '#')
		cursor++;
	while (*cursor == ' ' || *cursor == '\t')
		cursor++;
	if (strncmp(cursor, PRAGMA_PREFIX, strlen(PRAGMA_PREFIX)) != 0)
		return false;
	cursor += strlen(PRAGMA_PREFIX);
	while (*cursor == ' ' || *cursor == '\t')
		cursor++;
	if (strncmp(cursor, PRAGMA_DISABLE, strlen(PRAGMA_DISABLE)) == 0)
		return parse_rule_list(collector, key, cursor + strlen(PRAGMA_DISABLE), rules) > 0;

	/* A word before '=' looks like a directive, e.g. the unsupported "ignore=BH070". */
	size_t word = strspn(cursor, "abcdefghijklmnopqrstuvwxyz_-");

	if (word > 0 && cursor[word] == '=') {
		char message[256];

		snprintf(message, sizeof(message),
			 "unknown directive '%.*s' in the binderhub-gen comment above this line; "
			 "write '# binderhub-gen: disable=RULE' to silence a rule",
			 (int)(word > 60 ? 60 : word), cursor);
		warn(collector, key, message);
	}
	return false;
}

static void collect_key(struct collector *collector, const struct node *key,
			const struct node *value, const char *path)
{
	bool rules[RULE__COUNT] = {false};
	bool any = false;
	const char *line = key->comment;

	while (line && *line) {
		size_t length = strcspn(line, "\n");

		if (parse_comment_line(collector, key, line, length, rules))
			any = true;
		line += length;
		if (*line == '\n')
			line++;
	}
	if (!any)
		return;

	struct pragma *pragma = pragma_append(collector->list);

	pragma->file = key->mark.file ? key->mark.file : collector->layer->name;
	pragma->whole_file = key->mark.line > 0 && key->mark.line == collector->first_key_line;
	pragma->first_line = key->mark.line;
	pragma->last_line = last_line_of(value);
	if (pragma->last_line < pragma->first_line)
		pragma->last_line = pragma->first_line;
	pragma->path = path ? strdup(path) : NULL;
	if (path && !pragma->path)
		abort();
	memcpy(pragma->rules, rules, sizeof(rules));
}

/*
 * Walk node, whose path below the values root is path (NULL outside the
 * values, e.g. a daskhub file's top-level keys).  values_root is the node
 * whose keys start the paths.  Aliases are not followed, so each comment is
 * read where it is written.
 */
static void collect_node(struct collector *collector, const struct node *node, const char *path,
			 const struct node *values_root)
{
	if (!node || node->kind == NODE_SCALAR || node->kind == NODE_ALIAS)
		return;
	if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++) {
			const struct node *item = node->as.sequence.items[i];

			if (item->comment)
				collect_key(collector, item, item, NULL);
			collect_node(collector, item, NULL, values_root);
		}
		return;
	}
	for (size_t i = 0; i < node->as.mapping.count; i++) {
		const struct pair *pair = &node->as.mapping.pairs[i];
		const struct node *value = pair->value;
		char *child_path = NULL;

		if (node == values_root || path)
			child_path = effective_join_path(node == values_root ? NULL : path,
							 check_text(pair->key) ? check_text(pair->key)
									       : "?");
		collect_key(collector, pair->key, value, child_path);
		collect_node(collector, value, child_path, values_root);
		free(child_path);
	}
}

/* The smallest line of a key of root: the key the file's opening comment is attached to. */
static size_t first_key_line(const struct node *root)
{
	size_t first = 0;

	if (!root)
		return 0;
	if (root->kind == NODE_MAPPING) {
		for (size_t i = 0; i < root->as.mapping.count; i++) {
			size_t line = root->as.mapping.pairs[i].key->mark.line;

			if (line && (!first || line < first))
				first = line;
		}
	} else if (root->kind == NODE_SEQUENCE && root->as.sequence.count) {
		first = root->as.sequence.items[0]->mark.line;
	}
	return first;
}

/* Exported function, documented in include/engine.h */
void pragma_collect_layers(const struct layer *layers, size_t layer_count,
			   struct pragma_list *list, FILE *warnings)
{
	for (size_t i = 0; i < layer_count; i++) {
		const struct tree_doc *doc = layers[i].doc;
		struct collector collector = {
			.list = list,
			.layer = &layers[i],
			.warnings = warnings,
		};

		if (!doc || !doc->root)
			continue;
		collector.first_key_line = first_key_line(doc->root);
		collect_node(&collector, doc->root, NULL, tree_resolve(layers[i].values));
	}
}

static bool path_covers(const char *pragma_path, const char *finding_path)
{
	size_t length = strlen(pragma_path);

	if (!finding_path || strncmp(pragma_path, finding_path, length) != 0)
		return false;
	return finding_path[length] == '\0' || finding_path[length] == '.' ||
	       finding_path[length] == '[';
}

static bool same_file(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Exported function, documented in include/engine.h */
bool pragma_suppresses_finding(const struct pragma_list *list, const struct finding *finding)
{
	for (size_t i = 0; i < list->count; i++) {
		const struct pragma *pragma = &list->items[i];

		if (!pragma->rules[finding->rule])
			continue;
		if (pragma->whole_file && same_file(pragma->file, finding->mark.file))
			return true;
		if (pragma->first_line && same_file(pragma->file, finding->mark.file) &&
		    finding->mark.line >= pragma->first_line && finding->mark.line <= pragma->last_line)
			return true;
		if (pragma->path && path_covers(pragma->path, finding->path))
			return true;
	}
	return false;
}

/* Exported function, documented in include/engine.h */
void pragma_list_release(struct pragma_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i].path);
	free(list->items);
	memset(list, 0, sizeof(*list));
}
