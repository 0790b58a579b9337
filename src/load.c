/* libyaml parser -> tree; documented in include/load.h. */
#include "load.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "load_comments.h"

struct anchor_entry {
	const char *name;
	struct node *node;
};

struct builder {
	struct tree_doc *doc;
	const struct load_options *options;
	struct load_error *err;
	struct node **stack; /* open sequences and mappings */
	struct node **pending_keys; /* per open mapping: key waiting for its value */
	size_t depth;
	size_t max_depth;
	struct anchor_entry *anchors;
	size_t anchor_count;
	size_t anchor_capacity;
	size_t duplicate_capacity;
	size_t documents;
};

static enum load_status load_fail(struct load_error *err, enum load_status status,
				  struct mark mark, const char *format, ...)
{
	va_list args;

	err->status = status;
	err->mark = mark;
	va_start(args, format);
	vsnprintf(err->message, sizeof(err->message), format, args);
	va_end(args);
	return status;
}

static struct mark mark_from_yaml(const struct builder *builder, yaml_mark_t mark)
{
	/* libyaml counts from 0; everything users see counts from 1. */
	struct mark result = {builder->doc->file, mark.line + 1, mark.column + 1};

	return result;
}

static void builder_add_anchor(struct builder *builder, const char *name, struct node *node)
{
	if (builder->anchor_count == builder->anchor_capacity) {
		size_t capacity = builder->anchor_capacity ? builder->anchor_capacity * 2 : 8;
		struct anchor_entry *anchors = realloc(builder->anchors, capacity * sizeof(*anchors));

		if (!anchors)
			abort();
		builder->anchors = anchors;
		builder->anchor_capacity = capacity;
	}
	builder->anchors[builder->anchor_count].name = name;
	builder->anchors[builder->anchor_count].node = node;
	builder->anchor_count++;
}

static struct node *builder_find_anchor(const struct builder *builder, const char *name)
{
	/* Latest first: YAML lets a document re-define an anchor, and an alias
	 * refers to the most recent definition before it. */
	for (size_t i = builder->anchor_count; i > 0; i--)
		if (strcmp(builder->anchors[i - 1].name, name) == 0)
			return builder->anchors[i - 1].node;
	return NULL;
}

static void builder_record_duplicate(struct builder *builder, const struct node *first,
				     const struct node *second)
{
	struct tree_doc *doc = builder->doc;

	if (doc->duplicate_count == builder->duplicate_capacity) {
		size_t capacity = builder->duplicate_capacity ? builder->duplicate_capacity * 2 : 4;

		doc->duplicates = arena_grow(&doc->arena, doc->duplicates,
					     doc->duplicate_count * sizeof(*doc->duplicates),
					     capacity * sizeof(*doc->duplicates));
		builder->duplicate_capacity = capacity;
	}
	doc->duplicates[doc->duplicate_count].first = first;
	doc->duplicates[doc->duplicate_count].second = second;
	doc->duplicate_count++;
}

/* Find an earlier key with the same scalar text; merge keys may repeat. */
static const struct node *find_same_key(const struct node *mapping, const struct node *key)
{
	if (key->kind != NODE_SCALAR)
		return NULL;
	if (key->as.scalar.style == SCALAR_PLAIN && strcmp(key->as.scalar.value, "<<") == 0)
		return NULL;
	for (size_t i = 0; i < mapping->as.mapping.count; i++) {
		const struct node *other = mapping->as.mapping.pairs[i].key;

		if (other->kind == NODE_SCALAR && strcmp(other->as.scalar.value, key->as.scalar.value) == 0)
			return other;
	}
	return NULL;
}

/* Attach a finished node to the open collection, or make it the root. */
static enum load_status builder_attach(struct builder *builder, struct node *node)
{
	struct node *parent;

	if (builder->depth == 0) {
		builder->doc->root = node;
		return LOAD_OK;
	}
	parent = builder->stack[builder->depth - 1];
	if (parent->kind == NODE_SEQUENCE) {
		tree_sequence_append(builder->doc, parent, node);
		return LOAD_OK;
	}
	if (!builder->pending_keys[builder->depth - 1]) {
		builder->pending_keys[builder->depth - 1] = node;
		return LOAD_OK;
	}

	struct node *key = builder->pending_keys[builder->depth - 1];
	const struct node *first = find_same_key(parent, key);

	builder->pending_keys[builder->depth - 1] = NULL;
	if (first) {
		if (builder->options->reject_duplicates)
			return load_fail(builder->err, LOAD_ERR_STRUCTURE, key->mark,
					 "duplicate key '%s' (first defined at line %zu, column %zu)",
					 key->as.scalar.value, first->mark.line, first->mark.column);
		builder_record_duplicate(builder, first, key);
	}
	tree_mapping_append(builder->doc, parent, key, node);
	return LOAD_OK;
}

static enum load_status builder_open(struct builder *builder, struct node *node)
{
	if (builder->depth == builder->max_depth)
		return load_fail(builder->err, LOAD_ERR_LIMIT, node->mark,
				 "nesting deeper than %zu levels", builder->max_depth);
	builder->stack[builder->depth] = node;
	builder->pending_keys[builder->depth] = NULL;
	builder->depth++;
	return LOAD_OK;
}

static void node_set_properties(struct builder *builder, struct node *node,
				const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (anchor) {
		node->anchor = arena_strdup(&builder->doc->arena, (const char *)anchor);
		builder_add_anchor(builder, node->anchor, node);
	}
	if (tag)
		node->tag = arena_strdup(&builder->doc->arena, (const char *)tag);
}

static enum scalar_style style_from_yaml(yaml_scalar_style_t style)
{
	switch (style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		return SCALAR_SINGLE_QUOTED;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		return SCALAR_DOUBLE_QUOTED;
	case YAML_LITERAL_SCALAR_STYLE:
		return SCALAR_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE:
		return SCALAR_FOLDED;
	case YAML_PLAIN_SCALAR_STYLE:
	case YAML_ANY_SCALAR_STYLE:
	default:
		return SCALAR_PLAIN;
	}
}

static enum load_status builder_event(struct builder *builder, yaml_event_t *event)
{
	struct tree_doc *doc = builder->doc;
	struct mark mark = mark_from_yaml(builder, event->start_mark);
	struct node *node;

	switch (event->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++builder->documents > 1)
			return load_fail(builder->err, LOAD_ERR_STRUCTURE, mark,
					 "more than one YAML document; a values file holds one");
		return LOAD_OK;
	case YAML_SCALAR_EVENT:
		node = tree_new_scalar(doc, (const char *)event->data.scalar.value,
				       event->data.scalar.length,
				       style_from_yaml(event->data.scalar.style));
		node->mark = mark;
		node->end_line = event->end_mark.line + 1;
		if (event->end_mark.column == 0)
			node->end_line--;
		if (strlen(node->as.scalar.value) != node->as.scalar.length)
			return load_fail(builder->err, LOAD_ERR_STRUCTURE, mark,
					 "scalar contains a NUL character");
		node_set_properties(builder, node, event->data.scalar.anchor,
				    event->data.scalar.plain_implicit || event->data.scalar.quoted_implicit
					    ? NULL
					    : event->data.scalar.tag);
		return builder_attach(builder, node);
	case YAML_ALIAS_EVENT: {
		struct node *target =
			builder_find_anchor(builder, (const char *)event->data.alias.anchor);

		if (!target)
			return load_fail(builder->err, LOAD_ERR_STRUCTURE, mark,
					 "alias '*%s' refers to no anchor defined before it",
					 (const char *)event->data.alias.anchor);
		for (size_t i = 0; i < builder->depth; i++)
			if (builder->stack[i] == target)
				return load_fail(builder->err, LOAD_ERR_STRUCTURE, mark,
						 "alias '*%s' refers to a node that contains it",
						 (const char *)event->data.alias.anchor);
		node = tree_new_alias(doc, (const char *)event->data.alias.anchor, target);
		node->mark = mark;
		return builder_attach(builder, node);
	}
	case YAML_SEQUENCE_START_EVENT:
		node = tree_new_sequence(doc);
		node->mark = mark;
		node_set_properties(builder, node, event->data.sequence_start.anchor,
				    event->data.sequence_start.implicit ? NULL
									: event->data.sequence_start.tag);
		return builder_open(builder, node);
	case YAML_MAPPING_START_EVENT:
		node = tree_new_mapping(doc);
		node->mark = mark;
		node_set_properties(builder, node, event->data.mapping_start.anchor,
				    event->data.mapping_start.implicit ? NULL
								       : event->data.mapping_start.tag);
		return builder_open(builder, node);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		builder->depth--;
		return builder_attach(builder, builder->stack[builder->depth]);
	case YAML_NO_EVENT:
	case YAML_STREAM_START_EVENT:
	case YAML_STREAM_END_EVENT:
	case YAML_DOCUMENT_END_EVENT:
	default:
		return LOAD_OK;
	}
}

static enum load_status load_parse(yaml_parser_t *parser, struct builder *builder)
{
	yaml_event_t event;

	for (;;) {
		enum load_status status;
		yaml_event_type_t type;

		if (!yaml_parser_parse(parser, &event)) {
			struct mark mark = mark_from_yaml(builder, parser->problem_mark);

			if (parser->context)
				return load_fail(builder->err, LOAD_ERR_SYNTAX, mark, "%s: %s",
						 parser->context, parser->problem);
			return load_fail(builder->err, LOAD_ERR_SYNTAX, mark, "%s",
					 parser->problem ? parser->problem : "invalid YAML");
		}
		type = event.type;
		status = builder_event(builder, &event);
		yaml_event_delete(&event);
		if (status != LOAD_OK)
			return status;
		if (type == YAML_STREAM_END_EVENT)
			return LOAD_OK;
	}
}

enum load_status load_buffer(const char *text, size_t length, const char *file,
			     const struct load_options *options, struct tree_doc **out,
			     struct load_error *err)
{
	static const struct load_options defaults = {0};
	struct builder builder = {0};
	yaml_parser_t parser;
	enum load_status status;
	struct mark nowhere = {file, 0, 0};
	size_t max_bytes;

	if (!options)
		options = &defaults;
	max_bytes = options->max_bytes ? options->max_bytes : LOAD_DEFAULT_MAX_BYTES;
	if (length > max_bytes)
		return load_fail(err, LOAD_ERR_LIMIT, nowhere,
				 "file is larger than %zu bytes; values files are far smaller",
				 max_bytes);

	builder.doc = tree_doc_new(file);
	builder.options = options;
	builder.err = err;
	builder.max_depth = options->max_depth ? options->max_depth : LOAD_DEFAULT_MAX_DEPTH;
	builder.stack = calloc(builder.max_depth, sizeof(*builder.stack));
	builder.pending_keys = calloc(builder.max_depth, sizeof(*builder.pending_keys));
	if (!builder.stack || !builder.pending_keys || !yaml_parser_initialize(&parser)) {
		fputs("binderhub-gen: error: out of memory\n", stderr);
		abort();
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, length);
	status = load_parse(&parser, &builder);
	yaml_parser_delete(&parser);
	if (status == LOAD_OK && options->keep_comments)
		load_attach_comments(builder.doc, text, length);

	free(builder.stack);
	free(builder.pending_keys);
	free(builder.anchors);
	if (status != LOAD_OK) {
		/* The mark named the document's copy of file, freed just below. */
		err->mark.file = file;
		tree_doc_free(builder.doc);
		return status;
	}
	err->status = LOAD_OK;
	*out = builder.doc;
	return LOAD_OK;
}

/* Read all of stream, up to limit bytes (one more is read to detect excess). */
static char *read_stream(FILE *stream, size_t limit, size_t *length)
{
	size_t capacity = 8192, used = 0;
	char *data = malloc(capacity);

	if (!data)
		abort();
	for (;;) {
		size_t got;

		if (used == capacity) {
			char *bigger;

			if (capacity > limit) {
				*length = used;
				return data;
			}
			capacity *= 2;
			bigger = realloc(data, capacity);
			if (!bigger)
				abort();
			data = bigger;
		}
		got = fread(data + used, 1, capacity - used, stream);
		used += got;
		if (got == 0) {
			if (ferror(stream)) {
				free(data);
				return NULL;
			}
			*length = used;
			return data;
		}
	}
}

enum load_status load_file(const char *path, const struct load_options *options,
			   struct tree_doc **out, struct load_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "stdin" : path;
	struct mark nowhere = {name, 0, 0};
	size_t limit = options && options->max_bytes ? options->max_bytes : LOAD_DEFAULT_MAX_BYTES;
	FILE *stream = is_stdin ? stdin : fopen(path, "rb");
	enum load_status status;
	size_t length = 0;
	char *text;

	if (!stream)
		return load_fail(err, LOAD_ERR_IO, nowhere, "cannot open: %s", strerror(errno));
	text = read_stream(stream, limit, &length);
	if (!text) {
		int saved = errno;

		if (!is_stdin)
			fclose(stream);
		return load_fail(err, LOAD_ERR_IO, nowhere, "cannot read: %s", strerror(saved));
	}
	if (!is_stdin)
		fclose(stream);
	status = load_buffer(text, length, name, options, out, err);
	free(text);
	return status;
}

void load_error_format(const struct load_error *err, char *buffer, size_t size)
{
	const char *file = err->mark.file ? err->mark.file : "<input>";

	if (err->mark.line)
		snprintf(buffer, size, "%s:%zu:%zu: %s", file, err->mark.line, err->mark.column,
			 err->message);
	else
		snprintf(buffer, size, "%s: %s", file, err->message);
}
