/*
 * `# binderhub-gen: disable=BH139,tls-secret-names-differ` comments in
 * values files; documented in include/engine.h.  The loader attaches the
 * whole-line comments above a key to that key (the file's opening comment
 * block to its first key), so a pragma is found by walking the keys.
 */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "effective.h"

#define PRAGMA_PREFIX "binderhub-gen:"
#define PRAGMA_DISABLE "disable="

/*
 * A values file's text split into lines, numbered from 1 like marks.  The
 * loader keeps only the comments above keys, so the lines tell where each
 * comment is and which ones sit at the end of a key's own line.
 */
struct source_lines {
	char *text;
	const char **starts; /* starts[1] is line 1 */
	size_t *lengths;
	size_t count;
};

struct collector {
	struct pragma_list *list;
	const struct layer *layer;
	size_t first_key_line; /* Line of the file's first key: its comment is the file's. */
	const struct source_lines *source; /* NULL when the file cannot be read again. */
	size_t comment_line; /* Line of the comment being parsed, 0 when unknown. */
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

/* Print a warning about the comment being parsed: at its own line when that
 * is known, else at the key below it.  comment_place() words the place. */
static void warn(const struct collector *collector, const struct node *key, const char *message)
{
	if (!collector->warnings)
		return;
	fprintf(collector->warnings, "binderhub-gen: warning: %s:%zu: %s\n",
		key->mark.file ? key->mark.file : collector->layer->name,
		collector->comment_line ? collector->comment_line : key->mark.line, message);
}

/* The phrase for the place that warn() points at. */
static const char *comment_place(const struct collector *collector)
{
	return collector->comment_line ? "in this binderhub-gen comment" :
					 "in the binderhub-gen comment above this line";
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
		snprintf(message, sizeof(message), "unknown rule '%s' %s; did you mean '%s'?", name,
			 comment_place(collector),
			 is_code_shaped(name) ? suggestion->code : suggestion->name);
	else
		snprintf(message, sizeof(message),
			 "unknown rule '%s' %s; run 'binderhub-gen rules' to list them", name,
			 comment_place(collector));
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
			 "unknown directive '%.*s' %s; write '# binderhub-gen: disable=RULE' to "
			 "silence a rule",
			 (int)(word > 60 ? 60 : word), cursor, comment_place(collector));
		warn(collector, key, message);
	}
	return false;
}

static bool is_blank(const char *text, size_t length)
{
	return strspn(text, " \t\r") >= length;
}

/* The line's text after its indentation, with its length in *length. */
static const char *trimmed_line(const struct source_lines *source, size_t line, size_t *length)
{
	const char *text = source->starts[line];
	size_t indent = strspn(text, " \t");

	*length = indent < source->lengths[line] ? source->lengths[line] - indent : 0;
	if (*length && text[indent + *length - 1] == '\r')
		(*length)--;
	return text + indent;
}

/*
 * Find the line of each of the count comment lines attached to key, as the
 * loader attached them: the comment lines between the key and the nearest
 * line above that is neither blank nor a comment.  Fills lines[] and
 * returns true when the source has exactly those comments there.
 */
static bool locate_comment_lines(const struct source_lines *source, const struct node *key,
				 const char *comment, size_t count, size_t *lines)
{
	size_t found = 0;
	size_t first = key->mark.line;

	if (!source || key->mark.line == 0 || key->mark.line > source->count)
		return false;
	while (first > 1) {
		size_t length;
		const char *text = trimmed_line(source, first - 1, &length);

		if (length && text[0] != '#')
			break;
		first--;
	}
	for (size_t line = first; line < key->mark.line; line++) {
		size_t length;
		size_t expected = strcspn(comment, "\n");
		const char *text = trimmed_line(source, line, &length);

		if (length == 0 || text[0] != '#')
			continue;
		if (found == count || length != expected || strncmp(text, comment, length) != 0)
			return false;
		lines[found++] = line;
		comment += expected;
		if (*comment == '\n')
			comment++;
	}
	return found == count;
}

static void collect_key(struct collector *collector, const struct node *key,
			const struct node *value, const char *path)
{
	bool rules[RULE__COUNT] = {false};
	bool any = false;
	const char *line = key->comment;
	size_t count = 0, index = 0;
	size_t *lines;
	bool located;

	for (const char *c = line; c && *c; c++)
		if (*c == '\n')
			count++;
	if (line && *line)
		count++;
	lines = calloc(count ? count : 1, sizeof(*lines));
	if (!lines)
		abort();
	located = count && locate_comment_lines(collector->source, key, key->comment, count, lines);
	while (line && *line) {
		size_t length = strcspn(line, "\n");

		collector->comment_line = located ? lines[index] : 0;
		if (parse_comment_line(collector, key, line, length, rules))
			any = true;
		index++;
		line += length;
		if (*line == '\n')
			line++;
	}
	collector->comment_line = 0;
	free(lines);
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

/*
 * Read the file of layer again, for comment positions.  Returns false for
 * the emulated layer, standard input and a file that cannot be read, so that
 * warnings fall back to the key's line.
 */
static bool source_read(const struct layer *layer, struct source_lines *source)
{
	FILE *file;
	long size;
	size_t line = 1;

	memset(source, 0, sizeof(*source));
	if (layer->emulated || !layer->name || strcmp(layer->name, "stdin") == 0)
		return false;
	file = fopen(layer->name, "rb");
	if (!file)
		return false;
	if (fseek(file, 0, SEEK_END) != 0 || (size = ftell(file)) < 0 ||
	    fseek(file, 0, SEEK_SET) != 0) {
		fclose(file);
		return false;
	}
	source->text = malloc((size_t)size + 1);
	if (!source->text)
		abort();
	if (fread(source->text, 1, (size_t)size, file) != (size_t)size) {
		fclose(file);
		free(source->text);
		source->text = NULL;
		return false;
	}
	fclose(file);
	source->text[size] = '\0';
	source->count = 1;
	for (long i = 0; i < size; i++)
		if (source->text[i] == '\n')
			source->count++;
	source->starts = calloc(source->count + 1, sizeof(*source->starts));
	source->lengths = calloc(source->count + 1, sizeof(*source->lengths));
	if (!source->starts || !source->lengths)
		abort();
	source->starts[1] = source->text;
	for (long i = 0; i <= size; i++) {
		if (i < size && source->text[i] != '\n')
			continue;
		source->lengths[line] = (size_t)(source->text + i - source->starts[line]);
		if (i < size)
			source->starts[++line] = source->text + i + 1;
	}
	return true;
}

static void source_release(struct source_lines *source)
{
	free(source->text);
	free(source->starts);
	free(source->lengths);
	memset(source, 0, sizeof(*source));
}

/*
 * Offset of a "# binderhub-gen:" comment that ends a line with content
 * before it, or -1.  A '#' counts as a comment only after a space or tab and
 * outside quotes, as in YAML.
 * NOTE: lines inside block scalars are not distinguished from keys here.
 */
static long trailing_pragma_offset(const char *text, size_t length)
{
	bool in_single = false, in_double = false;

	for (size_t i = 0; i < length; i++) {
		const char *rest;

		if (text[i] == '\'' && !in_double)
			in_single = !in_single;
		else if (text[i] == '"' && !in_single && (i == 0 || text[i - 1] != '\\'))
			in_double = !in_double;
		if (text[i] != '#' || in_single || in_double || i == 0 ||
		    (text[i - 1] != ' ' && text[i - 1] != '\t'))
			continue;
		if (is_blank(text, i))
			return -1;
		rest = text + i + 1;
		rest += strspn(rest, " \t");
		if ((size_t)(rest - text) + strlen(PRAGMA_PREFIX) <= length &&
		    strncmp(rest, PRAGMA_PREFIX, strlen(PRAGMA_PREFIX)) == 0)
			return (long)i;
		return -1;
	}
	return -1;
}

/* Warn about each pragma written at the end of a line, which never applies. */
static void warn_trailing_pragmas(const struct collector *collector)
{
	const struct source_lines *source = collector->source;

	if (!source || !collector->warnings)
		return;
	for (size_t line = 1; line <= source->count; line++) {
		if (trailing_pragma_offset(source->starts[line], source->lengths[line]) < 0)
			continue;
		fprintf(collector->warnings,
			"binderhub-gen: warning: %s:%zu: a binderhub-gen comment at the end of a "
			"line is ignored; put the pragma on the line above the key\n",
			collector->layer->name, line);
	}
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

		struct source_lines source;

		if (!doc || !doc->root)
			continue;
		if (source_read(&layers[i], &source))
			collector.source = &source;
		collector.first_key_line = first_key_line(doc->root);
		collect_node(&collector, doc->root, NULL, tree_resolve(layers[i].values));
		warn_trailing_pragmas(&collector);
		source_release(&source);
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
