/* Tests for placeholder filling (src/fill.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fill.h"
#include "load.h"
#include "tree.h"

static const char *const specs[] = {"^binder-examples/.*", "true"};

/* The variables every test fills with; banner and about are unset. */
static const struct template_var test_vars[] = {
	{.name = "hub", .value = "staging"},
	{.name = "binderhub_domain", .value = "binder.example.org"},
	{.name = "jupyterhub_domain", .value = "hub.example.org"},
	{.name = "registry_url", .value = "https://quay.io"},
	{.name = "empty", .value = ""},
	{.name = "braces", .value = "{{ hub }}"},
	{.name = "banner"},
	{.name = "about"},
	{.name = "allowed_specs", .list = specs, .list_count = 2},
	{.name = "no_specs", .list = specs, .list_count = 0},
};

static const struct template_vars vars = {test_vars, sizeof(test_vars) / sizeof(test_vars[0])};

static struct tree_doc *load_text(const char *text)
{
	struct load_options options = {.keep_comments = true, .reject_duplicates = true};
	struct tree_doc *doc = NULL;
	struct load_error err;

	assert_int_equal(load_buffer(text, strlen(text), "test.yaml", &options, &doc, &err), LOAD_OK);
	assert_non_null(doc);
	return doc;
}

static int fill(struct tree_doc *doc, char *error, size_t error_size)
{
	return fill_placeholders(doc, &doc->root, &vars, error, error_size);
}

static void fill_ok(struct tree_doc *doc)
{
	char error[256] = "";

	assert_int_equal(fill(doc, error, sizeof(error)), 0);
	assert_string_equal(error, "");
}

static const struct node *get(const struct tree_doc *doc, const char *path)
{
	return tree_get_path(doc->root, path);
}

static void test_fill_substitute_whole_value(void **state)
{
	struct tree_doc *doc = load_text("name: '{{ hub }}'\n");

	(void)state;
	fill_ok(doc);
	assert_true(tree_scalar_equals(get(doc, "name"), "staging"));
	assert_int_equal(tree_scalar_type(get(doc, "name")), SCALAR_TYPE_STRING);
	tree_doc_free(doc);
}

static void test_fill_substitute_inside_text(void **state)
{
	struct tree_doc *doc = load_text("url: https://{{ binderhub_domain }}/oauth_callback\n");

	(void)state;
	fill_ok(doc);
	assert_true(tree_scalar_equals(get(doc, "url"), "https://binder.example.org/oauth_callback"));
	tree_doc_free(doc);
}

static void test_fill_substitute_spaces_optional(void **state)
{
	struct tree_doc *doc = load_text("a: '{{hub}}'\nb: '{{    hub  }}'\nc: '{{ hub}}'\n");

	(void)state;
	fill_ok(doc);
	assert_true(tree_scalar_equals(get(doc, "a"), "staging"));
	assert_true(tree_scalar_equals(get(doc, "b"), "staging"));
	assert_true(tree_scalar_equals(get(doc, "c"), "staging"));
	tree_doc_free(doc);
}

static void test_fill_substitute_several_placeholders(void **state)
{
	struct tree_doc *doc =
		load_text("both: '{{ jupyterhub_domain }} and {{ binderhub_domain }}{{ hub }}'\n");

	(void)state;
	fill_ok(doc);
	assert_true(tree_scalar_equals(get(doc, "both"),
				       "hub.example.org and binder.example.orgstaging"));
	tree_doc_free(doc);
}

static void test_fill_substitute_keeps_string_type(void **state)
{
	/* "1" alone would read back as an integer if written plain. */
	struct tree_doc *doc = load_text("number: 1{{ empty }}\n");

	(void)state;
	assert_int_equal(tree_scalar_type(get(doc, "number")), SCALAR_TYPE_STRING);
	fill_ok(doc);
	assert_true(tree_scalar_equals(get(doc, "number"), "1"));
	assert_int_equal(tree_scalar_type(get(doc, "number")), SCALAR_TYPE_STRING);
	tree_doc_free(doc);
}

static void test_fill_substitute_empty_string_value(void **state)
{
	struct tree_doc *doc = load_text("empty: '{{ empty }}'\n");

	(void)state;
	fill_ok(doc);
	assert_non_null(get(doc, "empty"));
	assert_true(tree_scalar_equals(get(doc, "empty"), ""));
	assert_int_equal(tree_scalar_type(get(doc, "empty")), SCALAR_TYPE_STRING);
	tree_doc_free(doc);
}

static void test_fill_substitute_value_not_rescanned(void **state)
{
	struct tree_doc *doc = load_text("text: '{{ braces }}'\n");

	(void)state;
	fill_ok(doc);
	assert_true(tree_scalar_equals(get(doc, "text"), "{{ hub }}"));
	tree_doc_free(doc);
}

static void test_fill_leave_keys_untouched(void **state)
{
	struct tree_doc *doc = load_text("'{{ hub }}': value\n");

	(void)state;
	fill_ok(doc);
	assert_true(tree_scalar_equals(get(doc, "{{ hub }}"), "value"));
	tree_doc_free(doc);
}

static void test_fill_leave_plain_text_untouched(void **state)
{
	struct tree_doc *doc = load_text("a: plain }} text { here\nb: 5\n");

	(void)state;
	fill_ok(doc);
	assert_true(tree_scalar_equals(get(doc, "a"), "plain }} text { here"));
	assert_int_equal(tree_scalar_type(get(doc, "b")), SCALAR_TYPE_INT);
	tree_doc_free(doc);
}

static void test_fill_unset_drops_pair(void **state)
{
	struct tree_doc *doc = load_text("banner: '{{ banner }}'\nkeep: yes\n");

	(void)state;
	fill_ok(doc);
	assert_null(get(doc, "banner"));
	assert_non_null(get(doc, "keep"));
	assert_int_equal(doc->root->as.mapping.count, 1);
	tree_doc_free(doc);
}

static void test_fill_unset_drops_item(void **state)
{
	struct tree_doc *doc = load_text("list:\n  - first\n  - '{{ about }}'\n  - last\n");
	const struct node *list;

	(void)state;
	fill_ok(doc);
	list = get(doc, "list");
	assert_non_null(list);
	assert_int_equal(list->as.sequence.count, 2);
	assert_true(tree_scalar_equals(list->as.sequence.items[0], "first"));
	assert_true(tree_scalar_equals(list->as.sequence.items[1], "last"));
	tree_doc_free(doc);
}

static void test_fill_unset_prunes_emptied_parents(void **state)
{
	struct tree_doc *doc = load_text("outer:\n"
					 "  middle:\n"
					 "    inner:\n"
					 "      banner: '{{ banner }}'\n"
					 "    items:\n"
					 "      - '{{ about }}'\n"
					 "other: 1\n");

	(void)state;
	fill_ok(doc);
	assert_null(get(doc, "outer"));
	assert_non_null(get(doc, "other"));
	assert_int_equal(doc->root->as.mapping.count, 1);
	tree_doc_free(doc);
}

static void test_fill_unset_keeps_partly_emptied_parent(void **state)
{
	struct tree_doc *doc = load_text("config:\n  banner: '{{ banner }}'\n  base_url: /\n");

	(void)state;
	fill_ok(doc);
	assert_non_null(get(doc, "config"));
	assert_null(get(doc, "config.banner"));
	assert_true(tree_scalar_equals(get(doc, "config.base_url"), "/"));
	tree_doc_free(doc);
}

static void test_fill_unset_keeps_empty_collections(void **state)
{
	struct tree_doc *doc = load_text("initContainers: []\nextra: {}\nnothing:\n");

	(void)state;
	fill_ok(doc);
	assert_non_null(get(doc, "initContainers"));
	assert_int_equal(get(doc, "initContainers")->kind, NODE_SEQUENCE);
	assert_non_null(get(doc, "extra"));
	assert_int_equal(get(doc, "extra")->kind, NODE_MAPPING);
	assert_non_null(tree_mapping_find(doc->root, "nothing"));
	tree_doc_free(doc);
}

static void test_fill_unset_empties_root(void **state)
{
	struct tree_doc *doc = load_text("a:\n  b: '{{ banner }}'\n");

	(void)state;
	fill_ok(doc);
	assert_null(doc->root);
	tree_doc_free(doc);
}

static void test_fill_unset_root_scalar(void **state)
{
	struct tree_doc *doc = load_text("'{{ banner }}'\n");

	(void)state;
	fill_ok(doc);
	assert_null(doc->root);
	tree_doc_free(doc);
}

static void test_fill_unset_drops_alias_to_dropped(void **state)
{
	struct tree_doc *doc = load_text("a: &x '{{ banner }}'\nb: *x\nc: kept\n");

	(void)state;
	fill_ok(doc);
	assert_null(tree_mapping_find(doc->root, "a"));
	assert_null(tree_mapping_find(doc->root, "b"));
	assert_non_null(tree_mapping_find(doc->root, "c"));
	tree_doc_free(doc);
}

static void test_fill_unset_drops_alias_to_emptied_mapping(void **state)
{
	struct tree_doc *doc = load_text("a: &m\n  x: '{{ banner }}'\n"
					 "wrap:\n  b: *m\n"
					 "list:\n  - *m\n"
					 "c: kept\n");

	(void)state;
	fill_ok(doc);
	assert_null(tree_mapping_find(doc->root, "a"));
	assert_null(tree_mapping_find(doc->root, "wrap"));
	assert_null(tree_mapping_find(doc->root, "list"));
	assert_non_null(tree_mapping_find(doc->root, "c"));
	assert_int_equal(doc->root->as.mapping.count, 1);
	tree_doc_free(doc);
}

static void test_fill_unset_drops_alias_before_anchor(void **state)
{
	/* Merged layers can put an alias before its anchored node, which a
	 * parsed file cannot, so this tree is built by hand. */
	struct tree_doc *doc = tree_doc_new("built.yaml");
	struct node *root = tree_new_mapping(doc);
	struct node *anchored = tree_new_string(doc, "{{ banner }}");

	(void)state;
	anchored->anchor = arena_strdup(&doc->arena, "x");
	tree_mapping_set(doc, root, "alias", tree_new_alias(doc, "x", anchored));
	tree_mapping_set(doc, root, "anchored", anchored);
	tree_mapping_set(doc, root, "c", tree_new_string(doc, "kept"));
	doc->root = root;

	fill_ok(doc);
	assert_null(tree_mapping_find(doc->root, "alias"));
	assert_null(tree_mapping_find(doc->root, "anchored"));
	assert_non_null(tree_mapping_find(doc->root, "c"));
	tree_doc_free(doc);
}

static void test_fill_unset_inside_text_fails(void **state)
{
	struct tree_doc *doc = load_text("a: 1\nb: 'Note: {{ banner }}'\n");
	char error[256] = "";

	(void)state;
	assert_int_equal(fill(doc, error, sizeof(error)), -1);
	assert_non_null(strstr(error, "test.yaml:2:4: "));
	assert_non_null(strstr(error, "'banner'"));
	assert_non_null(strstr(error, "longer text"));
	tree_doc_free(doc);
}

static void test_fill_unknown_name_fails(void **state)
{
	struct tree_doc *doc = load_text("a: 1\nlist:\n  - ok\n  - '{{ bindrhub_domain }}'\n");
	char error[256] = "";

	(void)state;
	assert_int_equal(fill(doc, error, sizeof(error)), -1);
	assert_string_equal(error, "test.yaml:4:5: unknown placeholder 'bindrhub_domain'; "
				   "correct the name in the template");
	tree_doc_free(doc);
}

static void test_fill_unknown_name_inside_text_fails(void **state)
{
	struct tree_doc *doc = load_text("url: 'https://{{ hub }}.{{ domian }}'\n");
	char error[256] = "";

	(void)state;
	assert_int_equal(fill(doc, error, sizeof(error)), -1);
	assert_non_null(strstr(error, "test.yaml:1:6: "));
	assert_non_null(strstr(error, "'domian'"));
	tree_doc_free(doc);
}

static void test_fill_unclosed_fails(void **state)
{
	struct tree_doc *doc = load_text("a: '{{ hub }'\n");
	char error[256] = "";

	(void)state;
	assert_int_equal(fill(doc, error, sizeof(error)), -1);
	assert_non_null(strstr(error, "test.yaml:1:4: "));
	assert_non_null(strstr(error, "unclosed placeholder"));
	tree_doc_free(doc);
}

static void test_fill_unclosed_after_valid_fails(void **state)
{
	struct tree_doc *doc = load_text("a: '{{ hub }} and {{ hub'\n");
	char error[256] = "";

	(void)state;
	assert_int_equal(fill(doc, error, sizeof(error)), -1);
	assert_non_null(strstr(error, "unclosed placeholder"));
	tree_doc_free(doc);
}

static void test_fill_invalid_name_fails(void **state)
{
	static const char *const texts[] = {
		"a: '{{ Hub }}'\n",
		"a: '{{ }}'\n",
		"a: '{{ 1hub }}'\n",
		"a: '{{ hub-name }}'\n",
		"a: 'x {{ hub name }}'\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct tree_doc *doc = load_text(texts[i]);
		char error[256] = "";

		assert_int_equal(fill(doc, error, sizeof(error)), -1);
		assert_non_null(strstr(error, "test.yaml:1:4: invalid placeholder name"));
		tree_doc_free(doc);
	}
}

static void test_fill_list_expands_to_sequence(void **state)
{
	struct tree_doc *doc = load_text("allowed_specs: '{{ allowed_specs }}'\n");
	const struct node *list;

	(void)state;
	fill_ok(doc);
	list = get(doc, "allowed_specs");
	assert_non_null(list);
	assert_int_equal(list->kind, NODE_SEQUENCE);
	assert_int_equal(list->as.sequence.count, 2);
	assert_true(tree_scalar_equals(list->as.sequence.items[0], "^binder-examples/.*"));
	assert_true(tree_scalar_equals(list->as.sequence.items[1], "true"));
	assert_int_equal(tree_scalar_type(list->as.sequence.items[1]), SCALAR_TYPE_STRING);
	assert_int_equal(list->mark.line, 1);
	assert_int_equal(list->as.sequence.items[0]->mark.line, 1);
	assert_int_equal(list->as.sequence.items[0]->mark.column, list->mark.column);
	tree_doc_free(doc);
}

static void test_fill_list_keeps_anchor_and_comment(void **state)
{
	struct tree_doc *doc = load_text("items:\n  # why\n  - &specs '{{ allowed_specs }}'\n"
					 "copy: *specs\n");
	const struct node *items;
	const struct node *copy;

	(void)state;
	fill_ok(doc);
	items = get(doc, "items");
	assert_int_equal(items->as.sequence.count, 1);
	assert_int_equal(items->as.sequence.items[0]->kind, NODE_SEQUENCE);
	assert_string_equal(items->as.sequence.items[0]->anchor, "specs");
	assert_string_equal(items->as.sequence.items[0]->comment, "# why");
	copy = get(doc, "copy");
	assert_non_null(copy);
	assert_int_equal(copy->kind, NODE_SEQUENCE);
	assert_int_equal(copy->as.sequence.count, 2);
	tree_doc_free(doc);
}

static void test_fill_list_empty_counts_as_unset(void **state)
{
	struct tree_doc *doc = load_text("specs: '{{ no_specs }}'\nkeep: 1\n");

	(void)state;
	fill_ok(doc);
	assert_null(tree_mapping_find(doc->root, "specs"));
	assert_non_null(tree_mapping_find(doc->root, "keep"));
	tree_doc_free(doc);
}

static void test_fill_list_inside_text_fails(void **state)
{
	struct tree_doc *doc = load_text("specs: 'only {{ allowed_specs }}'\n");
	char error[256] = "";

	(void)state;
	assert_int_equal(fill(doc, error, sizeof(error)), -1);
	assert_non_null(strstr(error, "test.yaml:1:8: "));
	assert_non_null(strstr(error, "list placeholder 'allowed_specs'"));
	tree_doc_free(doc);
}

static void test_fill_empty_list_inside_text_fails(void **state)
{
	struct tree_doc *doc = load_text("specs: 'only {{ no_specs }}'\n");
	char error[256] = "";

	(void)state;
	assert_int_equal(fill(doc, error, sizeof(error)), -1);
	assert_non_null(strstr(error, "'no_specs'"));
	tree_doc_free(doc);
}

static void test_fill_anchor_kept_for_alias(void **state)
{
	struct tree_doc *doc = load_text("url: &url '{{ registry_url }}'\nserver: *url\n");
	struct pair *server;

	(void)state;
	fill_ok(doc);
	assert_string_equal(get(doc, "url")->anchor, "url");
	assert_true(tree_scalar_equals(get(doc, "url"), "https://quay.io"));
	server = tree_mapping_find(doc->root, "server");
	assert_non_null(server);
	assert_int_equal(server->value->kind, NODE_ALIAS);
	assert_ptr_equal(tree_resolve(server->value), get(doc, "url"));
	assert_true(tree_scalar_equals(server->value, "https://quay.io"));
	tree_doc_free(doc);
}

static void test_fill_comment_kept(void **state)
{
	struct tree_doc *doc = load_text("list:\n  # why this item\n  - '{{ hub }}'\n");
	const struct node *item;

	(void)state;
	fill_ok(doc);
	item = get(doc, "list")->as.sequence.items[0];
	assert_true(tree_scalar_equals(item, "staging"));
	assert_non_null(item->comment);
	assert_string_equal(item->comment, "# why this item");
	tree_doc_free(doc);
}

static void test_fill_empty_document(void **state)
{
	struct tree_doc *doc = load_text("");
	char error[64] = "";

	(void)state;
	assert_null(doc->root);
	assert_int_equal(fill(doc, error, sizeof(error)), 0);
	assert_null(doc->root);
	tree_doc_free(doc);
}

static void test_fill_error_truncated_safely(void **state)
{
	struct tree_doc *doc = load_text("a: '{{ nope }}'\n");
	char error[8];

	(void)state;
	memset(error, 'x', sizeof(error));
	assert_int_equal(fill(doc, error, sizeof(error)), -1);
	assert_non_null(memchr(error, '\0', sizeof(error)));
	assert_int_equal(fill(doc, NULL, 0), -1);
	tree_doc_free(doc);
}

static void test_fill_error_built_node_names_document(void **state)
{
	struct tree_doc *doc = tree_doc_new("built.yaml");
	char error[256] = "";

	(void)state;
	doc->root = tree_new_mapping(doc);
	tree_mapping_set(doc, doc->root, "a", tree_new_string(doc, "{{ nope }}"));
	assert_int_equal(fill(doc, error, sizeof(error)), -1);
	assert_string_equal(error, "built.yaml: unknown placeholder 'nope'; "
				   "correct the name in the template");
	tree_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fill_substitute_whole_value),
		cmocka_unit_test(test_fill_substitute_inside_text),
		cmocka_unit_test(test_fill_substitute_spaces_optional),
		cmocka_unit_test(test_fill_substitute_several_placeholders),
		cmocka_unit_test(test_fill_substitute_keeps_string_type),
		cmocka_unit_test(test_fill_substitute_empty_string_value),
		cmocka_unit_test(test_fill_substitute_value_not_rescanned),
		cmocka_unit_test(test_fill_leave_keys_untouched),
		cmocka_unit_test(test_fill_leave_plain_text_untouched),
		cmocka_unit_test(test_fill_unset_drops_pair),
		cmocka_unit_test(test_fill_unset_drops_item),
		cmocka_unit_test(test_fill_unset_prunes_emptied_parents),
		cmocka_unit_test(test_fill_unset_keeps_partly_emptied_parent),
		cmocka_unit_test(test_fill_unset_keeps_empty_collections),
		cmocka_unit_test(test_fill_unset_empties_root),
		cmocka_unit_test(test_fill_unset_root_scalar),
		cmocka_unit_test(test_fill_unset_drops_alias_to_dropped),
		cmocka_unit_test(test_fill_unset_drops_alias_to_emptied_mapping),
		cmocka_unit_test(test_fill_unset_drops_alias_before_anchor),
		cmocka_unit_test(test_fill_unset_inside_text_fails),
		cmocka_unit_test(test_fill_unknown_name_fails),
		cmocka_unit_test(test_fill_unknown_name_inside_text_fails),
		cmocka_unit_test(test_fill_unclosed_fails),
		cmocka_unit_test(test_fill_unclosed_after_valid_fails),
		cmocka_unit_test(test_fill_invalid_name_fails),
		cmocka_unit_test(test_fill_list_expands_to_sequence),
		cmocka_unit_test(test_fill_list_keeps_anchor_and_comment),
		cmocka_unit_test(test_fill_list_empty_counts_as_unset),
		cmocka_unit_test(test_fill_list_inside_text_fails),
		cmocka_unit_test(test_fill_empty_list_inside_text_fails),
		cmocka_unit_test(test_fill_anchor_kept_for_alias),
		cmocka_unit_test(test_fill_comment_kept),
		cmocka_unit_test(test_fill_empty_document),
		cmocka_unit_test(test_fill_error_truncated_safely),
		cmocka_unit_test(test_fill_error_built_node_names_document),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
