/* Unit tests of the document tree: resolution, lookup, copy, equality. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "load.h"
#include "tree.h"

static struct tree_doc *parse(const char *text)
{
	struct load_error err;
	struct tree_doc *doc = NULL;

	assert_int_equal(load_buffer(text, strlen(text), "test.yaml", NULL, &doc, &err), LOAD_OK);
	return doc;
}

static void test_tree_scalar_type_yaml11(void **state)
{
	static const struct {
		const char *text;
		enum scalar_type type;
	} cases[] = {
		{"a: ~", SCALAR_TYPE_NULL},     {"a:", SCALAR_TYPE_NULL},
		{"a: null", SCALAR_TYPE_NULL},  {"a: 'null'", SCALAR_TYPE_STRING},
		{"a: yes", SCALAR_TYPE_BOOL},   {"a: Off", SCALAR_TYPE_BOOL},
		{"a: true", SCALAR_TYPE_BOOL},  {"a: \"true\"", SCALAR_TYPE_STRING},
		{"a: 42", SCALAR_TYPE_INT},     {"a: 0x1f", SCALAR_TYPE_INT},
		{"a: 1_000", SCALAR_TYPE_INT},  {"a: 3.5", SCALAR_TYPE_FLOAT},
		{"a: .inf", SCALAR_TYPE_FLOAT}, {"a: 15Gi", SCALAR_TYPE_STRING},
		{"a: |\n  x\n", SCALAR_TYPE_STRING}, {"a: !!str 12", SCALAR_TYPE_STRING},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tree_doc *doc = parse(cases[i].text);

		assert_int_equal(tree_scalar_type(tree_mapping_get(doc->root, "a")), cases[i].type);
		tree_doc_free(doc);
	}
}

static void test_tree_plain_text_is_ambiguous(void **state)
{
	(void)state;
	assert_true(tree_plain_text_is_ambiguous("null"));
	assert_true(tree_plain_text_is_ambiguous(""));
	assert_true(tree_plain_text_is_ambiguous("on"));
	assert_true(tree_plain_text_is_ambiguous("1e3"));
	assert_true(tree_plain_text_is_ambiguous("0o17"));
	assert_true(tree_plain_text_is_ambiguous("010"));
	assert_false(tree_plain_text_is_ambiguous("service-binder"));
	assert_false(tree_plain_text_is_ambiguous("15Gi"));
	assert_false(tree_plain_text_is_ambiguous("n2-highmem-4"));
}

static void test_tree_get_path_escaped_dot(void **state)
{
	struct tree_doc *doc = parse("a:\n  node.kubernetes.io/instance-type: r5.xlarge\n  b:\n    c: 1\n");

	(void)state;
	assert_true(tree_scalar_equals(tree_get_path(doc->root, "a.node\\.kubernetes\\.io/instance-type"),
				       "r5.xlarge"));
	assert_true(tree_scalar_equals(tree_get_path(doc->root, "a.b.c"), "1"));
	assert_null(tree_get_path(doc->root, "a.b.d"));
	assert_null(tree_get_path(doc->root, "a.b.c.d"));
	tree_doc_free(doc);
}

static void test_tree_resolve_alias(void **state)
{
	struct tree_doc *doc = parse("a: &x {k: v}\nb: *x\n");
	const struct node *b = tree_mapping_find(doc->root, "b")->value;

	(void)state;
	assert_int_equal(b->kind, NODE_ALIAS);
	assert_true(tree_scalar_equals(tree_get_path(doc->root, "b.k"), "v"));
	tree_doc_free(doc);
}

static void test_tree_copy_remaps_aliases(void **state)
{
	struct tree_doc *doc = parse("a:\n  u: &u x\n  v: *u\n");
	struct tree_doc *other = tree_doc_new("other");
	struct node *copy = tree_copy(other, doc->root);
	const struct node *alias = tree_mapping_find(tree_mapping_get(copy, "a"), "v")->value;

	(void)state;
	assert_int_equal(alias->kind, NODE_ALIAS);
	assert_ptr_equal(alias->as.alias.target, tree_mapping_get(tree_mapping_get(copy, "a"), "u"));
	assert_true(tree_equal(copy, doc->root));
	tree_doc_free(doc);
	tree_doc_free(other);
}

static void test_tree_equal_detects_difference(void **state)
{
	struct tree_doc *a = parse("k: [1, 2]\nm: x\n");
	struct tree_doc *b = parse("k: [1, 2]\nm: 'x'\n");
	struct tree_doc *c = parse("k: [1, '2']\nm: x\n");
	struct tree_doc *d = parse("m: x\nk: [1, 2]\n");

	(void)state;
	assert_true(tree_equal(a->root, b->root));
	assert_false(tree_equal(a->root, c->root));
	assert_false(tree_equal(a->root, d->root));
	tree_doc_free(a);
	tree_doc_free(b);
	tree_doc_free(c);
	tree_doc_free(d);
}

static void test_tree_mapping_set_and_remove(void **state)
{
	struct tree_doc *doc = parse("a: 1\nb: 2\nc: 3\n");

	(void)state;
	tree_mapping_set(doc, doc->root, "b", tree_new_string(doc, "two"));
	assert_true(tree_scalar_equals(tree_mapping_get(doc->root, "b"), "two"));
	tree_mapping_set(doc, doc->root, "d", tree_new_string(doc, "four"));
	assert_int_equal(doc->root->as.mapping.count, 4);
	tree_mapping_remove_at(doc->root, 0);
	assert_true(tree_scalar_equals(doc->root->as.mapping.pairs[0].key, "b"));
	assert_int_equal(doc->root->as.mapping.count, 3);
	tree_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_scalar_type_yaml11),
		cmocka_unit_test(test_tree_plain_text_is_ambiguous),
		cmocka_unit_test(test_tree_get_path_escaped_dot),
		cmocka_unit_test(test_tree_resolve_alias),
		cmocka_unit_test(test_tree_copy_remaps_aliases),
		cmocka_unit_test(test_tree_equal_detects_difference),
		cmocka_unit_test(test_tree_mapping_set_and_remove),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
