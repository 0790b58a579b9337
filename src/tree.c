/* Document tree; documented in include/tree.h. */
#include "tree.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tree_doc *tree_doc_new(const char *file)
{
	struct tree_doc *doc = calloc(1, sizeof(*doc));

	if (!doc) {
		fputs("binderhub-gen: error: out of memory\n", stderr);
		abort();
	}
	arena_init(&doc->arena);
	doc->file = file ? arena_strdup(&doc->arena, file) : NULL;
	return doc;
}

void tree_doc_free(struct tree_doc *doc)
{
	if (!doc)
		return;
	arena_release(&doc->arena);
	free(doc);
}

void tree_doc_free_wiped(struct tree_doc *doc)
{
	if (!doc)
		return;
	arena_wipe(&doc->arena);
	tree_doc_free(doc);
}

static struct node *tree_new_node(struct tree_doc *doc, enum node_kind kind)
{
	struct node *node = arena_alloc(&doc->arena, sizeof(*node));

	node->kind = kind;
	node->mark.file = doc->file;
	return node;
}

struct node *tree_new_scalar(struct tree_doc *doc, const char *value, size_t length,
			     enum scalar_style style)
{
	struct node *node = tree_new_node(doc, NODE_SCALAR);

	node->as.scalar.value = arena_strndup(&doc->arena, value, length);
	node->as.scalar.length = length;
	node->as.scalar.style = style;
	return node;
}

struct node *tree_new_string(struct tree_doc *doc, const char *value)
{
	/* Quoted style makes the node a string whatever its text looks like;
	 * the emitter still writes it plain when that reads back the same. */
	return tree_new_scalar(doc, value, strlen(value), SCALAR_SINGLE_QUOTED);
}

struct node *tree_new_sequence(struct tree_doc *doc)
{
	return tree_new_node(doc, NODE_SEQUENCE);
}

struct node *tree_new_mapping(struct tree_doc *doc)
{
	return tree_new_node(doc, NODE_MAPPING);
}

struct node *tree_new_alias(struct tree_doc *doc, const char *name, struct node *target)
{
	struct node *node = tree_new_node(doc, NODE_ALIAS);

	node->as.alias.name = arena_strdup(&doc->arena, name);
	node->as.alias.target = target;
	return node;
}

void tree_sequence_append(struct tree_doc *doc, struct node *sequence, struct node *item)
{
	if (sequence->as.sequence.count == sequence->as.sequence.capacity) {
		size_t capacity = sequence->as.sequence.capacity ? sequence->as.sequence.capacity * 2 : 4;

		sequence->as.sequence.items =
			arena_grow(&doc->arena, sequence->as.sequence.items,
				   sequence->as.sequence.count * sizeof(struct node *),
				   capacity * sizeof(struct node *));
		sequence->as.sequence.capacity = capacity;
	}
	sequence->as.sequence.items[sequence->as.sequence.count++] = item;
}

void tree_mapping_append(struct tree_doc *doc, struct node *mapping, struct node *key,
			 struct node *value)
{
	if (mapping->as.mapping.count == mapping->as.mapping.capacity) {
		size_t capacity = mapping->as.mapping.capacity ? mapping->as.mapping.capacity * 2 : 4;

		mapping->as.mapping.pairs =
			arena_grow(&doc->arena, mapping->as.mapping.pairs,
				   mapping->as.mapping.count * sizeof(struct pair),
				   capacity * sizeof(struct pair));
		mapping->as.mapping.capacity = capacity;
	}
	mapping->as.mapping.pairs[mapping->as.mapping.count].key = key;
	mapping->as.mapping.pairs[mapping->as.mapping.count].value = value;
	mapping->as.mapping.count++;
}

struct pair *tree_mapping_set(struct tree_doc *doc, struct node *mapping, const char *key,
			      struct node *value)
{
	struct pair *pair = tree_mapping_find(mapping, key);

	if (pair) {
		pair->value = value;
		return pair;
	}
	tree_mapping_append(doc, mapping, tree_new_scalar(doc, key, strlen(key), SCALAR_PLAIN),
			    value);
	return &mapping->as.mapping.pairs[mapping->as.mapping.count - 1];
}

void tree_mapping_remove_at(struct node *mapping, size_t i)
{
	size_t count = mapping->as.mapping.count;

	memmove(&mapping->as.mapping.pairs[i], &mapping->as.mapping.pairs[i + 1],
		(count - i - 1) * sizeof(struct pair));
	mapping->as.mapping.count--;
}

void tree_sequence_remove_at(struct node *sequence, size_t i)
{
	size_t count = sequence->as.sequence.count;

	memmove(&sequence->as.sequence.items[i], &sequence->as.sequence.items[i + 1],
		(count - i - 1) * sizeof(struct node *));
	sequence->as.sequence.count--;
}

const struct node *tree_resolve(const struct node *node)
{
	/* Loaded documents cannot hold alias cycles (an alias can only name an
	 * anchor defined before it), so this loop ends. */
	while (node && node->kind == NODE_ALIAS)
		node = node->as.alias.target;
	return node;
}

struct pair *tree_mapping_find(const struct node *mapping, const char *key)
{
	mapping = tree_resolve(mapping);
	if (!mapping || mapping->kind != NODE_MAPPING)
		return NULL;
	for (size_t i = 0; i < mapping->as.mapping.count; i++) {
		struct pair *pair = &mapping->as.mapping.pairs[i];

		if (tree_scalar_equals(pair->key, key))
			return pair;
	}
	return NULL;
}

const struct node *tree_mapping_get(const struct node *mapping, const char *key)
{
	struct pair *pair = tree_mapping_find(mapping, key);

	return pair ? tree_resolve(pair->value) : NULL;
}

const struct node *tree_get_path(const struct node *root, const char *path)
{
	const struct node *node = tree_resolve(root);
	size_t length = strlen(path);
	char *key = malloc(length + 1);
	size_t k = 0;

	if (!key)
		return NULL;
	for (size_t i = 0; node && i <= length; i++) {
		if (path[i] == '\\' && path[i + 1] == '.') {
			key[k++] = '.';
			i++;
		} else if (path[i] == '.' || path[i] == '\0') {
			key[k] = '\0';
			node = tree_mapping_get(node, key);
			k = 0;
		} else {
			key[k++] = path[i];
		}
	}
	free(key);
	return node;
}

/*
 * YAML 1.1 resolution (what helm's Go YAML library and PyYAML apply), plus
 * the YAML 1.2 core forms that only matter when deciding whether a string
 * needs quotes to survive any reader.
 */
enum resolve_pattern {
	PATTERN_INT_11,
	PATTERN_FLOAT_11,
	PATTERN_NUMBER_12,
	PATTERN__COUNT,
};

static const char *const resolve_sources[PATTERN__COUNT] = {
	[PATTERN_INT_11] = "^[-+]?(0b[01_]+|0[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+"
			   "|[1-9][0-9_]*(:[0-5]?[0-9])+)$",
	[PATTERN_FLOAT_11] = "^([-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+][0-9]+)?"
			     "|[-+]?\\.[0-9_]+([eE][-+][0-9]+)?"
			     "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"
			     "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$",
	[PATTERN_NUMBER_12] = "^(0o[0-7]+|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?)$",
};

static bool resolve_matches(enum resolve_pattern pattern, const char *text)
{
	static regex_t compiled[PATTERN__COUNT];
	static bool ready[PATTERN__COUNT];

	if (!ready[pattern]) {
		if (regcomp(&compiled[pattern], resolve_sources[pattern], REG_EXTENDED | REG_NOSUB)) {
			fputs("binderhub-gen: error: internal resolver pattern does not compile\n",
			      stderr);
			abort();
		}
		ready[pattern] = true;
	}
	return regexec(&compiled[pattern], text, 0, NULL, 0) == 0;
}

static bool text_in(const char *text, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(text, *words) == 0)
			return true;
	return false;
}

static const char *const null_words[] = {"", "~", "null", "Null", "NULL", NULL};
static const char *const true_words[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On",
					 "ON", "y", "Y", NULL};
static const char *const false_words[] = {"false", "False", "FALSE", "no", "No", "NO", "off",
					  "Off", "OFF", "n", "N", NULL};

static bool tag_is_string(const char *tag)
{
	return tag && (strcmp(tag, "tag:yaml.org,2002:str") == 0 || strcmp(tag, "!") == 0);
}

enum scalar_type tree_scalar_type(const struct node *scalar)
{
	const char *text;

	scalar = tree_resolve(scalar);
	if (!scalar || scalar->kind != NODE_SCALAR)
		return SCALAR_TYPE_STRING;
	if (scalar->as.scalar.style != SCALAR_PLAIN || tag_is_string(scalar->tag))
		return SCALAR_TYPE_STRING;
	text = scalar->as.scalar.value;
	if (text_in(text, null_words))
		return SCALAR_TYPE_NULL;
	if (text_in(text, true_words) || text_in(text, false_words))
		return SCALAR_TYPE_BOOL;
	if (resolve_matches(PATTERN_INT_11, text))
		return SCALAR_TYPE_INT;
	if (resolve_matches(PATTERN_FLOAT_11, text))
		return SCALAR_TYPE_FLOAT;
	return SCALAR_TYPE_STRING;
}

bool tree_is_null(const struct node *node)
{
	node = tree_resolve(node);
	return node && node->kind == NODE_SCALAR && tree_scalar_type(node) == SCALAR_TYPE_NULL;
}

bool tree_is_true(const struct node *node)
{
	node = tree_resolve(node);
	return node && node->kind == NODE_SCALAR && tree_scalar_type(node) == SCALAR_TYPE_BOOL &&
	       text_in(node->as.scalar.value, true_words);
}

bool tree_is_false(const struct node *node)
{
	node = tree_resolve(node);
	return node && node->kind == NODE_SCALAR && tree_scalar_type(node) == SCALAR_TYPE_BOOL &&
	       text_in(node->as.scalar.value, false_words);
}

bool tree_plain_text_is_ambiguous(const char *text)
{
	/* "<<" is a merge key and "=" the YAML 1.1 value key when plain. */
	if (strcmp(text, "<<") == 0 || strcmp(text, "=") == 0)
		return true;
	return text_in(text, null_words) || text_in(text, true_words) ||
	       text_in(text, false_words) || resolve_matches(PATTERN_INT_11, text) ||
	       resolve_matches(PATTERN_FLOAT_11, text) || resolve_matches(PATTERN_NUMBER_12, text);
}

bool tree_scalar_equals(const struct node *node, const char *text)
{
	node = tree_resolve(node);
	return node && node->kind == NODE_SCALAR && strcmp(node->as.scalar.value, text) == 0;
}

void tree_copier_note(struct tree_copier *copier, const struct node *from, struct node *to)
{
	if (copier->count == copier->capacity) {
		size_t capacity = copier->capacity ? copier->capacity * 2 : 8;
		const struct node **from_items = realloc(copier->from, capacity * sizeof(*from_items));
		struct node **to_items;

		if (!from_items)
			abort();
		copier->from = from_items;
		to_items = realloc(copier->to, capacity * sizeof(*to_items));
		if (!to_items)
			abort();
		copier->to = to_items;
		copier->capacity = capacity;
	}
	copier->from[copier->count] = from;
	copier->to[copier->count] = to;
	copier->count++;
}

static struct node *copier_find(const struct tree_copier *copier, const struct node *from)
{
	/* Search from the end: a re-defined anchor is found at its latest copy. */
	for (size_t i = copier->count; i > 0; i--)
		if (copier->from[i - 1] == from)
			return copier->to[i - 1];
	return NULL;
}

void tree_copier_release(struct tree_copier *copier)
{
	free(copier->from);
	free(copier->to);
	copier->from = NULL;
	copier->to = NULL;
	copier->count = copier->capacity = 0;
	copier->file_from = copier->file_to = NULL;
}

static char *copy_text(struct tree_doc *doc, const char *text)
{
	return text ? arena_strdup(&doc->arena, text) : NULL;
}

/*
 * The source document may be freed before the copy, and with it the name
 * its marks point at.  File names are few, so each is kept once for the
 * life of the process, and every copy and finding can point at it.
 */
static const char *copy_file_name(struct tree_doc *doc, struct tree_copier *copier,
				  const char *name)
{
	static char **names;
	static size_t count;
	char **grown;

	if (!name || name == doc->file)
		return name;
	if (name == copier->file_from)
		return copier->file_to;
	copier->file_from = name;
	for (size_t i = 0; i < count; i++)
		if (strcmp(names[i], name) == 0)
			return copier->file_to = names[i];
	grown = realloc(names, (count + 1) * sizeof(*names));
	if (!grown)
		abort();
	names = grown;
	names[count] = strdup(name);
	if (!names[count])
		abort();
	return copier->file_to = names[count++];
}

static struct node *tree_copy_node(struct tree_doc *doc, const struct node *node,
				   struct tree_copier *map)
{
	struct node *copy;

	if (!node)
		return NULL;
	switch (node->kind) {
	case NODE_SCALAR:
		copy = tree_new_scalar(doc, node->as.scalar.value, node->as.scalar.length,
				       node->as.scalar.style);
		break;
	case NODE_SEQUENCE:
		copy = tree_new_sequence(doc);
		if (node->anchor)
			tree_copier_note(map, node, copy);
		for (size_t i = 0; i < node->as.sequence.count; i++)
			tree_sequence_append(doc, copy,
					     tree_copy_node(doc, node->as.sequence.items[i], map));
		break;
	case NODE_MAPPING:
		copy = tree_new_mapping(doc);
		if (node->anchor)
			tree_copier_note(map, node, copy);
		for (size_t i = 0; i < node->as.mapping.count; i++) {
			struct node *key = tree_copy_node(doc, node->as.mapping.pairs[i].key, map);
			struct node *value = tree_copy_node(doc, node->as.mapping.pairs[i].value, map);

			tree_mapping_append(doc, copy, key, value);
		}
		break;
	case NODE_ALIAS:
	default: {
		struct node *target = copier_find(map, node->as.alias.target);

		copy = tree_new_alias(doc, node->as.alias.name,
				      target ? target : node->as.alias.target);
		break;
	}
	}
	copy->mark = node->mark;
	copy->mark.file = copy_file_name(doc, map, node->mark.file);
	copy->anchor = copy_text(doc, node->anchor);
	copy->tag = copy_text(doc, node->tag);
	copy->comment = copy_text(doc, node->comment);
	if (node->anchor && node->kind == NODE_SCALAR)
		tree_copier_note(map, node, copy);
	return copy;
}

struct node *tree_copier_copy(struct tree_copier *copier, struct tree_doc *doc,
			      const struct node *node)
{
	return tree_copy_node(doc, node, copier);
}

struct node *tree_copy(struct tree_doc *doc, const struct node *node)
{
	struct tree_copier copier = {0};
	struct node *copy = tree_copy_node(doc, node, &copier);

	tree_copier_release(&copier);
	return copy;
}

bool tree_equal(const struct node *a, const struct node *b)
{
	a = tree_resolve(a);
	b = tree_resolve(b);
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case NODE_SCALAR:
		return tree_scalar_type(a) == tree_scalar_type(b) &&
		       strcmp(a->as.scalar.value, b->as.scalar.value) == 0;
	case NODE_SEQUENCE:
		if (a->as.sequence.count != b->as.sequence.count)
			return false;
		for (size_t i = 0; i < a->as.sequence.count; i++)
			if (!tree_equal(a->as.sequence.items[i], b->as.sequence.items[i]))
				return false;
		return true;
	case NODE_MAPPING:
		if (a->as.mapping.count != b->as.mapping.count)
			return false;
		for (size_t i = 0; i < a->as.mapping.count; i++) {
			if (!tree_equal(a->as.mapping.pairs[i].key, b->as.mapping.pairs[i].key) ||
			    !tree_equal(a->as.mapping.pairs[i].value, b->as.mapping.pairs[i].value))
				return false;
		}
		return true;
	case NODE_ALIAS:
	default:
		return false;
	}
}
