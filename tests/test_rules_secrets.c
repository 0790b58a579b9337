/*
 * Tests of the secret rules BH170-BH172 (src/rules/secrets.c).  Each test
 * layers a few small files as helm would (a plain values file, a sops
 * secret file written by hand), so that the rules see both the effective
 * values and every layer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "load.h"
#include "merge.h"
#include "rule_fixture.h"

#define ENC "ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]"
#define SOPS_METADATA                                                                      \
	"sops:\n"                                                                          \
	"  age: []\n"                                                                      \
	"  lastmodified: '2024-07-12T13:06:18Z'\n"                                         \
	"  mac: " ENC "\n"                                                                 \
	"  unencrypted_suffix: _unencrypted\n"                                             \
	"  version: 3.8.1\n"

/* A plaintext password that no message may contain. */
#define SECRET_TEXT "hunter2-do-not-print"

#define MAX_LAYERS 4

/* Layers, their effective values and a context over both. */
struct layered_fixture {
	struct tree_doc *docs[MAX_LAYERS];
	struct layer layers[MAX_LAYERS];
	struct tree_doc *effective;
	struct rule_context ctx;
	struct findings findings;
};

/* One file of a fixture: its name (which decides whether it is a secret file) and text. */
struct layer_text {
	const char *name;
	const char *text;
};

/*
 * Load each file and merge them in order as helm does, without chart
 * defaults.  The top-level sops key is left out of the effective values
 * because the engine drops it.
 */
static void layered_init(struct layered_fixture *fixture, const struct layer_text *files,
			 size_t count)
{
	struct load_options options = {.keep_comments = true};
	struct load_error err;

	assert_true(count <= MAX_LAYERS);
	memset(fixture, 0, sizeof(*fixture));
	fixture->effective = tree_doc_new("effective");
	for (size_t i = 0; i < count; i++) {
		struct layer *layer = &fixture->layers[i];

		if (load_buffer(files[i].text, strlen(files[i].text), files[i].name, &options,
				&fixture->docs[i], &err) != LOAD_OK)
			fail_msg("fixture %s does not load: %s (line %zu)", files[i].name,
				 err.message, err.mark.line);
		layer->name = files[i].name;
		layer->doc = fixture->docs[i];
		layer->values = fixture->docs[i]->root;
		layer->sops = tree_mapping_get(fixture->docs[i]->root, "sops");
		layer->secret = strstr(files[i].name, "secret") != NULL;
		merge_layer(fixture->effective, &fixture->effective->root, fixture->docs[i]->root);
	}
	if (fixture->effective->root && fixture->effective->root->kind == NODE_MAPPING)
		for (size_t i = 0; i < fixture->effective->root->as.mapping.count; i++)
			if (tree_scalar_equals(fixture->effective->root->as.mapping.pairs[i].key,
					       "sops"))
				tree_mapping_remove_at(fixture->effective->root, i);
	fixture->ctx.values = fixture->effective->root;
	fixture->ctx.layers = fixture->layers;
	fixture->ctx.layer_count = count;
	fixture->ctx.findings = &fixture->findings;
}

static void layered_release(struct layered_fixture *fixture)
{
	findings_release(&fixture->findings);
	tree_doc_free(fixture->effective);
	for (size_t i = 0; i < MAX_LAYERS; i++)
		if (fixture->docs[i])
			tree_doc_free(fixture->docs[i]);
}

static size_t layered_run(struct layered_fixture *fixture, rule_fixture_check check)
{
	size_t before = fixture->findings.count;

	check(&fixture->ctx);
	return fixture->findings.count - before;
}

static const struct finding *layered_last(const struct layered_fixture *fixture)
{
	return fixture->findings.count ? &fixture->findings.items[fixture->findings.count - 1]
				       : NULL;
}

static void assert_no_finding_prints_secret(const struct layered_fixture *fixture)
{
	for (size_t i = 0; i < fixture->findings.count; i++)
		assert_null(strstr(fixture->findings.items[i].message, SECRET_TEXT));
}

/* Run check over files and return the number of findings. */
static size_t run_files(struct layered_fixture *fixture, const struct layer_text *files,
			size_t count, rule_fixture_check check)
{
	layered_init(fixture, files, count);
	return layered_run(fixture, check);
}

static const char plain_hub[] = "binderhub-service:\n"
				"  config:\n"
				"    DockerRegistry:\n"
				"      url: https://quay.io\n"
				"      username: org+robot\n";

static const char secret_hub[] = "binderhub-service:\n"
				 "  config:\n"
				 "    DockerRegistry:\n"
				 "      password: " ENC "\n"
				 "jupyterhub:\n"
				 "  hub:\n"
				 "    config:\n"
				 "      GitHubOAuthenticator:\n"
				 "        client_secret: " ENC "\n" SOPS_METADATA;

/* ---- BH170 ----------------------------------------------------------------- */

static void test_rules_secrets_bh170_passes_encrypted_secret_file(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"hub.values.yaml", plain_hub},
		{"enc-hub.secret.values.yaml", secret_hub},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 2, check_BH170), 0);
	layered_release(&fixture);
}

static void test_rules_secrets_bh170_reports_plain_file_value(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"hub.values.yaml", "binderhub-service:\n"
				    "  config:\n"
				    "    DockerRegistry:\n"
				    "      password: " SECRET_TEXT "\n"},
		{"enc-hub.secret.values.yaml", "jupyterhub:\n"
					       "  hub: {}\n" SOPS_METADATA},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 2, check_BH170), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH170, SEVERITY_ERROR,
			       "hub.values.yaml", 4, 17);
	assert_string_equal(layered_last(&fixture)->path,
			    "binderhub-service.config.DockerRegistry.password");
	rule_expect_message_contains(layered_last(&fixture),
				     "plaintext value from 'hub.values.yaml'");
	assert_no_finding_prints_secret(&fixture);
	layered_release(&fixture);
}

static void test_rules_secrets_bh170_reports_ciphertext_in_plain_file(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"hub.values.yaml", "binderhub-service:\n"
				    "  extraCredentials:\n"
				    "    googleServiceAccountKey: " ENC "\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH170), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH170, SEVERITY_ERROR,
			       "hub.values.yaml", 3, 30);
	rule_expect_message_contains(layered_last(&fixture), "undecrypted");
	layered_release(&fixture);
}

static void test_rules_secrets_bh170_reports_placeholder_overriding(void **state)
{
	struct layered_fixture fixture;
	/* The plain file comes last, so its placeholder replaces the secret. */
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", secret_hub},
		{"hub.values.yaml", "binderhub-service:\n"
				    "  config:\n"
				    "    DockerRegistry:\n"
				    "      password: <set-in-encrypted-values>\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 2, check_BH170), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH170, SEVERITY_ERROR,
			       "hub.values.yaml", 4, 17);
	rule_expect_message_contains(layered_last(&fixture), "placeholder");
	layered_release(&fixture);
}

static void test_rules_secrets_bh170_reports_plaintext_in_secret_file(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"hub.values.yaml", plain_hub},
		{"enc-hub.secret.values.yaml", "binderhub-service:\n"
					       "  config:\n"
					       "    DockerRegistry:\n"
					       "      password: " SECRET_TEXT "\n" SOPS_METADATA},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 2, check_BH170), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH170, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 4, 17);
	rule_expect_message_contains(layered_last(&fixture), "not encrypted in the secret file");
	rule_expect_message_contains(layered_last(&fixture), "sops edit");
	assert_no_finding_prints_secret(&fixture);
	layered_release(&fixture);
}

static void test_rules_secrets_bh170_reports_unencrypted_secret_file(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "binderhub-service:\n"
					       "  config:\n"
					       "    DockerRegistry:\n"
					       "      password: " SECRET_TEXT "\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH170), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH170, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 4, 17);
	rule_expect_message_contains(layered_last(&fixture), "sops --encrypt --in-place");
	assert_no_finding_prints_secret(&fixture);
	layered_release(&fixture);
}

static void test_rules_secrets_bh170_reports_secret_in_list(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"hub.values.yaml", "jupyterhub:\n"
				    "  hub:\n"
				    "    accounts:\n"
				    "      - name: admin\n"
				    "        password: " SECRET_TEXT "\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH170), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH170, SEVERITY_ERROR,
			       "hub.values.yaml", 5, 19);
	assert_string_equal(layered_last(&fixture)->path, "jupyterhub.hub.accounts[0].password");
	assert_no_finding_prints_secret(&fixture);
	layered_release(&fixture);
}

static void test_rules_secrets_bh170_passes_empty_and_defaults(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"chart defaults", "jupyterhub:\n"
				   "  proxy:\n"
				   "    secretToken: " SECRET_TEXT "\n"},
		{"hub.values.yaml", "binderhub-service:\n"
				    "  config:\n"
				    "    DockerRegistry:\n"
				    "      password: ''\n"},
	};

	(void)state;
	layered_init(&fixture, files, 2);
	fixture.ctx.defaults_name = "chart defaults";
	fixture.ctx.have_defaults = true;
	assert_int_equal(layered_run(&fixture, check_BH170), 0);
	layered_release(&fixture);
}

/* ---- BH171 ----------------------------------------------------------------- */

static void test_rules_secrets_bh171_reports_overridden_plaintext(void **state)
{
	struct layered_fixture fixture;
	/* The secret file replaces the value in effect, but git keeps the plain one. */
	const struct layer_text files[] = {
		{"hub.values.yaml", "binderhub-service:\n"
				    "  config:\n"
				    "    DockerRegistry:\n"
				    "      password: " SECRET_TEXT "\n"},
		{"enc-hub.secret.values.yaml", secret_hub},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 2, check_BH171), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH171, SEVERITY_WARNING,
			       "hub.values.yaml", 4, 17);
	rule_expect_message_contains(layered_last(&fixture), "rotate");
	assert_no_finding_prints_secret(&fixture);
	assert_int_equal(layered_run(&fixture, check_BH170), 0);
	layered_release(&fixture);
}

static void test_rules_secrets_bh171_passes_placeholders(void **state)
{
	static const char *const placeholders[] = {
		"<set-in-encrypted-values>", "set-in-encrypted-file", "changeme", "CHANGEME",
		"'***'",		     "'*****'",		      "\"\"",	  "",
		"~",			     ENC,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++) {
		struct layered_fixture fixture;
		char text[256];
		struct layer_text files[] = {{"hub.values.yaml", text}};

		snprintf(text, sizeof(text),
			 "binderhub-service:\n"
			 "  config:\n"
			 "    DockerRegistry:\n"
			 "      password: %s\n",
			 placeholders[i]);
		if (run_files(&fixture, files, 1, check_BH171) != 0)
			fail_msg("placeholder %s was reported", placeholders[i]);
		layered_release(&fixture);
	}
}

static void test_rules_secrets_bh171_reports_near_placeholder(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"hub.values.yaml", "jupyterhub:\n"
				    "  hub:\n"
				    "    config:\n"
				    "      GitHubOAuthenticator:\n"
				    "        client_secret: '**'\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH171), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH171, SEVERITY_WARNING,
			       "hub.values.yaml", 5, 24);
	layered_release(&fixture);
}

static void test_rules_secrets_bh171_reports_outside_basehub(void **state)
{
	struct layered_fixture fixture;
	/* A daskhub file: keys outside basehub never reach the chart but are committed. */
	const struct layer_text files[] = {
		{"hub.values.yaml", "basehub:\n"
				    "  jupyterhub: {}\n"
				    "dask-gateway:\n"
				    "  gateway:\n"
				    "    auth:\n"
				    "      jupyterhub:\n"
				    "        apiToken: " SECRET_TEXT "\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH171), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH171, SEVERITY_WARNING,
			       "hub.values.yaml", 7, 19);
	assert_string_equal(layered_last(&fixture)->path,
			    "dask-gateway.gateway.auth.jupyterhub.apiToken");
	assert_no_finding_prints_secret(&fixture);
	layered_release(&fixture);
}

static void test_rules_secrets_bh171_ignores_secret_files(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "binderhub-service:\n"
					       "  config:\n"
					       "    DockerRegistry:\n"
					       "      password: " SECRET_TEXT "\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH171), 0);
	layered_release(&fixture);
}

/* ---- BH172 ----------------------------------------------------------------- */

static void test_rules_secrets_bh172_passes_encrypted_file(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"hub.values.yaml", plain_hub},
		{"enc-hub.secret.values.yaml", secret_hub},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 2, check_BH172), 0);
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_reports_missing_metadata(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"hub.values.yaml", plain_hub},
		{"enc-hub.secret.values.yaml", "binderhub-service:\n"
					       "  config:\n"
					       "    DockerRegistry:\n"
					       "      password: " SECRET_TEXT "\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 2, check_BH172), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH172, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 1, 1);
	rule_expect_message_contains(layered_last(&fixture), "no top-level sops mapping");
	assert_no_finding_prints_secret(&fixture);
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_reports_scalar_metadata(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "jupyterhub: {}\n"
					       "sops: encrypted\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH172, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 2, 7);
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_reports_plaintext_value(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "jupyterhub:\n"
					       "  imagePullSecret:\n"
					       "    create: " ENC "\n"
					       "    username: org+puller\n"
					       "    password: " ENC "\n" SOPS_METADATA},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH172, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 4, 15);
	assert_string_equal(layered_last(&fixture)->path, "jupyterhub.imagePullSecret.username");
	assert_null(strstr(layered_last(&fixture)->message, "org+puller"));
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_passes_nulls_and_empty(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "jupyterhub:\n"
					       "  singleuser:\n"
					       "    extraEnv:\n"
					       "      UNSET:\n"
					       "      EMPTY: ''\n"
					       "      SET: " ENC "\n" SOPS_METADATA},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 0);
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_reports_list_item(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "jupyterhub:\n"
					       "  hub:\n"
					       "    tokens:\n"
					       "      - " ENC "\n"
					       "      - " SECRET_TEXT "\n" SOPS_METADATA},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH172, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 5, 9);
	assert_string_equal(layered_last(&fixture)->path, "jupyterhub.hub.tokens[1]");
	assert_no_finding_prints_secret(&fixture);
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_passes_default_suffix(void **state)
{
	struct layered_fixture fixture;
	/* Without any setting sops leaves keys ending in _unencrypted, and
	 * everything below them, in plain text. */
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "jupyterhub:\n"
					       "  note_unencrypted: readable\n"
					       "  block_unencrypted:\n"
					       "    inner: readable too\n"
					       "  password: " ENC "\n"
					       "sops:\n"
					       "  mac: " ENC "\n"
					       "  version: 3.13.1\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 0);
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_uses_own_suffix(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "jupyterhub:\n"
					       "  name_plain: readable\n"
					       "  note_unencrypted: " SECRET_TEXT "\n"
					       "sops:\n"
					       "  unencrypted_suffix: _plain\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH172, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 3, 21);
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_uses_encrypted_suffix(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "jupyterhub:\n"
					       "  name: readable\n"
					       "  password_secret: " SECRET_TEXT "\n"
					       "sops:\n"
					       "  encrypted_suffix: _secret\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH172, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 3, 20);
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_uses_encrypted_regex(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "binderhub-service:\n"
					       "  config:\n"
					       "    DockerRegistry:\n"
					       "      username: org+robot\n"
					       "      password: " SECRET_TEXT "\n"
					       "sops:\n"
					       "  encrypted_regex: ^(password|data)$\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH172, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 5, 17);
	assert_no_finding_prints_secret(&fixture);
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_uses_unencrypted_regex(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "binderhub-service:\n"
					       "  config:\n"
					       "    DockerRegistry:\n"
					       "      url: https://quay.io\n"
					       "      username: org+robot\n"
					       "      password: " SECRET_TEXT "\n"
					       "sops:\n"
					       "  unencrypted_regex: ^(url|user)\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH172, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 6, 17);
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_uses_comment_regex(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "jupyterhub:\n"
					       "  # sops:plain\n"
					       "  url: https://hub.example.org\n"
					       "  password: " SECRET_TEXT "\n"
					       "sops:\n"
					       "  unencrypted_comment_regex: sops:plain\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH172, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 4, 13);
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_uses_encrypted_comment_regex(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "jupyterhub:\n"
					       "  url: https://hub.example.org\n"
					       "  # sops:enc\n"
					       "  password: " SECRET_TEXT "\n"
					       "sops:\n"
					       "  encrypted_comment_regex: sops:enc\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH172, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 4, 13);
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_reports_conflicting_settings(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "jupyterhub:\n"
					       "  password: " ENC "\n"
					       "sops:\n"
					       "  unencrypted_suffix: _unencrypted\n"
					       "  encrypted_regex: ^password$\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH172, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 4, 3);
	rule_expect_message_contains(layered_last(&fixture),
				     "sets both unencrypted_suffix and encrypted_regex");
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_ignores_plain_files(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"hub.values.yaml", "binderhub-service:\n"
				    "  config:\n"
				    "    DockerRegistry:\n"
				    "      password: " SECRET_TEXT "\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 0);
	layered_release(&fixture);
}

/* ---- secret env variables (BH170, BH171) ------------------------------------ */

static void test_rules_secrets_bh171_reports_env_secret_name(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"hub.values.yaml", "binderhub-service:\n"
				    "  extraEnv:\n"
				    "    - name: AWS_SECRET_ACCESS_KEY\n"
				    "      value: " SECRET_TEXT "\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH171), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH171, SEVERITY_WARNING,
			       "hub.values.yaml", 4, 14);
	assert_string_equal(layered_last(&fixture)->path, "binderhub-service.extraEnv[0].value");
	assert_no_finding_prints_secret(&fixture);
	layered_release(&fixture);
}

static void test_rules_secrets_bh170_reports_hub_env_secret_name(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"hub.values.yaml", "jupyterhub:\n"
				    "  hub:\n"
				    "    extraEnv:\n"
				    "      - name: EDITOR\n"
				    "        value: vim\n"
				    "      - name: GITHUB_ACCESS_TOKEN\n"
				    "        value: " SECRET_TEXT "\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH170), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH170, SEVERITY_ERROR,
			       "hub.values.yaml", 7, 16);
	assert_string_equal(layered_last(&fixture)->path, "jupyterhub.hub.extraEnv[1].value");
	assert_no_finding_prints_secret(&fixture);
	layered_release(&fixture);
}

static void test_rules_secrets_env_value_from_passes(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"hub.values.yaml", "binderhub-service:\n"
				    "  extraEnv:\n"
				    "    - name: GITHUB_ACCESS_TOKEN\n"
				    "      valueFrom:\n"
				    "        secretKeyRef: {name: github, key: token}\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH170), 0);
	assert_int_equal(layered_run(&fixture, check_BH171), 0);
	layered_release(&fixture);
}

static void test_rules_secrets_env_outside_env_lists_passes(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"hub.values.yaml", "jupyterhub:\n"
				    "  custom:\n"
				    "    variables:\n"
				    "      - name: GITHUB_ACCESS_TOKEN\n"
				    "        value: documented-elsewhere\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH171), 0);
	layered_release(&fixture);
}

static void test_rules_secrets_bh172_reports_ciphertext_without_metadata(void **state)
{
	struct layered_fixture fixture;
	const struct layer_text files[] = {
		{"enc-hub.secret.values.yaml", "binderhub-service:\n"
					       "  config:\n"
					       "    DockerRegistry:\n"
					       "      password: " ENC "\n"},
	};

	(void)state;
	assert_int_equal(run_files(&fixture, files, 1, check_BH172), 1);
	rule_expect_finding_in(layered_last(&fixture), RULE_BH172, SEVERITY_ERROR,
			       "enc-hub.secret.values.yaml", 1, 1);
	rule_expect_message_contains(layered_last(&fixture), "sops metadata is missing");
	rule_expect_message_contains(layered_last(&fixture), "restore the file from git");
	assert_null(strstr(layered_last(&fixture)->message, "none of its values are encrypted"));
	layered_release(&fixture);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_secrets_bh170_passes_encrypted_secret_file),
		cmocka_unit_test(test_rules_secrets_bh170_reports_plain_file_value),
		cmocka_unit_test(test_rules_secrets_bh170_reports_ciphertext_in_plain_file),
		cmocka_unit_test(test_rules_secrets_bh170_reports_placeholder_overriding),
		cmocka_unit_test(test_rules_secrets_bh170_reports_plaintext_in_secret_file),
		cmocka_unit_test(test_rules_secrets_bh170_reports_unencrypted_secret_file),
		cmocka_unit_test(test_rules_secrets_bh170_reports_secret_in_list),
		cmocka_unit_test(test_rules_secrets_bh170_passes_empty_and_defaults),
		cmocka_unit_test(test_rules_secrets_bh171_reports_overridden_plaintext),
		cmocka_unit_test(test_rules_secrets_bh171_passes_placeholders),
		cmocka_unit_test(test_rules_secrets_bh171_reports_near_placeholder),
		cmocka_unit_test(test_rules_secrets_bh171_reports_outside_basehub),
		cmocka_unit_test(test_rules_secrets_bh171_ignores_secret_files),
		cmocka_unit_test(test_rules_secrets_bh172_passes_encrypted_file),
		cmocka_unit_test(test_rules_secrets_bh172_reports_missing_metadata),
		cmocka_unit_test(test_rules_secrets_bh172_reports_scalar_metadata),
		cmocka_unit_test(test_rules_secrets_bh172_reports_plaintext_value),
		cmocka_unit_test(test_rules_secrets_bh172_passes_nulls_and_empty),
		cmocka_unit_test(test_rules_secrets_bh172_reports_list_item),
		cmocka_unit_test(test_rules_secrets_bh172_passes_default_suffix),
		cmocka_unit_test(test_rules_secrets_bh172_uses_own_suffix),
		cmocka_unit_test(test_rules_secrets_bh172_uses_encrypted_suffix),
		cmocka_unit_test(test_rules_secrets_bh172_uses_encrypted_regex),
		cmocka_unit_test(test_rules_secrets_bh172_uses_unencrypted_regex),
		cmocka_unit_test(test_rules_secrets_bh172_uses_comment_regex),
		cmocka_unit_test(test_rules_secrets_bh172_uses_encrypted_comment_regex),
		cmocka_unit_test(test_rules_secrets_bh172_reports_conflicting_settings),
		cmocka_unit_test(test_rules_secrets_bh172_ignores_plain_files),
		cmocka_unit_test(test_rules_secrets_bh171_reports_env_secret_name),
		cmocka_unit_test(test_rules_secrets_bh170_reports_hub_env_secret_name),
		cmocka_unit_test(test_rules_secrets_env_value_from_passes),
		cmocka_unit_test(test_rules_secrets_env_outside_env_lists_passes),
		cmocka_unit_test(test_rules_secrets_bh172_reports_ciphertext_without_metadata),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
