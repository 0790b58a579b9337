/* Comment recovery; documented in include/load_comments.h. */
#include "load_comments.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum line_kind {
	LINE_BLANK,
	LINE_COMMENT,
	LINE_OTHER,
};

struct source_lines {
	const char **starts; /* index 1..count: 1-based like marks */
	size_t *lengths;
	enum line_kind *kinds;
	bool *claimed;
	size_t count;
};

/*
 * Length of the line break at text[i]: 2 for CRLF, 1 for a lone LF or CR,
 * as libyaml counts lines, else 0.  The second byte of a CRLF is not a
 * break of its own.
 */
static size_t line_break_at(const char *text, size_t length, size_t i)
{
	if (text[i] == '\r')
		return i + 1 < length && text[i + 1] == '\n' ? 2 : 1;
	if (text[i] == '\n')
		return i > 0 && text[i - 1] == '\r' ? 0 : 1;
	return 0;
}

static void lines_split(struct source_lines *lines, const char *text, size_t length)
{
	size_t count = 1;

	for (size_t i = 0; i < length; i++)
		if (line_break_at(text, length, i))
			count++;
	lines->starts = calloc(count + 1, sizeof(*lines->starts));
	lines->lengths = calloc(count + 1, sizeof(*lines->lengths));
	lines->kinds = calloc(count + 1, sizeof(*lines->kinds));
	lines->claimed = calloc(count + 1, sizeof(*lines->claimed));
	if (!lines->starts || !lines->lengths || !lines->kinds || !lines->claimed)
		abort();
	lines->count = count;

	const char *start = text;
	size_t number = 1;

	for (size_t i = 0; i <= length; i++) {
		size_t line_break = i == length ? 1 : line_break_at(text, length, i);

		if (line_break) {
			size_t line_length = (size_t)(text + i - start);
			size_t indent = 0;

			while (indent < line_length && (start[indent] == ' ' || start[indent] == '\t'))
				indent++;
			lines->starts[number] = start + indent;
			lines->lengths[number] = line_length - indent;
			if (indent == line_length)
				lines->kinds[number] = LINE_BLANK;
			else if (start[indent] == '#')
				lines->kinds[number] = LINE_COMMENT;
			else
				lines->kinds[number] = LINE_OTHER;
			start = text + i + line_break;
			i += line_break - 1;
			number++;
		}
	}
}

static void lines_free(struct source_lines *lines)
{
	free(lines->starts);
	free(lines->lengths);
	free(lines->kinds);
	free(lines->claimed);
}

/* A '#' line inside a block scalar is text, not a comment. */
static void lines_mark_scalar_text(struct source_lines *lines, const struct node *node)
{
	if (!node || node->kind == NODE_ALIAS)
		return;
	if (node->kind == NODE_SCALAR) {
		for (size_t line = node->mark.line + 1; line <= node->end_line && line <= lines->count;
		     line++)
			lines->kinds[line] = LINE_OTHER;
		return;
	}
	if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++)
			lines_mark_scalar_text(lines, node->as.sequence.items[i]);
		return;
	}
	for (size_t i = 0; i < node->as.mapping.count; i++) {
		lines_mark_scalar_text(lines, node->as.mapping.pairs[i].key);
		lines_mark_scalar_text(lines, node->as.mapping.pairs[i].value);
	}
}

static void attach_comment(struct tree_doc *doc, struct source_lines *lines, struct node *node)
{
	size_t line = node->mark.line;
	size_t first, total = 0;
	char *comment, *cursor;

	if (line == 0 || line > lines->count || lines->claimed[line])
		return;
	lines->claimed[line] = true;

	first = line;
	while (first > 1 && lines->kinds[first - 1] != LINE_OTHER)
		first--;
	for (size_t i = first; i < line; i++)
		if (lines->kinds[i] == LINE_COMMENT)
			total += lines->lengths[i] + 1;
	if (total == 0)
		return;

	comment = arena_alloc(&doc->arena, total);
	cursor = comment;
	for (size_t i = first; i < line; i++) {
		if (lines->kinds[i] != LINE_COMMENT)
			continue;
		if (cursor != comment)
			*cursor++ = '\n';
		memcpy(cursor, lines->starts[i], lines->lengths[i]);
		cursor += lines->lengths[i];
		/* Each comment line is attached once, to the first node below it. */
		lines->kinds[i] = LINE_OTHER;
	}
	*cursor = '\0';
	node->comment = comment;
}

/* Visit nodes in document order, so the first node on a line claims it. */
static void attach_comments_below(struct tree_doc *doc, struct source_lines *lines,
				  struct node *node)
{
	if (!node || node->kind == NODE_SCALAR || node->kind == NODE_ALIAS)
		return;
	if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++) {
			attach_comment(doc, lines, node->as.sequence.items[i]);
			attach_comments_below(doc, lines, node->as.sequence.items[i]);
		}
		return;
	}
	for (size_t i = 0; i < node->as.mapping.count; i++) {
		attach_comment(doc, lines, node->as.mapping.pairs[i].key);
		attach_comments_below(doc, lines, node->as.mapping.pairs[i].value);
	}
}

void load_attach_comments(struct tree_doc *doc, const char *text, size_t length)
{
	struct source_lines lines = {0};

	if (!doc->root)
		return;
	lines_split(&lines, text, length);
	lines_mark_scalar_text(&lines, doc->root);
	/* A comment at the top of a file goes to the first key or item, which
	 * the emitter writes first anyway, so that it survives merging. */
	if (doc->root->kind == NODE_SCALAR || doc->root->kind == NODE_ALIAS)
		attach_comment(doc, &lines, doc->root);
	attach_comments_below(doc, &lines, doc->root);
	lines_free(&lines);
}
