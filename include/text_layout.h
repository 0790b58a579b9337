/*
 * Laying out plain text for a terminal: filling paragraphs to a line width
 * and indenting blocks. Used by --help, `explain` and the text format of
 * `check`.
 */
#ifndef BHG_TEXT_LAYOUT_H
#define BHG_TEXT_LAYOUT_H

#include <stddef.h>
#include <stdio.h>

/**
 * Write text to out word by word, the first word at column (the caller has
 * already written that many columns of the line). When the next word would
 * make the line longer than width columns, start a new line indented by
 * indent spaces. White space
 * (space, tab, newline, CR, VT, FF) separates words, and each run of it
 * becomes one space or one line break. A word longer than a line is written
 * whole. The output ends with a newline, even for empty text.
 */
void text_layout_write_wrapped(FILE *out, const char *text, size_t indent, size_t column,
			       size_t width);

/**
 * Write each line of text to out with prefix in front, except empty lines,
 * which stay empty so that they carry no trailing white space. Every line,
 * the last one included, ends with a newline. Empty text writes nothing.
 */
void text_layout_write_indented(FILE *out, const char *text, const char *prefix);

#endif
