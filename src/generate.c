/* Template selection and assembly; documented in include/generate.h. */
#include "generate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fill.h"
#include "load.h"
#include "merge.h"
#include "set.h"
#include "templates.h"

static void fragments_add(struct fragment_list *list, const char *name)
{
	if (list->count < GENERATE_MAX_FRAGMENTS)
		list->names[list->count++] = name;
}

static const char *registry_fragment(enum registry_kind registry, const char *folder)
{
	if (registry == REGISTRY_GAR)
		return strcmp(folder, "values") == 0 ? "values/registry-gar.yaml"
						     : "secrets/registry-gar.yaml";
	return strcmp(folder, "values") == 0 ? "values/registry-quay.yaml"
					     : "secrets/registry-quay.yaml";
}

/* How many of the five homepage options were given. */
static size_t homepage_field_count(const struct gen_options *options)
{
	const char *fields[] = {options->org_name, options->org_logo_url, options->org_url,
				options->funded_by_name, options->funded_by_url};
	size_t count = 0;

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		count += fields[i] != NULL;
	return count;
}

void generate_values_fragments(const struct gen_options *options, struct fragment_list *out)
{
	static const char *const providers[] = {
		[PROVIDER_UNSET] = "values/provider-aws.yaml",
		[PROVIDER_GCP] = "values/provider-gcp.yaml",
		[PROVIDER_AWS] = "values/provider-aws.yaml",
		[PROVIDER_AZURE] = "values/provider-azure.yaml",
	};

	out->count = 0;
	fragments_add(out, "values/base.yaml");
	if (options->auth == AUTH_NONE) {
		fragments_add(out, "values/auth-none.yaml");
	} else {
		fragments_add(out, "values/authenticated.yaml");
		fragments_add(out, options->auth == AUTH_GITHUB ? "values/auth-github.yaml"
								: "values/auth-cilogon.yaml");
		fragments_add(out, homepage_field_count(options) ? "values/homepage.yaml"
								 : "values/homepage-disabled.yaml");
	}
	fragments_add(out, providers[options->provider]);
	fragments_add(out, registry_fragment(options->registry, "values"));
	if (options->cors_origin)
		fragments_add(out, "values/cors.yaml");
	if (options->allowed_specs.count)
		fragments_add(out, "values/allowed-specs.yaml");
	fragments_add(out, options->launch_logs ? "values/launch-logs.yaml"
						: "values/launch-logs-off.yaml");
}

void generate_secrets_fragments(const struct gen_options *options, struct fragment_list *out)
{
	out->count = 0;
	fragments_add(out, registry_fragment(options->registry, "secrets"));
	if (options->launch_logs)
		fragments_add(out, "secrets/launch-logs.yaml");
}

static enum generate_status fail(char *error, size_t error_size, enum generate_status status,
				 const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsnprintf(error, error_size, format, args);
	va_end(args);
	return status;
}

/* Load each fragment and merge it over the ones before. */
static enum generate_status assemble(const struct fragment_list *fragments,
				     struct tree_doc *doc, char *error, size_t error_size)
{
	const struct load_options options = {.keep_comments = true, .reject_duplicates = true};

	for (size_t i = 0; i < fragments->count; i++) {
		const struct embedded_template *template = templates_find(fragments->names[i]);
		struct tree_doc *fragment = NULL;
		struct load_error err;

		if (!template)
			return fail(error, error_size, GENERATE_INTERNAL,
				    "template '%s' is not built into this binary", fragments->names[i]);
		if (load_buffer(template->data, template->size, template->name, &options, &fragment,
				&err) != LOAD_OK) {
			char where[700];

			load_error_format(&err, where, sizeof(where));
			return fail(error, error_size, GENERATE_INTERNAL, "broken template %s", where);
		}
		merge_layer(doc, &doc->root, fragment->root);
		tree_doc_free(fragment);
	}
	return GENERATE_OK;
}

enum generate_status generate_values(const struct gen_options *options, struct tree_doc **out,
				     char *error, size_t error_size)
{
	char hub_api_url[512];
	struct fragment_list fragments;
	struct tree_doc *doc;
	enum generate_status status;

	if (options->public_hub_api)
		snprintf(hub_api_url, sizeof(hub_api_url), "https://%s/hub/api",
			 options->jupyterhub_domain);
	else
		/* BinderHub talks to the hub inside the cluster; the hub's service
		 * is called hub in the hub's namespace. */
		snprintf(hub_api_url, sizeof(hub_api_url),
			 "http://hub.%s.svc.cluster.local:8081/hub/api", options->namespace_name);

	const struct template_var vars[] = {
		{"cluster", options->cluster, NULL, 0},
		{"hub", options->hub, NULL, 0},
		{"namespace", options->namespace_name, NULL, 0},
		{"binderhub_domain", options->binderhub_domain, NULL, 0},
		{"jupyterhub_domain", options->jupyterhub_domain, NULL, 0},
		{"hub_api_url", hub_api_url, NULL, 0},
		{"instance_type", options->instance_type, NULL, 0},
		{"docker_storage_limit", options->docker_storage_limit, NULL, 0},
		{"image_prefix", options->image_prefix, NULL, 0},
		{"registry_url", options->registry_url, NULL, 0},
		{"registry_username", options->registry_username, NULL, 0},
		{"cors_origin", options->cors_origin, NULL, 0},
		{"allowed_specs", NULL, (const char *const *)options->allowed_specs.items,
		 options->allowed_specs.count},
		{"banner", options->banner, NULL, 0},
		{"about", options->about, NULL, 0},
		{"org_name", options->org_name, NULL, 0},
		{"org_logo_url", options->org_logo_url, NULL, 0},
		{"org_url", options->org_url, NULL, 0},
		{"funded_by_name", options->funded_by_name, NULL, 0},
		{"funded_by_url", options->funded_by_url, NULL, 0},
	};
	const struct template_vars table = {vars, sizeof(vars) / sizeof(vars[0])};

	generate_values_fragments(options, &fragments);
	doc = tree_doc_new("values");
	status = assemble(&fragments, doc, error, error_size);
	if (status == GENERATE_OK && fill_placeholders(doc, &doc->root, &table, error, error_size))
		status = GENERATE_INTERNAL;
	for (size_t i = 0; status == GENERATE_OK && i < options->sets.count; i++) {
		const struct set_argument *set = &options->sets.items[i];
		char key[256];

		/* A secret given to --set would show in ps, in shell history and in
		 * the committed values file, where the checker's BH170 forbids it. */
		if (set_last_key(set->text, key, sizeof(key)) == 0 && check_is_secret_key(key)) {
			status = fail(error, error_size, GENERATE_USAGE,
				      "--set %.*s=... would put a secret on the command line and in the "
				      "values file; put it in the secret file instead (binderhub-gen "
				      "secrets, then sops)",
				      (int)strcspn(set->text, "="), set->text);
			break;
		}
		if (set_apply(doc, &doc->root, set->text, set->force_string, error, error_size))
			status = GENERATE_USAGE;
	}
	if (status != GENERATE_OK) {
		tree_doc_free(doc);
		return status;
	}
	*out = doc;
	return GENERATE_OK;
}

/* A secret goes into YAML text, which cannot carry a NUL byte. */
static enum generate_status check_secret_text(const struct secret *secret, const char *what,
					      char *error, size_t error_size)
{
	if (secret && memchr(secret->data, '\0', secret->length))
		return fail(error, error_size, GENERATE_USAGE,
			    "the %s contains a NUL byte, which YAML cannot hold; check the file", what);
	return GENERATE_OK;
}

enum generate_status generate_secrets(const struct gen_options *options,
				      const struct secret *registry_password,
				      const struct secret *launch_logs_key, struct tree_doc **out,
				      char *error, size_t error_size)
{
	struct fragment_list fragments;
	struct tree_doc *doc;
	enum generate_status status;

	status = check_secret_text(registry_password, "registry password", error, error_size);
	if (status == GENERATE_OK)
		status = check_secret_text(launch_logs_key, "launch-logs key", error, error_size);
	if (status != GENERATE_OK)
		return status;

	const struct template_var vars[] = {
		{"registry_username", options->registry_username, NULL, 0},
		{"registry_password", registry_password ? registry_password->data : NULL, NULL, 0},
		{"launch_logs_key", launch_logs_key ? launch_logs_key->data : NULL, NULL, 0},
	};
	const struct template_vars table = {vars, sizeof(vars) / sizeof(vars[0])};

	generate_secrets_fragments(options, &fragments);
	doc = tree_doc_new("secrets");
	status = assemble(&fragments, doc, error, error_size);
	if (status == GENERATE_OK && fill_placeholders(doc, &doc->root, &table, error, error_size))
		status = GENERATE_INTERNAL;
	if (status != GENERATE_OK) {
		tree_doc_free_wiped(doc);
		return status;
	}
	*out = doc;
	return GENERATE_OK;
}
