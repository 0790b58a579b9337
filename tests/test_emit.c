/* Unit tests of the emitter wrapper and comment splicing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emit.h"
#include "load.h"

/* Load text (with comments) and emit it again. */
static char *reemit(const char *text, bool comments)
{
	struct load_options load_options = {.keep_comments = true};
	struct emit_options emit_options = {.comments = comments};
	struct tree_doc *doc = NULL;
	struct load_error err;
	char error[256];
	char *out = NULL;
	size_t length = 0;

	assert_int_equal(load_buffer(text, strlen(text), "t.yaml", &load_options, &doc, &err),
			 LOAD_OK);
	assert_int_equal(emit_document(doc->root, &emit_options, &out, &length, error,
				       sizeof(error)),
			 0);
	assert_int_equal(strlen(out), length);
	tree_doc_free(doc);
	return out;
}

static void expect_emitted(const char *input, const char *expected, bool comments)
{
	char *out = reemit(input, comments);

	assert_string_equal(out, expected);
	free(out);
}

static void test_emit_block_style_two_spaces(void **state)
{
	(void)state;
	expect_emitted("a: {b: [1, 2], c: {d: e}}\n", "a:\n  b:\n  - 1\n  - 2\n  c:\n    d: e\n", false);
}

static void test_emit_quotes_only_when_needed(void **state)
{
	(void)state;
	expect_emitted("a: \"null\"\nb: \"yes\"\nc: \"15\"\nd: \"*\"\ne: \"plain\"\nf: true\ng: 15\n",
		       "a: 'null'\nb: 'yes'\nc: '15'\nd: '*'\ne: plain\nf: true\ng: 15\n", false);
	/* A quoted "<<" key is a string, not a merge key. */
	expect_emitted("v: {\"<<\": 1, b: 2}\n", "v:\n  '<<': 1\n  b: 2\n", false);
}

static void test_emit_null_as_bare_key(void **state)
{
	(void)state;
	expect_emitted("a:\n  b:\n  c: ~\n", "a:\n  b:\n  c: ~\n", false);
}

static void test_emit_multiline_as_literal(void **state)
{
	(void)state;
	expect_emitted("a: \"line 1\\nline 2\\n\"\n", "a: |\n  line 1\n  line 2\n", false);
}

static void test_emit_long_line_not_folded(void **state)
{
	char input[400], expected[400];
	char words[300] = "";

	(void)state;
	for (int i = 0; i < 20; i++)
		strcat(words, "word word ");
	strcat(words, "end");
	snprintf(input, sizeof(input), "a: %s\n", words);
	snprintf(expected, sizeof(expected), "a: %s\n", words);
	expect_emitted(input, expected, false);
}

static void test_emit_anchor_and_alias(void **state)
{
	(void)state;
	expect_emitted("u: &url https://quay.io\ns: *url\n", "u: &url https://quay.io\ns: *url\n", false);
}

static void test_emit_comments_spliced(void **state)
{
	static const char input[] = "# top\n"
				    "a:\n"
				    "  # about b\n"
				    "  b: 1\n"
				    "  list:\n"
				    "    # first item\n"
				    "    - name: x\n"
				    "      # about value\n"
				    "      value: y\n";
	static const char with[] = "# top\n"
				   "a:\n"
				   "  # about b\n"
				   "  b: 1\n"
				   "  list:\n"
				   "  # first item\n"
				   "  - name: x\n"
				   "    # about value\n"
				   "    value: y\n";
	static const char without[] = "a:\n  b: 1\n  list:\n  - name: x\n    value: y\n";

	(void)state;
	expect_emitted(input, with, true);
	expect_emitted(input, without, false);
}

static void test_emit_keeps_pragma_without_comments(void **state)
{
	static const char input[] = "a:\n  # why b is off\n  # binderhub-gen: disable=BH070\n  b: false\n";

	(void)state;
	expect_emitted(input, "a:\n  # binderhub-gen: disable=BH070\n  b: false\n", false);
}

static void test_emit_comment_after_literal_block(void **state)
{
	static const char input[] = "a: |\n  # inside\n  text\n# about b\nb: 1\n";
	static const char expected[] = "a: |\n  # inside\n  text\n# about b\nb: 1\n";

	(void)state;
	expect_emitted(input, expected, true);
}

static void test_emit_round_trip(void **state)
{
	static const char input[] = "a:\n  - {x: 'on', y: [1, null, ~]}\n  - |\n    k\nb: &b {c: d}\ne: *b\n";
	struct tree_doc *first = NULL, *second = NULL;
	struct load_error err;
	char *out = reemit(input, true);

	(void)state;
	assert_int_equal(load_buffer(input, strlen(input), "a", NULL, &first, &err), LOAD_OK);
	assert_int_equal(load_buffer(out, strlen(out), "b", NULL, &second, &err), LOAD_OK);
	assert_true(tree_equal(first->root, second->root));
	tree_doc_free(first);
	tree_doc_free(second);
	free(out);
}

static void test_emit_empty_document(void **state)
{
	char error[128];
	char *out = NULL;
	size_t length = 0;

	(void)state;
	assert_int_equal(emit_document(NULL, NULL, &out, &length, error, sizeof(error)), 0);
	assert_string_equal(out, "{}\n");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_emit_block_style_two_spaces),
		cmocka_unit_test(test_emit_quotes_only_when_needed),
		cmocka_unit_test(test_emit_null_as_bare_key),
		cmocka_unit_test(test_emit_multiline_as_literal),
		cmocka_unit_test(test_emit_long_line_not_folded),
		cmocka_unit_test(test_emit_anchor_and_alias),
		cmocka_unit_test(test_emit_comments_spliced),
		cmocka_unit_test(test_emit_keeps_pragma_without_comments),
		cmocka_unit_test(test_emit_comment_after_literal_block),
		cmocka_unit_test(test_emit_round_trip),
		cmocka_unit_test(test_emit_empty_document),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
