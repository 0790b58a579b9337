/* Tests of include/json_escape.h: JSON string literals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_escape.h"

/* Return what json_write_string() writes for text, as a malloc'ed string. */
static char *write_string(const char *text)
{
	char *result = NULL;
	size_t length = 0;
	FILE *stream = open_memstream(&result, &length);

	assert_non_null(stream);
	json_write_string(stream, text);
	assert_int_equal(fclose(stream), 0);
	return result;
}

static void expect_literal(const char *text, const char *expected)
{
	char *literal = write_string(text);

	assert_string_equal(literal, expected);
	free(literal);
}

static void test_json_escape_write_plain_text(void **state)
{
	(void)state;
	expect_literal("binderhub-gen 0.1", "\"binderhub-gen 0.1\"");
}

static void test_json_escape_write_empty_text(void **state)
{
	(void)state;
	expect_literal("", "\"\"");
}

static void test_json_escape_write_null(void **state)
{
	(void)state;
	expect_literal(NULL, "null");
}

static void test_json_escape_write_quote_and_backslash(void **state)
{
	(void)state;
	expect_literal("say \"hi\"", "\"say \\\"hi\\\"\"");
	expect_literal("C:\\tmp", "\"C:\\\\tmp\"");
}

static void test_json_escape_write_short_escapes(void **state)
{
	(void)state;
	expect_literal("\b", "\"\\b\"");
	expect_literal("\f", "\"\\f\"");
	expect_literal("\n", "\"\\n\"");
	expect_literal("\r", "\"\\r\"");
	expect_literal("\t", "\"\\t\"");
}

static void test_json_escape_write_other_controls_as_unicode(void **state)
{
	(void)state;
	expect_literal("\x01", "\"\\u0001\"");
	expect_literal("\x0b", "\"\\u000b\"");
	expect_literal("\x1b[0m", "\"\\u001b[0m\"");
	expect_literal("\x1f", "\"\\u001f\"");
}

static void test_json_escape_write_keeps_printable_bytes(void **state)
{
	(void)state;
	/* Space, '/' and DEL need no escape in JSON. */
	expect_literal(" /\x7f", "\" /\x7f\"");
	/* "é" and "→" in UTF-8 pass through byte for byte. */
	expect_literal("caf\xc3\xa9 \xe2\x86\x92", "\"caf\xc3\xa9 \xe2\x86\x92\"");
}

static void test_json_escape_write_yaml_fragment(void **state)
{
	(void)state;
	expect_literal("a:\n  b: \"c\"\n", "\"a:\\n  b: \\\"c\\\"\\n\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_escape_write_plain_text),
		cmocka_unit_test(test_json_escape_write_empty_text),
		cmocka_unit_test(test_json_escape_write_null),
		cmocka_unit_test(test_json_escape_write_quote_and_backslash),
		cmocka_unit_test(test_json_escape_write_short_escapes),
		cmocka_unit_test(test_json_escape_write_other_controls_as_unicode),
		cmocka_unit_test(test_json_escape_write_keeps_printable_bytes),
		cmocka_unit_test(test_json_escape_write_yaml_fragment),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
