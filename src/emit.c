/* tree -> libyaml emitter -> text; documented in include/emit.h. */
#include "emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "emit_comments.h"
#include "text_buffer.h"

static int buffer_write(void *context, unsigned char *bytes, size_t size)
{
	text_buffer_append(context, (const char *)bytes, size);
	return 1;
}

struct emitter_state {
	yaml_emitter_t emitter;
	struct emitted_nodes *order; /* node of each event, for the comment splice */
};

static int emit_event(struct emitter_state *state, yaml_event_t *event, const struct node *node)
{
	/* The emitter frees the event's content whether or not it succeeds. */
	if (!yaml_emitter_emit(&state->emitter, event))
		return -1;
	if (node)
		emitted_nodes_append(state->order, node);
	return 0;
}

static int emit_scalar(struct emitter_state *state, const struct node *node)
{
	const char *text = node->as.scalar.value;
	yaml_scalar_style_t style = YAML_PLAIN_SCALAR_STYLE;
	int plain_implicit = 1;
	yaml_event_t event;

	if (tree_scalar_type(node) == SCALAR_TYPE_STRING) {
		/* A string is written plain unless a plain scalar would read back
		 * as something else; libyaml then picks the lightest quoting. */
		plain_implicit = !tree_plain_text_is_ambiguous(text);
		style = strchr(text, '\n') ? YAML_LITERAL_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE;
	}
	if (!yaml_scalar_event_initialize(&event, (yaml_char_t *)node->anchor, NULL,
					  (yaml_char_t *)text, (int)node->as.scalar.length,
					  plain_implicit, 1, style))
		return -1;
	return emit_event(state, &event, node);
}

static int emit_node(struct emitter_state *state, const struct node *node)
{
	yaml_event_t event;

	switch (node->kind) {
	case NODE_SCALAR:
		return emit_scalar(state, node);
	case NODE_ALIAS:
		if (!yaml_alias_event_initialize(&event, (yaml_char_t *)node->as.alias.name))
			return -1;
		return emit_event(state, &event, node);
	case NODE_SEQUENCE:
		if (!yaml_sequence_start_event_initialize(&event, (yaml_char_t *)node->anchor, NULL, 1,
							  YAML_BLOCK_SEQUENCE_STYLE) ||
		    emit_event(state, &event, node))
			return -1;
		for (size_t i = 0; i < node->as.sequence.count; i++)
			if (emit_node(state, node->as.sequence.items[i]))
				return -1;
		if (!yaml_sequence_end_event_initialize(&event))
			return -1;
		return emit_event(state, &event, NULL);
	case NODE_MAPPING:
	default:
		if (!yaml_mapping_start_event_initialize(&event, (yaml_char_t *)node->anchor, NULL, 1,
							 YAML_BLOCK_MAPPING_STYLE) ||
		    emit_event(state, &event, node))
			return -1;
		for (size_t i = 0; i < node->as.mapping.count; i++) {
			if (emit_node(state, node->as.mapping.pairs[i].key) ||
			    emit_node(state, node->as.mapping.pairs[i].value))
				return -1;
		}
		if (!yaml_mapping_end_event_initialize(&event))
			return -1;
		return emit_event(state, &event, NULL);
	}
}

static int emit_stream(struct emitter_state *state, const struct node *root)
{
	yaml_event_t event;

	if (!yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING) ||
	    emit_event(state, &event, NULL))
		return -1;
	if (!yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1) ||
	    emit_event(state, &event, NULL))
		return -1;
	if (emit_node(state, root))
		return -1;
	if (!yaml_document_end_event_initialize(&event, 1) || emit_event(state, &event, NULL))
		return -1;
	if (!yaml_stream_end_event_initialize(&event) || emit_event(state, &event, NULL))
		return -1;
	return yaml_emitter_flush(&state->emitter) ? 0 : -1;
}

int emit_document(const struct node *root, const struct emit_options *options, char **out,
		  size_t *out_length, char *error, size_t error_size)
{
	struct text_buffer buffer = {0};
	struct emitted_nodes order = {0};
	struct emitter_state state = {.order = &order};
	struct node empty = {.kind = NODE_MAPPING};
	int status;

	if (!root)
		root = &empty;
	text_buffer_append(&buffer, "", 0);
	if (!yaml_emitter_initialize(&state.emitter)) {
		snprintf(error, error_size, "cannot initialize the YAML emitter");
		return -1;
	}
	yaml_emitter_set_output(&state.emitter, buffer_write, &buffer);
	yaml_emitter_set_indent(&state.emitter, 2);
	/* Never fold long lines: URLs and messages stay on one line. */
	yaml_emitter_set_width(&state.emitter, -1);
	yaml_emitter_set_unicode(&state.emitter, 1);
	yaml_emitter_set_break(&state.emitter, YAML_LN_BREAK);

	status = emit_stream(&state, root);
	if (status) {
		snprintf(error, error_size, "YAML emitter failed: %s",
			 state.emitter.problem ? state.emitter.problem : "unknown problem");
		yaml_emitter_delete(&state.emitter);
		text_buffer_release_wiped(&buffer);
		emitted_nodes_release(&order);
		return -1;
	}
	yaml_emitter_delete(&state.emitter);

	/* Without comments, pragma lines are still written: they change what
	 * `binderhub-gen check` reports on this file. */
	{
		char *spliced = NULL;
		size_t spliced_length = 0;
		bool pragmas_only = !options || !options->comments;

		if (emit_splice_comments(buffer.data, buffer.length, &order, pragmas_only, &spliced,
					 &spliced_length, error, error_size)) {
			text_buffer_release_wiped(&buffer);
			emitted_nodes_release(&order);
			return -1;
		}
		text_buffer_release_wiped(&buffer);
		buffer.data = spliced;
		buffer.length = spliced_length;
	}
	emitted_nodes_release(&order);
	*out = buffer.data;
	*out_length = buffer.length;
	return 0;
}
