/* Unit tests of the loader: marks, errors, limits, duplicates, comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "load.h"

static enum load_status load_text(const char *text, const struct load_options *options,
				  struct tree_doc **doc, struct load_error *err)
{
	return load_buffer(text, strlen(text), "f.yaml", options, doc, err);
}

static void test_load_marks_one_based(void **state)
{
	struct tree_doc *doc = NULL;
	struct load_error err;
	const struct pair *pair;

	(void)state;
	assert_int_equal(load_text("a:\n  bb: 1\n", NULL, &doc, &err), LOAD_OK);
	pair = tree_mapping_find(tree_mapping_get(doc->root, "a"), "bb");
	assert_int_equal(pair->key->mark.line, 2);
	assert_int_equal(pair->key->mark.column, 3);
	assert_int_equal(pair->value->mark.column, 7);
	assert_string_equal(pair->key->mark.file, "f.yaml");
	tree_doc_free(doc);
}

static void test_load_syntax_error_position(void **state)
{
	struct tree_doc *doc = NULL;
	struct load_error err;
	char text[600];

	(void)state;
	assert_int_equal(load_text("a: 1\n b: 2\n", NULL, &doc, &err), LOAD_ERR_SYNTAX);
	assert_null(doc);
	assert_int_equal(err.mark.line, 2);
	load_error_format(&err, text, sizeof(text));
	assert_string_equal(text, "f.yaml:2:3: mapping values are not allowed in this context");
}

static void test_load_duplicate_recorded(void **state)
{
	struct tree_doc *doc = NULL;
	struct load_error err;

	(void)state;
	assert_int_equal(load_text("a: 1\nb: 2\na: 3\n<<: {}\n<<: {}\n", NULL, &doc, &err), LOAD_OK);
	assert_int_equal(doc->duplicate_count, 1);
	assert_int_equal(doc->duplicates[0].first->mark.line, 1);
	assert_int_equal(doc->duplicates[0].second->mark.line, 3);
	tree_doc_free(doc);
}

static void test_load_duplicate_rejected(void **state)
{
	struct load_options options = {.reject_duplicates = true};
	struct tree_doc *doc = NULL;
	struct load_error err;

	(void)state;
	assert_int_equal(load_text("a: 1\na: 3\n", &options, &doc, &err), LOAD_ERR_STRUCTURE);
	assert_string_equal(err.message, "duplicate key 'a' (first defined at line 1, column 1)");
	assert_int_equal(err.mark.line, 2);
}

static void test_load_redefined_anchor_later_wins(void **state)
{
	struct tree_doc *doc = NULL;
	struct load_error err;

	(void)state;
	assert_int_equal(load_text("a: &x 1\nb: *x\nc: &x 2\nd: *x\n", NULL, &doc, &err), LOAD_OK);
	assert_true(tree_scalar_equals(tree_mapping_get(doc->root, "b"), "1"));
	assert_true(tree_scalar_equals(tree_mapping_get(doc->root, "d"), "2"));
	tree_doc_free(doc);
}

static void test_load_alias_errors(void **state)
{
	struct tree_doc *doc = NULL;
	struct load_error err;

	(void)state;
	assert_int_equal(load_text("a: *nope\n", NULL, &doc, &err), LOAD_ERR_STRUCTURE);
	assert_string_equal(err.message, "alias '*nope' refers to no anchor defined before it");
	assert_int_equal(load_text("a: &x [*x]\n", NULL, &doc, &err), LOAD_ERR_STRUCTURE);
	assert_string_equal(err.message, "alias '*x' refers to a node that contains it");
}

static void test_load_limits(void **state)
{
	struct load_options small = {.max_bytes = 4};
	struct load_options shallow = {.max_depth = 2};
	struct tree_doc *doc = NULL;
	struct load_error err;

	(void)state;
	assert_int_equal(load_text("a: 12345\n", &small, &doc, &err), LOAD_ERR_LIMIT);
	assert_int_equal(load_text("a: {b: {c: 1}}\n", &shallow, &doc, &err), LOAD_ERR_LIMIT);
	assert_string_equal(err.message, "nesting deeper than 2 levels");
	assert_int_equal(load_text("a: {b: 1}\n", &shallow, &doc, &err), LOAD_OK);
	tree_doc_free(doc);
}

static void test_load_several_documents_rejected(void **state)
{
	struct tree_doc *doc = NULL;
	struct load_error err;

	(void)state;
	assert_int_equal(load_text("a: 1\n---\nb: 2\n", NULL, &doc, &err), LOAD_ERR_STRUCTURE);
	assert_int_equal(err.mark.line, 2);
}

static void test_load_empty_document(void **state)
{
	struct tree_doc *doc = NULL;
	struct load_error err;

	(void)state;
	assert_int_equal(load_text("# only a comment\n", NULL, &doc, &err), LOAD_OK);
	assert_null(doc->root);
	tree_doc_free(doc);
}

static void test_load_missing_file(void **state)
{
	struct tree_doc *doc = NULL;
	struct load_error err;
	char text[600];

	(void)state;
	assert_int_equal(load_file("/nonexistent/x.yaml", NULL, &doc, &err), LOAD_ERR_IO);
	load_error_format(&err, text, sizeof(text));
	assert_string_equal(text, "/nonexistent/x.yaml: cannot open: No such file or directory");
}

static void test_load_comments_attached(void **state)
{
	static const char text[] = "# header\n\n"
				   "a:\n"
				   "  # about b\n"
				   "  # second line\n"
				   "  b: 1\n"
				   "  c: |\n"
				   "    # not a comment\n"
				   "  # about d\n"
				   "  d:\n"
				   "    # about item\n"
				   "    - x: 1\n"
				   "# dropped at the end\n";
	struct load_options options = {.keep_comments = true};
	struct tree_doc *doc = NULL;
	struct load_error err;
	const struct node *a;

	(void)state;
	assert_int_equal(load_text(text, &options, &doc, &err), LOAD_OK);
	a = tree_mapping_get(doc->root, "a");
	assert_null(doc->root->comment);
	assert_string_equal(tree_mapping_find(doc->root, "a")->key->comment, "# header");
	assert_string_equal(tree_mapping_find(a, "b")->key->comment, "# about b\n# second line");
	assert_null(tree_mapping_find(a, "c")->key->comment);
	assert_string_equal(tree_mapping_find(a, "d")->key->comment, "# about d");
	assert_string_equal(tree_mapping_get(a, "d")->as.sequence.items[0]->comment, "# about item");
	tree_doc_free(doc);
}

static void test_load_comments_with_cr_line_ends(void **state)
{
	static const char *const texts[] = {"a: 1\r# about b\rb: 2\r",
					    "a: 1\r\n# about b\r\nb: 2\r\n"};
	struct load_options options = {.keep_comments = true};

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct tree_doc *doc = NULL;
		struct load_error err;

		assert_int_equal(load_text(texts[i], &options, &doc, &err), LOAD_OK);
		assert_string_equal(tree_mapping_find(doc->root, "b")->key->comment, "# about b");
		tree_doc_free(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_marks_one_based),
		cmocka_unit_test(test_load_syntax_error_position),
		cmocka_unit_test(test_load_duplicate_recorded),
		cmocka_unit_test(test_load_duplicate_rejected),
		cmocka_unit_test(test_load_redefined_anchor_later_wins),
		cmocka_unit_test(test_load_alias_errors),
		cmocka_unit_test(test_load_limits),
		cmocka_unit_test(test_load_several_documents_rejected),
		cmocka_unit_test(test_load_empty_document),
		cmocka_unit_test(test_load_missing_file),
		cmocka_unit_test(test_load_comments_attached),
		cmocka_unit_test(test_load_comments_with_cr_line_ends),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
