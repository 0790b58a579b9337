/* Comment splicing; documented in include/emit_comments.h. */
#include "emit_comments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "text_buffer.h"

void emitted_nodes_append(struct emitted_nodes *nodes, const struct node *node)
{
	if (nodes->count == nodes->capacity) {
		size_t capacity = nodes->capacity ? nodes->capacity * 2 : 64;
		const struct node **items = realloc(nodes->items, capacity * sizeof(*items));

		if (!items)
			abort();
		nodes->items = items;
		nodes->capacity = capacity;
	}
	nodes->items[nodes->count++] = node;
}

void emitted_nodes_release(struct emitted_nodes *nodes)
{
	free(nodes->items);
	nodes->items = NULL;
	nodes->count = nodes->capacity = 0;
}

static int is_node_event(yaml_event_type_t type)
{
	return type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT ||
	       type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT;
}

/* Store in lines[i] the 0-based output line where the i-th emitted node starts. */
static int find_start_lines(const char *text, size_t length, const struct emitted_nodes *nodes,
			    size_t *lines, char *error, size_t error_size)
{
	yaml_parser_t parser;
	yaml_event_t event;
	size_t index = 0;
	int done = 0;

	if (!yaml_parser_initialize(&parser)) {
		snprintf(error, error_size, "cannot initialize the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, length);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			snprintf(error, error_size, "emitted YAML does not parse: %s",
				 parser.problem ? parser.problem : "unknown problem");
			yaml_parser_delete(&parser);
			return -1;
		}
		if (is_node_event(event.type)) {
			if (index < nodes->count)
				lines[index] = event.start_mark.line;
			index++;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	if (index != nodes->count) {
		snprintf(error, error_size,
			 "emitted YAML has %zu nodes but %zu were emitted; comments not placed",
			 index, nodes->count);
		return -1;
	}
	return 0;
}

static void splice_comment(struct text_buffer *buffer, const char *comment, size_t indent,
			   bool pragmas_only)
{
	const char *line = comment;

	while (*line) {
		const char *end = strchr(line, '\n');
		size_t size = end ? (size_t)(end - line) : strlen(line);
		bool keep = !pragmas_only || strncmp(line, EMIT_PRAGMA_PREFIX,
						     strlen(EMIT_PRAGMA_PREFIX)) == 0;

		for (size_t i = 0; keep && i < indent; i++)
			text_buffer_append(buffer, " ", 1);
		if (keep) {
			text_buffer_append(buffer, line, size);
			text_buffer_append(buffer, "\n", 1);
		}
		line += size;
		if (*line == '\n')
			line++;
	}
}

int emit_splice_comments(const char *text, size_t length, const struct emitted_nodes *nodes,
			 bool pragmas_only, char **out, size_t *out_length, char *error, size_t error_size)
{
	struct text_buffer buffer = {0};
	size_t *lines = calloc(nodes->count + 1, sizeof(*lines));
	const char *cursor = text;
	const char *end = text + length;
	size_t line_number = 0;
	size_t next = 0;

	if (!lines)
		abort();
	if (find_start_lines(text, length, nodes, lines, error, error_size)) {
		free(lines);
		return -1;
	}

	/* Event order follows the text, so start lines never decrease and one
	 * forward pass places every comment. */
	while (cursor < end) {
		const char *newline = memchr(cursor, '\n', (size_t)(end - cursor));
		size_t size = newline ? (size_t)(newline - cursor) + 1 : (size_t)(end - cursor);
		size_t indent = 0;

		while (indent < size && cursor[indent] == ' ')
			indent++;
		for (; next < nodes->count && lines[next] <= line_number; next++)
			if (nodes->items[next]->comment)
				splice_comment(&buffer, nodes->items[next]->comment, indent,
					       pragmas_only);
		text_buffer_append(&buffer, cursor, size);
		cursor += size;
		line_number++;
	}
	free(lines);
	text_buffer_append(&buffer, "", 0);
	*out = buffer.data;
	*out_length = buffer.length;
	return 0;
}
