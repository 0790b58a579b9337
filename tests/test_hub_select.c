/*
 * Unit tests of the choice of binderhub-ui hubs that --all-hubs and --repo
 * make (src/check/hub_select.c): a hub counts when binderhubUI or
 * binderhub-service is on (or sops ciphertext), or when one of its own
 * files names jupyterhub.custom.binderhubUI, but not when only the
 * deployer's layer does.  Also the line printed for a skipped hub.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/check/hub_run.h"
#include "effective.h"
#include "load.h"
#include "tree.h"

static struct tree_doc *parse(const char *name, const char *yaml)
{
	struct tree_doc *doc = NULL;
	struct load_error err;

	if (load_buffer(yaml, strlen(yaml), name, NULL, &doc, &err) != LOAD_OK)
		fail_msg("fixture %s does not parse: %s", name, err.message);
	return doc;
}

/*
 * Build the effective values of a hub from an optional deployer layer and
 * one values file, without chart defaults, and return whether the hub is
 * selected.
 */
static bool selects(bool daskhub, const char *deployer_yaml, const char *values_yaml)
{
	struct effective effective;
	struct load_error err;
	bool selected;

	effective_init(&effective, daskhub);
	if (deployer_yaml &&
	    effective_add_emulated_layer(&effective, parse("deployer", deployer_yaml), &err) !=
		    LOAD_OK)
		fail_msg("deployer layer rejected: %s", err.message);
	if (effective_add_layer(&effective, parse("hub.values.yaml", values_yaml), &err) !=
	    LOAD_OK)
		fail_msg("values layer rejected: %s", err.message);
	if (effective_build(&effective, &err) != LOAD_OK)
		fail_msg("effective values not built: %s", err.message);
	selected = hub_select_is_binderhub_ui(&effective);
	effective_release(&effective);
	return selected;
}

static void test_hub_select_ui_enabled(void **state)
{
	(void)state;
	assert_true(selects(false, NULL,
			    "jupyterhub:\n  custom:\n    binderhubUI:\n      enabled: true\n"));
}

static void test_hub_select_service_enabled(void **state)
{
	(void)state;
	assert_true(selects(false, NULL, "binderhub-service:\n  enabled: true\n"));
}

static void test_hub_select_encrypted_service_flag(void **state)
{
	(void)state;
	/* sops ciphertext hides the boolean, so it counts as on. */
	assert_true(selects(false, NULL,
			    "binderhub-service:\n  enabled: ENC[AES256_GCM,data:dHJ1ZQ==,type:bool]\n"));
}

static void test_hub_select_ui_off_still_mentioned(void **state)
{
	(void)state;
	/* BH001 reports such a hub, so it must not be skipped. */
	assert_true(selects(false, NULL,
			    "jupyterhub:\n  custom:\n    binderhubUI:\n      enabled: false\n"));
}

static void test_hub_select_misspelt_flag_mentioned(void **state)
{
	(void)state;
	assert_true(selects(false, NULL,
			    "jupyterhub:\n  custom:\n    binderhubUI:\n      enable: true\n"));
}

static void test_hub_select_service_off(void **state)
{
	(void)state;
	assert_false(selects(false, NULL, "binderhub-service:\n  enabled: false\n"));
}

static void test_hub_select_plain_hub(void **state)
{
	(void)state;
	assert_false(selects(false, NULL,
			     "jupyterhub:\n  custom:\n    homepage:\n      templateVars: {}\n"));
}

static void test_hub_select_deployer_mention_ignored(void **state)
{
	(void)state;
	/* The mention must come from the hub's own files, not the deployer's layer. */
	assert_false(selects(false, "jupyterhub:\n  custom:\n    binderhubUI: {}\n",
			     "jupyterhub:\n  custom:\n    homepage: {}\n"));
}

static void test_hub_select_deployer_enables(void **state)
{
	(void)state;
	/* A flag that is on counts whichever layer sets it, because helm merges all layers. */
	assert_true(selects(false, "binderhub-service:\n  enabled: true\n",
			    "jupyterhub:\n  custom:\n    homepage: {}\n"));
}

static void test_hub_select_daskhub_under_basehub(void **state)
{
	(void)state;
	assert_true(selects(true, NULL, "basehub:\n  binderhub-service:\n    enabled: true\n"));
}

static void test_hub_select_daskhub_mention_under_basehub(void **state)
{
	(void)state;
	assert_true(selects(true, NULL,
			    "basehub:\n  jupyterhub:\n    custom:\n      binderhubUI: {}\n"));
}

static void test_hub_select_daskhub_top_level_ignored(void **state)
{
	(void)state;
	/* A daskhub file's values for basehub sit under basehub:, so a top-level key is not them. */
	assert_false(selects(true, NULL, "binderhub-service:\n  enabled: true\n"));
}

/* Print the skipped-hub line into a buffer and return it, malloc'ed. */
static char *skipped_line(const char *cluster_name, const char *hub_name)
{
	char *text = NULL;
	size_t length = 0;
	FILE *out = open_memstream(&text, &length);

	assert_non_null(out);
	hub_select_print_skipped(out, cluster_name, hub_name);
	assert_int_equal(fclose(out), 0);
	return text;
}

static void test_hub_select_print_skipped_with_cluster(void **state)
{
	char *line = skipped_line("orchard", "plain");

	(void)state;
	assert_string_equal(line, "orchard: skipped hub plain: not a binderhub-ui hub "
				  "(binderhub-service and binderhubUI are off)\n");
	free(line);
}

static void test_hub_select_print_skipped_without_cluster(void **state)
{
	char *line = skipped_line(NULL, "plain");

	(void)state;
	assert_string_equal(line, "skipped hub plain: not a binderhub-ui hub "
				  "(binderhub-service and binderhubUI are off)\n");
	free(line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hub_select_ui_enabled),
		cmocka_unit_test(test_hub_select_service_enabled),
		cmocka_unit_test(test_hub_select_encrypted_service_flag),
		cmocka_unit_test(test_hub_select_ui_off_still_mentioned),
		cmocka_unit_test(test_hub_select_misspelt_flag_mentioned),
		cmocka_unit_test(test_hub_select_service_off),
		cmocka_unit_test(test_hub_select_plain_hub),
		cmocka_unit_test(test_hub_select_deployer_mention_ignored),
		cmocka_unit_test(test_hub_select_deployer_enables),
		cmocka_unit_test(test_hub_select_daskhub_under_basehub),
		cmocka_unit_test(test_hub_select_daskhub_mention_under_basehub),
		cmocka_unit_test(test_hub_select_daskhub_top_level_ignored),
		cmocka_unit_test(test_hub_select_print_skipped_with_cluster),
		cmocka_unit_test(test_hub_select_print_skipped_without_cluster),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
