/* Placeholder filling; documented in include/fill.h. */
#include "fill.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_buffer.h"

#if defined(__GNUC__)
#define FILL_PRINTF(format_index, first_arg) \
	__attribute__((format(printf, format_index, first_arg)))
#else
#define FILL_PRINTF(format_index, first_arg)
#endif

struct fill_context {
	struct tree_doc *doc;
	const struct template_vars *vars;
	char *error;
	size_t error_size;
	/* Nodes removed from the tree, so that aliases to them are removed too. */
	const struct node **removed;
	size_t removed_count;
	size_t removed_capacity;
};

/** One "{{ name }}" found in a scalar; offsets are into the scalar's text. */
struct placeholder {
	size_t start;       /**< Offset of "{{". */
	size_t end;         /**< Offset just past "}}". */
	const char *name;   /**< The name with the spaces around it trimmed. */
	size_t name_length;
};

enum scan_result {
	SCAN_NONE,
	SCAN_FOUND,
	SCAN_UNCLOSED,
	SCAN_INVALID_NAME,
};

enum var_kind {
	VAR_UNSET,
	VAR_STRING,
	VAR_LIST,
};

FILL_PRINTF(3, 4)
static int fill_fail(struct fill_context *ctx, const struct node *node, const char *format, ...)
{
	const char *file = node->mark.file ? node->mark.file : ctx->doc->file;
	int written;
	va_list args;

	if (!ctx->error || ctx->error_size == 0)
		return -1;
	if (!file)
		file = "(generated)";
	if (node->mark.line > 0)
		written = snprintf(ctx->error, ctx->error_size, "%s:%zu:%zu: ", file,
				   node->mark.line, node->mark.column);
	else
		written = snprintf(ctx->error, ctx->error_size, "%s: ", file);
	if (written < 0 || (size_t)written >= ctx->error_size)
		return -1;
	va_start(args, format);
	vsnprintf(ctx->error + written, ctx->error_size - (size_t)written, format, args);
	va_end(args);
	return -1;
}

static void fill_record_removed(struct fill_context *ctx, const struct node *node)
{
	if (ctx->removed_count == ctx->removed_capacity) {
		size_t capacity = ctx->removed_capacity ? ctx->removed_capacity * 2 : 16;
		const struct node **grown = realloc(ctx->removed, capacity * sizeof(*grown));

		if (!grown) {
			fputs("binderhub-gen: error: out of memory\n", stderr);
			abort();
		}
		ctx->removed = grown;
		ctx->removed_capacity = capacity;
	}
	ctx->removed[ctx->removed_count++] = node;
}

static bool fill_was_removed(const struct fill_context *ctx, const struct node *node)
{
	for (size_t i = 0; i < ctx->removed_count; i++)
		if (ctx->removed[i] == node)
			return true;
	return false;
}

static bool is_name_start(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9') || c == '_';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Find the next placeholder in text at or after offset from. */
static enum scan_result scan_placeholder(const char *text, size_t from, struct placeholder *found)
{
	const char *open = strstr(text + from, "{{");
	const char *close;
	const char *name;
	const char *name_end;

	if (!open)
		return SCAN_NONE;
	found->start = (size_t)(open - text);
	close = strstr(open + 2, "}}");
	if (!close)
		return SCAN_UNCLOSED;
	found->end = (size_t)(close + 2 - text);

	name = open + 2;
	while (name < close && is_blank(*name))
		name++;
	name_end = close;
	while (name_end > name && is_blank(name_end[-1]))
		name_end--;
	found->name = name;
	found->name_length = (size_t)(name_end - name);

	if (found->name_length == 0 || !is_name_start(*name))
		return SCAN_INVALID_NAME;
	for (const char *c = name; c < name_end; c++)
		if (!is_name_char(*c))
			return SCAN_INVALID_NAME;
	return SCAN_FOUND;
}

static const struct template_var *find_var(const struct template_vars *vars, const char *name,
					   size_t length)
{
	for (size_t i = 0; i < vars->count; i++) {
		const char *candidate = vars->items[i].name;

		if (strlen(candidate) == length && memcmp(candidate, name, length) == 0)
			return &vars->items[i];
	}
	return NULL;
}

static enum var_kind var_kind_of(const struct template_var *var)
{
	if (var->list && var->list_count > 0)
		return VAR_LIST;
	if (var->value)
		return VAR_STRING;
	return VAR_UNSET;
}

/* Report a placeholder that scan_placeholder could not accept. */
static int fail_scan(struct fill_context *ctx, const struct node *node, enum scan_result result,
		     const struct placeholder *found)
{
	if (result == SCAN_UNCLOSED)
		return fill_fail(ctx, node,
				 "unclosed placeholder: '{{' without '}}'; "
				 "close it with '}}' or remove the '{{'");
	return fill_fail(ctx, node,
			 "invalid placeholder name '%.*s'; a name is lower-case letters, "
			 "digits and '_', starting with a letter",
			 (int)found->name_length, found->name);
}

/* Look up a placeholder's variable, failing on a name the generator does not define. */
static const struct template_var *lookup_placeholder(struct fill_context *ctx,
						     const struct node *node,
						     const struct placeholder *found)
{
	const struct template_var *var = find_var(ctx->vars, found->name, found->name_length);

	if (!var)
		fill_fail(ctx, node, "unknown placeholder '%.*s'; correct the name in the template",
			  (int)found->name_length, found->name);
	return var;
}

/* Turn the scalar node into a sequence of strings, in place so that aliases follow. */
static void expand_list(struct fill_context *ctx, struct node *node, const struct template_var *var)
{
	struct node *sequence = tree_new_sequence(ctx->doc);

	for (size_t i = 0; i < var->list_count; i++) {
		struct node *item = tree_new_string(ctx->doc, var->list[i]);

		item->mark = node->mark;
		tree_sequence_append(ctx->doc, sequence, item);
	}
	node->kind = NODE_SEQUENCE;
	node->as.sequence = sequence->as.sequence;
}

/*
 * Substitute every placeholder of a scalar that has other text or several
 * placeholders, so every variable in it must be a set string.  The scratch
 * buffer is wiped because the values may be secrets.
 */
static int substitute_text(struct fill_context *ctx, struct node *node)
{
	const char *text = node->as.scalar.value;
	struct text_buffer buffer = {0};
	struct placeholder found;
	size_t offset = 0;
	enum scan_result result;

	while ((result = scan_placeholder(text, offset, &found)) != SCAN_NONE) {
		const struct template_var *var;

		if (result != SCAN_FOUND) {
			text_buffer_release_wiped(&buffer);
			return fail_scan(ctx, node, result, &found);
		}
		var = lookup_placeholder(ctx, node, &found);
		if (!var) {
			text_buffer_release_wiped(&buffer);
			return -1;
		}
		switch (var_kind_of(var)) {
		case VAR_UNSET:
			text_buffer_release_wiped(&buffer);
			return fill_fail(ctx, node,
					 "no value for placeholder '%s', which is part of a longer "
					 "text; give '%s' a value",
					 var->name, var->name);
		case VAR_LIST:
			text_buffer_release_wiped(&buffer);
			return fill_fail(ctx, node,
					 "list placeholder '%s' is part of a longer text; a list can "
					 "only replace a whole value",
					 var->name);
		case VAR_STRING:
		default:
			break;
		}
		text_buffer_append(&buffer, text + offset, found.start - offset);
		text_buffer_append(&buffer, var->value, strlen(var->value));
		offset = found.end;
	}
	text_buffer_append(&buffer, text + offset, strlen(text + offset));

	node->as.scalar.value = arena_strndup(&ctx->doc->arena, buffer.data, buffer.length);
	node->as.scalar.length = buffer.length;
	/* Written plain, a value such as "1" or "true" would read back as a
	 * number or boolean.  Quoted style keeps it a string, and the emitter
	 * still writes it plain where that reads back the same. */
	if (node->as.scalar.style == SCALAR_PLAIN)
		node->as.scalar.style = SCALAR_SINGLE_QUOTED;
	text_buffer_release_wiped(&buffer);
	return 0;
}

static int fill_scalar(struct fill_context *ctx, struct node *node, bool *remove)
{
	const char *text = node->as.scalar.value;
	struct placeholder found;
	enum scan_result result = scan_placeholder(text, 0, &found);
	const struct template_var *var;

	if (result == SCAN_NONE)
		return 0;
	if (result != SCAN_FOUND)
		return fail_scan(ctx, node, result, &found);
	if (found.start != 0 || found.end != node->as.scalar.length)
		return substitute_text(ctx, node);

	/* The scalar is exactly one placeholder, the only place where an unset
	 * value or a list is allowed. */
	var = lookup_placeholder(ctx, node, &found);
	if (!var)
		return -1;
	switch (var_kind_of(var)) {
	case VAR_UNSET:
		*remove = true;
		return 0;
	case VAR_LIST:
		expand_list(ctx, node, var);
		return 0;
	case VAR_STRING:
	default:
		return substitute_text(ctx, node);
	}
}

static int fill_node(struct fill_context *ctx, struct node *node, bool *remove);

static int fill_sequence(struct fill_context *ctx, struct node *node, bool *remove)
{
	bool had_items = node->as.sequence.count > 0;
	size_t i = 0;

	while (i < node->as.sequence.count) {
		struct node *item = node->as.sequence.items[i];
		bool remove_item = false;

		if (fill_node(ctx, item, &remove_item) != 0)
			return -1;
		if (remove_item) {
			fill_record_removed(ctx, item);
			tree_sequence_remove_at(node, i);
		} else {
			i++;
		}
	}
	*remove = had_items && node->as.sequence.count == 0;
	return 0;
}

static int fill_mapping(struct fill_context *ctx, struct node *node, bool *remove)
{
	bool had_pairs = node->as.mapping.count > 0;
	size_t i = 0;

	while (i < node->as.mapping.count) {
		struct node *value = node->as.mapping.pairs[i].value;
		bool remove_pair = false;

		if (value && fill_node(ctx, value, &remove_pair) != 0)
			return -1;
		if (remove_pair) {
			fill_record_removed(ctx, value);
			tree_mapping_remove_at(node, i);
		} else {
			i++;
		}
	}
	*remove = had_pairs && node->as.mapping.count == 0;
	return 0;
}

static int fill_node(struct fill_context *ctx, struct node *node, bool *remove)
{
	*remove = false;
	switch (node->kind) {
	case NODE_SCALAR:
		return fill_scalar(ctx, node, remove);
	case NODE_SEQUENCE:
		return fill_sequence(ctx, node, remove);
	case NODE_MAPPING:
		return fill_mapping(ctx, node, remove);
	case NODE_ALIAS:
	default:
		/* The anchored node is filled at its own place in the tree. */
		return 0;
	}
}

/* True when child is gone because the node it aliases was removed. */
static bool alias_is_dangling(const struct fill_context *ctx, const struct node *child)
{
	return child->kind == NODE_ALIAS && fill_was_removed(ctx, child->as.alias.target);
}

/*
 * Remove aliases to removed nodes, and collections emptied by that.
 * Sets *changed when anything was removed, since a removed collection may
 * be the anchored node of another alias visited earlier.
 */
static void prune_node(struct fill_context *ctx, struct node *node, bool *remove, bool *changed);

static bool prune_child(struct fill_context *ctx, struct node *child, bool *changed)
{
	bool remove_child = false;

	if (!child)
		return false;
	if (alias_is_dangling(ctx, child))
		remove_child = true;
	else
		prune_node(ctx, child, &remove_child, changed);
	if (remove_child) {
		fill_record_removed(ctx, child);
		*changed = true;
	}
	return remove_child;
}

static void prune_node(struct fill_context *ctx, struct node *node, bool *remove, bool *changed)
{
	*remove = false;
	if (node->kind == NODE_SEQUENCE) {
		bool had_items = node->as.sequence.count > 0;
		size_t i = 0;

		while (i < node->as.sequence.count) {
			if (prune_child(ctx, node->as.sequence.items[i], changed))
				tree_sequence_remove_at(node, i);
			else
				i++;
		}
		*remove = had_items && node->as.sequence.count == 0;
	} else if (node->kind == NODE_MAPPING) {
		bool had_pairs = node->as.mapping.count > 0;
		size_t i = 0;

		while (i < node->as.mapping.count) {
			if (prune_child(ctx, node->as.mapping.pairs[i].value, changed))
				tree_mapping_remove_at(node, i);
			else
				i++;
		}
		*remove = had_pairs && node->as.mapping.count == 0;
	}
}

int fill_placeholders(struct tree_doc *doc, struct node **root, const struct template_vars *vars,
		      char *error, size_t error_size)
{
	struct fill_context ctx = {
		.doc = doc,
		.vars = vars,
		.error = error,
		.error_size = error_size,
	};
	bool remove_root = false;
	bool changed;

	if (!*root)
		return 0;
	if (fill_node(&ctx, *root, &remove_root) != 0) {
		free(ctx.removed);
		return -1;
	}

	/* Aliases can come before or after their anchored node once layers are
	 * merged, so dangling ones are removed after the whole tree is filled,
	 * repeating while removals keep emptying collections. */
	if (!remove_root) {
		do {
			changed = false;
			if (alias_is_dangling(&ctx, *root))
				remove_root = true;
			else
				prune_node(&ctx, *root, &remove_root, &changed);
		} while (changed && !remove_root);
	}
	if (remove_root)
		*root = NULL;
	free(ctx.removed);
	return 0;
}
