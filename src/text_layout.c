/* Filling and indenting plain text; documented in include/text_layout.h. */
#include "text_layout.h"

#include <stdbool.h>
#include <string.h>

/* The characters isspace() accepts in the C locale. */
#define TEXT_LAYOUT_SPACE " \t\n\v\f\r"

void text_layout_write_wrapped(FILE *out, const char *text, size_t indent, size_t column,
			       size_t width)
{
	bool line_has_word = false;

	while (*text != '\0') {
		size_t length;

		text += strspn(text, TEXT_LAYOUT_SPACE);
		length = strcspn(text, TEXT_LAYOUT_SPACE);
		if (length == 0)
			break;
		if (line_has_word && column + 1 + length > width) {
			fprintf(out, "\n%*s", (int)indent, "");
			column = indent;
			line_has_word = false;
		}
		if (line_has_word) {
			fputc(' ', out);
			column++;
		}
		fwrite(text, 1, length, out);
		column += length;
		line_has_word = true;
		text += length;
	}
	fputc('\n', out);
}

void text_layout_write_indented(FILE *out, const char *text, const char *prefix)
{
	const char *line = text;

	while (*line != '\0') {
		size_t length = strcspn(line, "\n");

		if (length > 0)
			fputs(prefix, out);
		fwrite(line, 1, length, out);
		fputc('\n', out);
		line += length;
		if (*line == '\n')
			line++;
	}
}
