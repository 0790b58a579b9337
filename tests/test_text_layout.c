/* Tests of include/text_layout.h: filling and indenting plain text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text_layout.h"

/* Return what text_layout_write_wrapped() writes, as a malloc'ed string. */
static char *wrap(const char *text, size_t indent, size_t column, size_t width)
{
	char *result = NULL;
	size_t length = 0;
	FILE *stream = open_memstream(&result, &length);

	assert_non_null(stream);
	text_layout_write_wrapped(stream, text, indent, column, width);
	assert_int_equal(fclose(stream), 0);
	return result;
}

/* Return what text_layout_write_indented() writes, as a malloc'ed string. */
static char *indent_text(const char *text, const char *prefix)
{
	char *result = NULL;
	size_t length = 0;
	FILE *stream = open_memstream(&result, &length);

	assert_non_null(stream);
	text_layout_write_indented(stream, text, prefix);
	assert_int_equal(fclose(stream), 0);
	return result;
}

static void expect_wrapped(const char *text, size_t indent, size_t column, size_t width,
			   const char *expected)
{
	char *output = wrap(text, indent, column, width);

	assert_string_equal(output, expected);
	free(output);
}

static void expect_indented(const char *text, const char *prefix, const char *expected)
{
	char *output = indent_text(text, prefix);

	assert_string_equal(output, expected);
	free(output);
}

static void test_text_layout_wrap_fits_one_line(void **state)
{
	(void)state;
	expect_wrapped("print this help and exit", 0, 0, 79, "print this help and exit\n");
}

static void test_text_layout_wrap_fills_exact_width(void **state)
{
	(void)state;
	/* "aaa bbb" is 7 columns: it fits a width of 7 and not of 6. */
	expect_wrapped("aaa bbb ccc", 0, 0, 7, "aaa bbb\nccc\n");
	expect_wrapped("aaa bbb ccc", 0, 0, 6, "aaa\nbbb\nccc\n");
}

static void test_text_layout_wrap_indents_continuation(void **state)
{
	(void)state;
	/* After a 4-column label, "one two" ends at column 11. */
	expect_wrapped("one two three", 4, 4, 12, "one two\n    three\n");
}

static void test_text_layout_wrap_counts_from_column(void **state)
{
	(void)state;
	expect_wrapped("one two", 2, 0, 7, "one two\n");
	expect_wrapped("one two", 2, 1, 7, "one\n  two\n");
}

static void test_text_layout_wrap_collapses_white_space(void **state)
{
	(void)state;
	expect_wrapped("  a \t\n  b\r\v\fc  ", 0, 0, 79, "a b c\n");
}

static void test_text_layout_wrap_joins_lines(void **state)
{
	(void)state;
	/* A newline in the text is a word break like any other white space. */
	expect_wrapped("first\nsecond", 0, 0, 79, "first second\n");
}

static void test_text_layout_wrap_keeps_long_word_whole(void **state)
{
	(void)state;
	expect_wrapped("abcdefgh ij", 0, 0, 5, "abcdefgh\nij\n");
	expect_wrapped("ab abcdefgh", 1, 0, 5, "ab\n abcdefgh\n");
}

static void test_text_layout_wrap_first_word_after_long_label(void **state)
{
	(void)state;
	/* A label wider than the line still gets the first word beside it. */
	expect_wrapped("x y", 2, 20, 10, "x\n  y\n");
}

static void test_text_layout_wrap_empty_text(void **state)
{
	(void)state;
	expect_wrapped("", 4, 4, 79, "\n");
	expect_wrapped("   ", 4, 4, 79, "\n");
}

static void test_text_layout_indent_each_line(void **state)
{
	(void)state;
	expect_indented("a:\n  b: 1\n", "    ", "    a:\n      b: 1\n");
}

static void test_text_layout_indent_leaves_empty_lines_empty(void **state)
{
	(void)state;
	expect_indented("a\n\nb\n", "  ", "  a\n\n  b\n");
}

static void test_text_layout_indent_ends_last_line(void **state)
{
	(void)state;
	expect_indented("a: 1", "> ", "> a: 1\n");
}

static void test_text_layout_indent_empty_text(void **state)
{
	(void)state;
	expect_indented("", "    ", "");
}

static void test_text_layout_indent_blank_first_line(void **state)
{
	(void)state;
	expect_indented("\nx", "- ", "\n- x\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_layout_wrap_fits_one_line),
		cmocka_unit_test(test_text_layout_wrap_fills_exact_width),
		cmocka_unit_test(test_text_layout_wrap_indents_continuation),
		cmocka_unit_test(test_text_layout_wrap_counts_from_column),
		cmocka_unit_test(test_text_layout_wrap_collapses_white_space),
		cmocka_unit_test(test_text_layout_wrap_joins_lines),
		cmocka_unit_test(test_text_layout_wrap_keeps_long_word_whole),
		cmocka_unit_test(test_text_layout_wrap_first_word_after_long_label),
		cmocka_unit_test(test_text_layout_wrap_empty_text),
		cmocka_unit_test(test_text_layout_indent_each_line),
		cmocka_unit_test(test_text_layout_indent_leaves_empty_lines_empty),
		cmocka_unit_test(test_text_layout_indent_ends_last_line),
		cmocka_unit_test(test_text_layout_indent_empty_text),
		cmocka_unit_test(test_text_layout_indent_blank_first_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
