/* Checking generated files; documented in include/selfcheck.h. */
#include "selfcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "effective.h"
#include "engine.h"
#include "generate.h"
#include "load.h"
#include "report.h"

/* Stands for any ciphertext: rules only test that a value is encrypted. */
#define SELFCHECK_CIPHERTEXT "ENC[AES256_GCM,data:c2VsZmNoZWNr,iv:aXY=,tag:dGFn,type:str]"

static enum hub_provider hub_provider_of(enum provider provider)
{
	switch (provider) {
	case PROVIDER_GCP:
		return HUB_PROVIDER_GCP;
	case PROVIDER_AWS:
		return HUB_PROVIDER_AWS;
	case PROVIDER_AZURE:
		return HUB_PROVIDER_AZURE;
	case PROVIDER_UNSET:
	default:
		return HUB_PROVIDER_UNKNOWN;
	}
}

static enum hub_registry hub_registry_of(enum registry_kind registry)
{
	switch (registry) {
	case REGISTRY_GAR:
		return HUB_REGISTRY_GAR;
	case REGISTRY_QUAY:
		return HUB_REGISTRY_QUAY;
	case REGISTRY_UNSET:
	default:
		return HUB_REGISTRY_UNKNOWN;
	}
}

/* Replace every scalar value (not keys) with ciphertext, as sops does. */
static void encrypt_leaves(struct tree_doc *doc, struct node *node)
{
	if (!node)
		return;
	switch (node->kind) {
	case NODE_SCALAR:
		node->as.scalar.value = arena_strdup(&doc->arena, SELFCHECK_CIPHERTEXT);
		node->as.scalar.length = strlen(SELFCHECK_CIPHERTEXT);
		node->as.scalar.style = SCALAR_SINGLE_QUOTED;
		break;
	case NODE_SEQUENCE:
		for (size_t i = 0; i < node->as.sequence.count; i++)
			encrypt_leaves(doc, node->as.sequence.items[i]);
		break;
	case NODE_MAPPING:
		for (size_t i = 0; i < node->as.mapping.count; i++)
			encrypt_leaves(doc, node->as.mapping.pairs[i].value);
		break;
	case NODE_ALIAS:
	default:
		/* The anchored node is encrypted where it is defined. */
		break;
	}
}

/* The secret file as `binderhub-gen secrets` writes it and sops encrypts it. */
static struct tree_doc *expected_secret_layer(const struct gen_options *options, char *error,
					      size_t error_size)
{
	char ciphertext[] = SELFCHECK_CIPHERTEXT;
	struct secret secret = {.data = ciphertext, .length = sizeof(ciphertext) - 1};
	struct tree_doc *doc = NULL;
	struct node *sops;
	char name[256];

	if (generate_secrets(options, &secret, options->launch_logs ? &secret : NULL, &doc, error,
			     error_size) != GENERATE_OK)
		return NULL;
	snprintf(name, sizeof(name), "enc-%s.secret.values.yaml", options->hub);
	doc->file = arena_strdup(&doc->arena, name);
	sops = tree_new_mapping(doc);
	tree_mapping_set(doc, sops, "mac", tree_new_string(doc, SELFCHECK_CIPHERTEXT));
	tree_mapping_set(doc, sops, "unencrypted_suffix", tree_new_string(doc, "_unencrypted"));
	encrypt_leaves(doc, doc->root);
	tree_mapping_set(doc, doc->root, "sops", sops);
	return doc;
}

static int load_output(const char *text, size_t length, const char *name, struct tree_doc **doc,
		       char *error, size_t error_size)
{
	struct load_options load_options = {.keep_comments = true};
	struct load_error err;

	if (load_buffer(text, length, name, &load_options, doc, &err) == LOAD_OK)
		return 0;
	load_error_format(&err, error, error_size);
	return -1;
}

/*
 * Findings name the loaded copy of the output, which is freed with the
 * layers; point them at the caller's name, which outlives the check.
 */
static void borrow_file_names(struct findings *findings, const char *name)
{
	for (size_t i = 0; i < findings->count; i++) {
		const char *file = findings->items[i].mark.file;

		if (file && strcmp(file, name) == 0)
			findings->items[i].mark.file = name;
	}
}

/* Build, derive and run: the part shared by both checks. */
static int run_checks(struct effective *effective, const struct derive_options *derive,
		      const struct engine_settings *settings, struct findings *out, char *error,
		      size_t error_size)
{
	struct rule_context ctx = {0};
	struct load_error err;

	if (effective_build(effective, &err) != LOAD_OK) {
		load_error_format(&err, error, error_size);
		return 2;
	}
	effective_fill_context(effective, &ctx);
	derive_context(&ctx, derive, NULL);
	ctx.findings = out;
	engine_run(&ctx, engine_rule_table, settings, NULL);
	engine_sort_findings(out);
	return engine_exit_status(out, false);
}

int selfcheck_values(const struct gen_options *options, const char *text, size_t length,
		     const char *name, struct findings *out, char *error, size_t error_size)
{
	struct derive_options derive = {
		.mode_given = true,
		.mode = options->auth == AUTH_NONE ? HUB_UNAUTHENTICATED : HUB_AUTHENTICATED,
		.provider = hub_provider_of(options->provider),
		.registry = hub_registry_of(options->registry),
		.namespace_name = options->namespace_name,
		.cluster_name = options->cluster,
		.hub_name = options->hub,
	};
	struct effective effective;
	struct tree_doc *values = NULL, *secrets;
	struct load_error err;
	int status = 2;

	effective_init(&effective, false);
	if (effective_load_builtin_defaults(&effective, &err) != LOAD_OK) {
		load_error_format(&err, error, error_size);
		goto done;
	}
	if (load_output(text, length, name, &values, error, error_size) ||
	    effective_add_layer(&effective, values, &err) != LOAD_OK)
		goto done;
	secrets = expected_secret_layer(options, error, error_size);
	if (!secrets)
		goto done;
	/* Findings never point into a file that does not exist yet. */
	if (effective_add_emulated_layer(&effective, secrets, &err) != LOAD_OK)
		goto done;
	status = run_checks(&effective, &derive, NULL, out, error, error_size);
	borrow_file_names(out, name);
done:
	effective_release(&effective);
	return status;
}

int selfcheck_secrets(const char *text, size_t length, const char *name, struct findings *out,
		      char *error, size_t error_size)
{
	static const enum rule_id plaintext_rules[] = {RULE_BH005, RULE_BH006, RULE_BH007};
	struct engine_settings settings = {0};
	struct derive_options derive = {0};
	struct effective effective;
	struct tree_doc *secrets = NULL;
	struct load_error err;
	int status = 2;

	for (size_t i = 0; i < RULE__COUNT; i++)
		settings.disabled[i] = true;
	for (size_t i = 0; i < sizeof(plaintext_rules) / sizeof(plaintext_rules[0]); i++)
		settings.disabled[plaintext_rules[i]] = false;
	effective_init(&effective, false);
	if (load_output(text, length, name, &secrets, error, error_size) ||
	    effective_add_layer(&effective, secrets, &err) != LOAD_OK)
		goto done;
	status = run_checks(&effective, &derive, &settings, out, error, error_size);
	borrow_file_names(out, name);
done:
	effective_release(&effective);
	return status;
}

/* Print findings at warning level or above; return how many are errors. */
static size_t print_findings(FILE *stream, struct findings *findings)
{
	struct findings shown = {0};
	size_t errors = 0;

	for (size_t i = 0; i < findings->count; i++) {
		if (findings->items[i].severity < SEVERITY_WARNING)
			continue;
		errors += findings->items[i].severity == SEVERITY_ERROR;
		if (shown.count == shown.capacity) {
			size_t capacity = shown.capacity ? shown.capacity * 2 : 8;
			struct finding *items = realloc(shown.items, capacity * sizeof(*items));

			if (!items)
				abort();
			shown.items = items;
			shown.capacity = capacity;
		}
		shown.items[shown.count++] = findings->items[i];
	}
	if (shown.count)
		report_write(stream, REPORT_TEXT, &shown, NULL, false);
	/* The findings are borrowed: free only the array. */
	free(shown.items);
	return errors;
}

int selfcheck_gate(enum selfcheck_kind kind, const struct gen_options *options, const char *text,
		   size_t length)
{
	const char *name = options->output && strcmp(options->output, "-") != 0 ? options->output
										: "stdout";
	const char *what = kind == SELFCHECK_VALUES ? "file" : "secret file";
	struct findings findings = {0};
	char error[1024];
	int status;
	size_t errors;

	if (kind == SELFCHECK_VALUES)
		status = selfcheck_values(options, text, length, name, &findings, error,
					  sizeof(error));
	else
		status = selfcheck_secrets(text, length, name, &findings, error, sizeof(error));
	if (status == 2) {
		/* The loader's message may quote the text, and a secret file's
		 * text contains secrets. */
		if (kind == SELFCHECK_VALUES)
			fprintf(stderr, "binderhub-gen: error: cannot check the generated file: %s\n",
				error);
		else
			fputs("binderhub-gen: error: cannot check the generated secret file\n", stderr);
		findings_release(&findings);
		return -1;
	}
	errors = print_findings(stderr, &findings);
	findings_release(&findings);
	if (errors == 0 || options->allow_findings)
		return 0;
	fprintf(stderr,
		"binderhub-gen: error: the generated %s breaks %zu runbook rule%s, so it was not "
		"written; %sadd --allow-findings to write it anyway\n",
		what, errors, errors == 1 ? "" : "s",
		kind == SELFCHECK_VALUES ? "fix the options above, or " : "");
	return -1;
}
