/*
 * Properties of the generator over its whole flag matrix: every combination
 * of auth mode, provider, registry, CORS, allowed specs, launch logs,
 * homepage, --set, API URL form and comments builds, emits, and reads back
 * as the same tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emit.h"
#include "generate.h"
#include "load.h"
#include "matrix.h"
#include "options.h"
#include "selfcheck.h"

static void test_generate_fragments_order(void **state)
{
	char org_name[] = "x";
	struct gen_options options = {0};
	struct fragment_list list;

	(void)state;
	options.auth = AUTH_CILOGON;
	options.provider = PROVIDER_GCP;
	options.registry = REGISTRY_GAR;
	options.launch_logs = false;
	options.org_name = org_name;
	generate_values_fragments(&options, &list);
	assert_int_equal(list.count, 7);
	assert_string_equal(list.names[0], "values/base.yaml");
	assert_string_equal(list.names[1], "values/authenticated.yaml");
	assert_string_equal(list.names[2], "values/auth-cilogon.yaml");
	assert_string_equal(list.names[3], "values/homepage.yaml");
	assert_string_equal(list.names[4], "values/provider-gcp.yaml");
	assert_string_equal(list.names[5], "values/registry-gar.yaml");
	assert_string_equal(list.names[6], "values/launch-logs-off.yaml");

	generate_secrets_fragments(&options, &list);
	assert_int_equal(list.count, 1);
	assert_string_equal(list.names[0], "secrets/registry-gar.yaml");
	options.registry = REGISTRY_QUAY;
	options.launch_logs = true;
	generate_secrets_fragments(&options, &list);
	assert_int_equal(list.count, 2);
	assert_string_equal(list.names[0], "secrets/registry-quay.yaml");
	assert_string_equal(list.names[1], "secrets/launch-logs.yaml");
}

static void test_generate_homepage_disabled_without_fields(void **state)
{
	struct gen_options options = {0};
	struct fragment_list list;

	(void)state;
	options.auth = AUTH_GITHUB;
	options.provider = PROVIDER_AWS;
	options.registry = REGISTRY_QUAY;
	options.launch_logs = true;
	generate_values_fragments(&options, &list);
	assert_string_equal(list.names[3], "values/homepage-disabled.yaml");
}

/* Emit doc, read the text back, and require the same tree. */
static void assert_round_trip(const struct tree_doc *doc, bool comments, const char *label)
{
	struct emit_options emit_options = {.comments = comments};
	struct tree_doc *again = NULL;
	struct load_error err;
	char error[256];
	char *text = NULL;
	size_t length = 0;

	if (emit_document(doc->root, &emit_options, &text, &length, error, sizeof(error)))
		fail_msg("%s: emit failed: %s", label, error);
	if (load_buffer(text, length, "emitted", NULL, &again, &err) != LOAD_OK)
		fail_msg("%s: emitted text does not load: %s at line %zu", label, err.message,
			 err.mark.line);
	if (!tree_equal(doc->root, again->root))
		fail_msg("%s: emitted text reads back as a different tree", label);
	assert_int_equal(again->duplicate_count, 0);
	assert_int_equal(text[length - 1], '\n');
	tree_doc_free(again);
	free(text);
}

static int visit_round_trip(const struct matrix_case *matrix_case, const struct tree_doc *doc,
			    void *data)
{
	size_t *count = data;

	assert_round_trip(doc, matrix_case->comments, matrix_case->label);
	(*count)++;
	return 0;
}

static void test_generate_matrix_round_trips(void **state)
{
	size_t count = 0;

	(void)state;
	matrix_for_each(visit_round_trip, &count);
	/* The matrix must not shrink unnoticed. */
	assert_true(count >= 1000);
}

/*
 * The property: every generated file passes every rule, except the warning
 * that a hub without login and without allowed specs is open to any
 * repository, which the generator gives on purpose.
 */
static int visit_check(const struct matrix_case *matrix_case, const struct tree_doc *doc,
		       void *data)
{
	struct emit_options emit_options = {.comments = matrix_case->comments};
	const struct gen_options *options = matrix_case->options;
	bool expect_open = options->auth == AUTH_NONE && options->allowed_specs.count == 0;
	struct findings findings = {0};
	size_t *count = data;
	char error[512];
	char *text = NULL;
	size_t length = 0;

	assert_int_equal(emit_document(doc->root, &emit_options, &text, &length, error,
				       sizeof(error)),
			 0);
	int status = selfcheck_values(options, text, length, "values.yaml", &findings, error,
				      sizeof(error));

	if (status == 2)
		fail_msg("%s: check failed: %s", matrix_case->label, error);
	for (size_t i = 0; i < findings.count; i++) {
		const struct finding *finding = &findings.items[i];

		if (expect_open && finding->rule == RULE_BH139)
			continue;
		fail_msg("%s: %s:%zu: %s [%s]", matrix_case->label, finding->mark.file,
			 finding->mark.line, finding->message, rule_catalogue[finding->rule].code);
	}
	assert_int_equal(status, 0);
	if (expect_open) {
		assert_int_equal(findings.count, 1);
		assert_int_equal(findings.items[0].severity, SEVERITY_WARNING);
	}
	findings_release(&findings);
	free(text);
	(*count)++;
	return 0;
}

static void test_generate_matrix_passes_checker(void **state)
{
	size_t count = 0;

	(void)state;
	matrix_for_each(visit_check, &count);
	assert_true(count >= 1000);
}

static void test_selfcheck_secrets_finds_misplaced_class(void **state)
{
	/* The runbook's anchor tip puts DockerRegistry outside config:, where
	 * BinderHub never reads it. */
	static const char misplaced[] = "binderhub-service:\n"
					"  DockerRegistry:\n"
					"    password: x\n";
	static const char placed[] = "binderhub-service:\n"
				     "  config:\n"
				     "    DockerRegistry:\n"
				     "      password: x\n";
	struct findings findings = {0};
	char error[256];

	(void)state;
	assert_int_equal(selfcheck_secrets(misplaced, strlen(misplaced), "enc.secret.yaml", &findings,
					   error, sizeof(error)),
			 1);
	assert_int_equal(findings.count, 1);
	assert_int_equal(findings.items[0].rule, RULE_BH006);
	assert_int_equal(findings.items[0].mark.line, 2);
	findings_release(&findings);

	assert_int_equal(selfcheck_secrets(placed, strlen(placed), "enc.secret.yaml", &findings,
					   error, sizeof(error)),
			 0);
	assert_int_equal(findings.count, 0);
	findings_release(&findings);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generate_fragments_order),
		cmocka_unit_test(test_generate_homepage_disabled_without_fields),
		cmocka_unit_test(test_generate_matrix_round_trips),
		cmocka_unit_test(test_generate_matrix_passes_checker),
		cmocka_unit_test(test_selfcheck_secrets_finds_misplaced_class),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
