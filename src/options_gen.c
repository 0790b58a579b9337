/* Parsing of `values` and `secrets`: the value handler, checks across options and defaults. */
#include "options.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "options_gen_internal.h"
#include "validate.h"

#define DEFAULT_HUB "binder"
#define DEFAULT_DOMAIN_SUFFIX "2i2c.cloud"
#define DEFAULT_GCP_REGION "us-central1"
#define DEFAULT_DOCKER_STORAGE_LIMIT "15Gi"
/* The smallest user node types that 2i2c usually runs binderhub-ui hubs on. */
#define DEFAULT_INSTANCE_TYPE_GCP "n2-highmem-4"
#define DEFAULT_INSTANCE_TYPE_AWS "r5.xlarge"
/* Every non-GCP hub pushes to one shared quay.io organisation with one robot account. */
#define QUAY_HOST "quay.io"
#define QUAY_ORGANISATION "imagebuilding-non-gcp-hubs"
#define QUAY_USERNAME "imagebuilding-non-gcp-hubs+image_builder"
/* Artifact Registry takes a service-account JSON key as the password of this user. */
#define GAR_USERNAME "_json_key"
#define GAR_HOST_SUFFIX "-docker.pkg.dev"

/* ------------------------------------------------------------------------
 * Memory helpers: running out of memory ends the program, as every caller
 * would have to give up anyway.
 * ------------------------------------------------------------------------ */

static void *allocate_or_exit(void *pointer)
{
	if (pointer == NULL) {
		fputs("binderhub-gen: error: out of memory\n", stderr);
		exit(2);
	}
	return pointer;
}

static char *copy_string(const char *text)
{
	return allocate_or_exit(strdup(text));
}

__attribute__((format(printf, 1, 2)))
static char *format_string(const char *format, ...)
{
	va_list arguments;
	int length;
	char *text;

	va_start(arguments, format);
	length = vsnprintf(NULL, 0, format, arguments);
	va_end(arguments);
	if (length < 0)
		allocate_or_exit(NULL);
	text = allocate_or_exit(malloc((size_t)length + 1));
	va_start(arguments, format);
	vsnprintf(text, (size_t)length + 1, format, arguments);
	va_end(arguments);
	return text;
}

static void replace_string(char **field, const char *value)
{
	free(*field);
	*field = copy_string(value);
}

/* Private function, declared in src/options_gen_internal.h */
void options_gen_append_string(struct string_list *list, const char *value)
{
	list->items = allocate_or_exit(realloc(list->items, (list->count + 1) * sizeof *list->items));
	list->items[list->count++] = copy_string(value);
}

static void string_list_release(struct string_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

/* ------------------------------------------------------------------------
 * The handler: checks and stores one option at a time
 * ------------------------------------------------------------------------ */

/* A validator of validate.h and the sentence that describes a valid value. */
struct value_kind {
	bool (*validate)(const char *text, char *reason, size_t reason_size);
	const char *hint;
};

static const struct value_kind dns_label_kind = {
	validate_dns_label,
	"use 1 to 63 lower-case letters, digits and '-', starting and ending with a letter or digit",
};
static const struct value_kind host_name_kind = {
	validate_host_name,
	"give a lower-case host name such as 'binder.example.org', without scheme, port or path",
};
static const struct value_kind domain_suffix_kind = {
	validate_host_name,
	"give a lower-case parent domain such as '2i2c.cloud', without scheme, port or path",
};
static const struct value_kind quantity_kind = {
	validate_quantity,
	"give a Kubernetes quantity such as 15Gi, 500Mi or 20G",
};
static const struct value_kind label_value_kind = {
	validate_label_value,
	"give the instance type as the cloud names it, such as n2-highmem-4 or r5.xlarge "
	"(at most 63 letters, digits, '-', '_' and '.')",
};
static const struct value_kind text_kind = {
	validate_text,
	"remove the control character; tabs and newlines are allowed",
};
static const struct value_kind cors_origin_kind = {
	validate_cors_origin,
	"give '*' or an origin such as 'https://example.org' or 'https://example.org:8443'",
};
static const struct value_kind http_url_kind = {
	validate_http_url,
	"give an absolute URL such as 'https://example.org/logo.png'",
};
static const struct value_kind gcp_project_kind = {
	validate_gcp_project_id,
	"give the project ID, not its name or number, such as 'my-project-123'",
};
static const struct value_kind image_prefix_kind = {
	validate_image_prefix,
	"give a prefix such as 'us-central1-docker.pkg.dev/<project>/<repository>/' or "
	"'quay.io/imagebuilding-non-gcp-hubs/<cluster>-<hub>-'",
};
static const struct value_kind regex_kind = {
	validate_regex,
	"fix the regular expression, which BinderHub compiles with Python's re module",
};

static bool check_value(struct gen_parse *parse, const char *given, const char *value,
			const struct value_kind *kind)
{
	char reason[512];
	char quoted[OPTIONS_QUOTE_SIZE];

	if (kind->validate(value, reason, sizeof reason))
		return true;
	options_print_error(parse->err, "invalid value '%s' for option '%s': %s; %s",
			    options_quote(value, quoted, sizeof quoted), given, reason, kind->hint);
	return false;
}

/* Store a validated value; OPTIONS_USAGE after printing the error otherwise. */
static enum options_result store_checked(struct gen_parse *parse, char **field, const char *given,
					 const char *value, const struct value_kind *kind)
{
	if (!check_value(parse, given, value, kind))
		return OPTIONS_USAGE;
	replace_string(field, value);
	return OPTIONS_OK;
}

static const char *provider_name(enum provider provider)
{
	switch (provider) {
	case PROVIDER_GCP:
		return "gcp";
	case PROVIDER_AWS:
		return "aws";
	case PROVIDER_AZURE:
		return "azure";
	case PROVIDER_UNSET:
		break;
	}
	return "unset";
}

static enum provider parse_provider(const char *text)
{
	for (enum provider provider = PROVIDER_GCP; provider <= PROVIDER_AZURE; provider++)
		if (strcmp(text, provider_name(provider)) == 0)
			return provider;
	return PROVIDER_UNSET;
}

static const char *auth_name(enum auth_mode auth)
{
	switch (auth) {
	case AUTH_GITHUB:
		return "github";
	case AUTH_CILOGON:
		return "cilogon";
	case AUTH_NONE:
		break;
	}
	return "none";
}

static enum options_result set_provider(struct gen_parse *parse, enum provider provider,
					const char *given)
{
	struct gen_options *options = parse->options;

	if (options->provider != PROVIDER_UNSET && options->provider != provider) {
		options_print_error(parse->err,
				    "two providers given, '%s' (%s) and '%s' (%s); give only one of "
				    "--gcp, --aws, --azure and --provider",
				    provider_name(options->provider), parse->provider_option,
				    provider_name(provider), given);
		return OPTIONS_USAGE;
	}
	options->provider = provider;
	snprintf(parse->provider_option, sizeof parse->provider_option, "%s", given);
	return OPTIONS_OK;
}

static enum options_result set_auth(struct gen_parse *parse, enum auth_mode auth)
{
	struct gen_options *options = parse->options;

	if (parse->auth_given && options->auth != auth) {
		options_print_error(parse->err,
				    "two authentication modes given, '%s' and '%s'; give only one of "
				    "--auth=github, --auth=cilogon and --no-auth",
				    auth_name(options->auth), auth_name(auth));
		return OPTIONS_USAGE;
	}
	options->auth = auth;
	parse->auth_given = true;
	return OPTIONS_OK;
}

/* Whether the number of a valid quantity, before its suffix, is above zero. */
static bool quantity_is_positive(const char *quantity)
{
	const char *p = quantity;

	if (*p == '-')
		return false;
	if (*p == '+')
		p++;
	for (; (*p >= '0' && *p <= '9') || *p == '.'; p++)
		if (*p != '0' && *p != '.')
			return true;
	return false;
}

static enum options_result set_storage_limit(struct gen_parse *parse, const char *given,
					     const char *value)
{
	char quoted[OPTIONS_QUOTE_SIZE];

	if (!check_value(parse, given, value, &quantity_kind))
		return OPTIONS_USAGE;
	/* A volume limited to zero bytes or less could hold no image layers. */
	if (!quantity_is_positive(value)) {
		options_print_error(parse->err,
				    "invalid value '%s' for option '%s': is not greater than zero; %s",
				    options_quote(value, quoted, sizeof quoted), given, quantity_kind.hint);
		return OPTIONS_USAGE;
	}
	replace_string(&parse->options->docker_storage_limit, value);
	return OPTIONS_OK;
}

static enum options_result set_username(struct gen_parse *parse, const char *given,
					const char *value)
{
	char quoted[OPTIONS_QUOTE_SIZE];

	for (const char *p = value; *p != '\0'; p++) {
		if ((unsigned char)*p > 0x20 && *p != 0x7f)
			continue;
		options_print_error(parse->err,
				    "invalid value '%s' for option '%s': contains a space or control "
				    "character; give the user name exactly as the registry shows it",
				    options_quote(value, quoted, sizeof quoted), given);
		return OPTIONS_USAGE;
	}
	replace_string(&parse->options->registry_username, value);
	return OPTIONS_OK;
}

static enum options_result add_set(struct gen_parse *parse, const char *given, const char *value,
				   bool force_string)
{
	struct set_arguments *sets = &parse->options->sets;
	char quoted[OPTIONS_QUOTE_SIZE];
	const char *equals = strchr(value, '=');

	if (equals == NULL) {
		options_print_error(parse->err, "invalid value '%s' for option '%s': has no '='; write "
				    "%s PATH=VALUE, for example %s jupyterhub.hub.redirectToServer=false",
				    options_quote(value, quoted, sizeof quoted), given, given, given);
		return OPTIONS_USAGE;
	}
	if (equals == value) {
		options_print_error(parse->err, "invalid value '%s' for option '%s': has no PATH before "
				    "'='; write %s PATH=VALUE",
				    options_quote(value, quoted, sizeof quoted), given, given);
		return OPTIONS_USAGE;
	}
	sets->items = allocate_or_exit(realloc(sets->items, (sets->count + 1) * sizeof *sets->items));
	sets->items[sets->count].force_string = force_string;
	sets->items[sets->count].text = copy_string(value);
	sets->count++;
	return OPTIONS_OK;
}

static enum options_result handle_operand(struct gen_parse *parse, const char *operand)
{
	char quoted[OPTIONS_QUOTE_SIZE];
	const char *name = options_command_name(parse->command);

	options_print_error(parse->err,
			    "unexpected argument '%s'; 'binderhub-gen %s' takes only options, see "
			    "'binderhub-gen %s --help'",
			    options_quote(operand, quoted, sizeof quoted), name, name);
	return OPTIONS_USAGE;
}

/* Private function, declared in src/options_gen_internal.h */
enum options_result options_gen_handle_option(void *context, const struct option_spec *spec,
					      const char *given, const char *value)
{
	struct gen_parse *parse = context;
	struct gen_options *options = parse->options;

	if (spec == NULL)
		return handle_operand(parse, value);

	switch (spec->id) {
	case OPTION_CLUSTER:
		return store_checked(parse, &options->cluster, given, value, &dns_label_kind);
	case OPTION_HUB:
		return store_checked(parse, &options->hub, given, value, &dns_label_kind);
	case OPTION_NAMESPACE:
		return store_checked(parse, &options->namespace_name, given, value, &dns_label_kind);
	case OPTION_BINDERHUB_DOMAIN:
		return store_checked(parse, &options->binderhub_domain, given, value, &host_name_kind);
	case OPTION_JUPYTERHUB_DOMAIN:
		return store_checked(parse, &options->jupyterhub_domain, given, value, &host_name_kind);
	case OPTION_DOMAIN_SUFFIX:
		return store_checked(parse, &options->domain_suffix, given, value, &domain_suffix_kind);
	case OPTION_NO_LAUNCH_LOGS:
		options->launch_logs = false;
		return OPTIONS_OK;
	case OPTION_PUBLIC_HUB_API:
		options->public_hub_api = true;
		return OPTIONS_OK;

	case OPTION_GCP:
		return set_provider(parse, PROVIDER_GCP, given);
	case OPTION_AWS:
		return set_provider(parse, PROVIDER_AWS, given);
	case OPTION_AZURE:
		return set_provider(parse, PROVIDER_AZURE, given);
	case OPTION_PROVIDER:
		return set_provider(parse, parse_provider(value), given);
	case OPTION_INSTANCE_TYPE:
		return store_checked(parse, &options->instance_type, given, value, &label_value_kind);
	case OPTION_DOCKER_STORAGE_LIMIT:
		return set_storage_limit(parse, given, value);

	case OPTION_REGISTRY:
		options->registry = strcmp(value, "gar") == 0 ? REGISTRY_GAR : REGISTRY_QUAY;
		return OPTIONS_OK;
	case OPTION_GCP_PROJECT:
		return store_checked(parse, &options->gcp_project, given, value, &gcp_project_kind);
	case OPTION_GCP_REGION:
		return store_checked(parse, &options->gcp_region, given, value, &dns_label_kind);
	case OPTION_REGISTRY_REPOSITORY:
		return store_checked(parse, &options->registry_repository, given, value,
				     &dns_label_kind);
	case OPTION_IMAGE_PREFIX:
		return store_checked(parse, &options->image_prefix, given, value, &image_prefix_kind);
	case OPTION_REGISTRY_URL:
		return store_checked(parse, &options->registry_url, given, value, &http_url_kind);
	case OPTION_REGISTRY_USERNAME:
		return set_username(parse, given, value);

	case OPTION_AUTH:
		return set_auth(parse, strcmp(value, "cilogon") == 0 ? AUTH_CILOGON : AUTH_GITHUB);
	case OPTION_NO_AUTH:
		return set_auth(parse, AUTH_NONE);
	case OPTION_ALLOWED_SPEC:
		if (!check_value(parse, given, value, &regex_kind))
			return OPTIONS_USAGE;
		options_gen_append_string(&options->allowed_specs, value);
		return OPTIONS_OK;
	case OPTION_CORS:
		return store_checked(parse, &options->cors_origin, given, value, &cors_origin_kind);
	case OPTION_BANNER:
		return store_checked(parse, &options->banner, given, value, &text_kind);
	case OPTION_ABOUT:
		return store_checked(parse, &options->about, given, value, &text_kind);
	case OPTION_ORG_NAME:
		return store_checked(parse, &options->org_name, given, value, &text_kind);
	case OPTION_ORG_LOGO_URL:
		return store_checked(parse, &options->org_logo_url, given, value, &http_url_kind);
	case OPTION_ORG_URL:
		return store_checked(parse, &options->org_url, given, value, &http_url_kind);
	case OPTION_FUNDED_BY_NAME:
		return store_checked(parse, &options->funded_by_name, given, value, &text_kind);
	case OPTION_FUNDED_BY_URL:
		return store_checked(parse, &options->funded_by_url, given, value, &http_url_kind);

	case OPTION_REGISTRY_PASSWORD_FILE:
		replace_string(&options->registry_password_file, value);
		return OPTIONS_OK;
	case OPTION_LAUNCH_LOGS_KEY_FILE:
		replace_string(&options->launch_logs_key_file, value);
		return OPTIONS_OK;

	case OPTION_OUTPUT:
		replace_string(&options->output, value);
		return OPTIONS_OK;
	case OPTION_FORCE:
		options->force = true;
		return OPTIONS_OK;
	case OPTION_ALLOW_FINDINGS:
		options->allow_findings = true;
		return OPTIONS_OK;
	case OPTION_NO_COMMENTS:
		options->comments = false;
		return OPTIONS_OK;
	case OPTION_SET:
		return add_set(parse, given, value, false);
	case OPTION_SET_STRING:
		return add_set(parse, given, value, true);

	case OPTION_HELP:
		options_print_help(parse->command, parse->out);
		return OPTIONS_DONE;
	case OPTION_VERSION:
		fprintf(parse->out, "binderhub-gen %s\n", BHG_VERSION);
		return OPTIONS_DONE;

	case OPTION_REGISTRY_PASSWORD:
	case OPTION_PASSWORD:
	case OPTION_LAUNCH_LOGS_KEY:
	case OPTION__COUNT:
		break;
	}
	/* The parser rejects these before calling the handler. */
	options_print_error(parse->err, "option '%s' is not handled; report this as a bug", given);
	return OPTIONS_USAGE;
}

/* ------------------------------------------------------------------------
 * Checks across options and the choice of registry
 * ------------------------------------------------------------------------ */

/*
 * The deployer decrypts exactly the values files whose name contains
 * "secret", and 2i2c's .sops.yaml encrypts exactly those paths, so the name
 * of an output file decides how it is treated.
 */
static enum options_result check_output_name(struct gen_parse *parse)
{
	const struct gen_options *options = parse->options;
	const char *base;
	bool secret_name;

	if (options->output == NULL || strcmp(options->output, "-") == 0)
		return OPTIONS_OK;
	base = strrchr(options->output, '/');
	base = base ? base + 1 : options->output;
	secret_name = strstr(base, "secret") != NULL;
	if (parse->command == GEN_VALUES && secret_name) {
		options_print_error(parse->err,
				    "'%s' has 'secret' in its name, so the deployer would take it for "
				    "a sops-encrypted secret file; name it <hub>.values.yaml",
				    options->output);
		return OPTIONS_USAGE;
	}
	if (parse->command == GEN_SECRETS && !secret_name) {
		options_print_error(parse->err,
				    "'%s' has no 'secret' in its name, so sops's creation rule and the "
				    "deployer would not treat it as a secret file; name it "
				    "enc-<hub>.secret.values.yaml",
				    options->output);
		return OPTIONS_USAGE;
	}
	return OPTIONS_OK;
}

static enum options_result check_combinations(struct gen_parse *parse)
{
	struct gen_options *options = parse->options;
	const char *homepage_names[] = {
		"--org-name", "--org-logo-url", "--org-url", "--funded-by-name", "--funded-by-url",
	};
	const char *homepage_values[] = {
		options->org_name, options->org_logo_url, options->org_url, options->funded_by_name,
		options->funded_by_url,
	};
	char missing[160] = "";
	const char *first_given = NULL;

	if (check_output_name(parse) != OPTIONS_OK)
		return OPTIONS_USAGE;
	if (options->registry_password_file != NULL && options->launch_logs_key_file != NULL &&
	    strcmp(options->registry_password_file, "-") == 0 &&
	    strcmp(options->launch_logs_key_file, "-") == 0) {
		options_print_error(parse->err,
				    "--registry-password-file and --launch-logs-key-file both read stdin "
				    "('-'); give a file for at least one of them");
		return OPTIONS_USAGE;
	}
	if (!options->launch_logs && options->launch_logs_key_file != NULL) {
		options_print_error(parse->err,
				    "--launch-logs-key-file is given, but --no-launch-logs turns sending "
				    "launch events off; drop one of the two options");
		return OPTIONS_USAGE;
	}

	/* BinderSpawnerMixin applies cors_allow_origin only when its auth is
	 * off, and the rules require the hub and BinderHub to allow the same
	 * origin, so no file with login and CORS can be right. */
	if (options->cors_origin != NULL && options->auth != AUTH_NONE) {
		options_print_error(parse->err,
				    "--cors applies only to hubs without login, because JupyterHub "
				    "ignores cors_allow_origin when users log in; drop --cors or use "
				    "--no-auth");
		return OPTIONS_USAGE;
	}

	/* basehub's values schema accepts the homepage template variables only
	 * all together, and a hub without login never shows the homepage. */
	for (size_t i = 0; i < sizeof homepage_names / sizeof homepage_names[0]; i++) {
		size_t used = strlen(missing);

		if (homepage_values[i] != NULL) {
			if (first_given == NULL)
				first_given = homepage_names[i];
			continue;
		}
		snprintf(missing + used, sizeof missing - used, "%s%s", used > 0 ? ", " : "",
			 homepage_names[i]);
	}
	if (first_given != NULL && options->auth == AUTH_NONE) {
		options_print_error(parse->err,
				    "%s applies only to hubs with login, because a hub without login "
				    "shows no homepage; add --auth or drop the homepage options",
				    first_given);
		return OPTIONS_USAGE;
	}
	if (first_given != NULL && missing[0] != '\0') {
		options_print_error(parse->err,
				    "the homepage needs all of --org-name, --org-logo-url, --org-url, "
				    "--funded-by-name and --funded-by-url; add %s",
				    missing);
		return OPTIONS_USAGE;
	}
	return OPTIONS_OK;
}

/* Copy the host of an image prefix ("quay.io/..." gives "quay.io"). */
static void prefix_host(const char *prefix, char *host, size_t size)
{
	size_t length = strcspn(prefix, "/:");

	snprintf(host, size, "%.*s", (int)length, prefix);
}

static bool ends_with(const char *text, const char *suffix)
{
	size_t length = strlen(text);
	size_t suffix_length = strlen(suffix);

	return length > suffix_length && strcmp(text + length - suffix_length, suffix) == 0;
}

/* Private function, declared in src/options_gen_internal.h */
enum options_result options_gen_resolve_registry(struct gen_parse *parse)
{
	struct gen_options *options = parse->options;
	char host[VALIDATE_HOST_NAME_MAX + 1];

	if (options->registry != REGISTRY_UNSET && options->image_prefix != NULL) {
		bool quay, gar;

		prefix_host(options->image_prefix, host, sizeof host);
		quay = strcmp(host, QUAY_HOST) == 0;
		gar = ends_with(host, GAR_HOST_SUFFIX);
		/* Credentials and pull secrets follow the registry kind, so a
		 * prefix on the other registry would push where they do not work. */
		if ((quay && options->registry != REGISTRY_QUAY) ||
		    (gar && options->registry != REGISTRY_GAR)) {
			options_print_error(parse->err,
					    "--image-prefix is on '%s', but --registry is %s; drop "
					    "--registry or give a prefix on that registry",
					    host, options->registry == REGISTRY_GAR ? "gar" : "quay");
			return OPTIONS_USAGE;
		}
	}
	if (options->registry != REGISTRY_UNSET)
		return OPTIONS_OK;
	if (options->image_prefix != NULL) {
		prefix_host(options->image_prefix, host, sizeof host);
		if (strcmp(host, QUAY_HOST) == 0) {
			options->registry = REGISTRY_QUAY;
		} else if (ends_with(host, GAR_HOST_SUFFIX)) {
			options->registry = REGISTRY_GAR;
		} else {
			options_print_error(parse->err,
					    "cannot tell the registry from the host '%s' of --image-prefix; "
					    "add --registry gar or --registry quay",
					    host);
			return OPTIONS_USAGE;
		}
		return OPTIONS_OK;
	}
	if (options->provider == PROVIDER_GCP)
		options->registry = REGISTRY_GAR;
	else if (options->provider != PROVIDER_UNSET)
		options->registry = REGISTRY_QUAY;
	return OPTIONS_OK;
}

/* ------------------------------------------------------------------------
 * Defaults
 * ------------------------------------------------------------------------ */

static void default_string(char **field, const char *value)
{
	if (*field == NULL)
		*field = copy_string(value);
}

/* Check a host name that was computed rather than given. */
static enum options_result check_default_host(struct gen_parse *parse, const char *option,
					      const char *host)
{
	char reason[512];

	if (validate_host_name(host, reason, sizeof reason))
		return OPTIONS_OK;
	options_print_error(parse->err, "the default of %s, '%s', is not a valid host name: %s; "
			    "give %s HOST",
			    option, host, reason, option);
	return OPTIONS_USAGE;
}

static enum options_result default_domains(struct gen_parse *parse)
{
	struct gen_options *options = parse->options;

	default_string(&options->domain_suffix, DEFAULT_DOMAIN_SUFFIX);
	if (options->binderhub_domain == NULL) {
		options->binderhub_domain = format_string("%s.%s.%s", options->hub, options->cluster,
							  options->domain_suffix);
		if (check_default_host(parse, "--binderhub-domain", options->binderhub_domain) !=
		    OPTIONS_OK)
			return OPTIONS_USAGE;
	}
	if (options->jupyterhub_domain == NULL) {
		options->jupyterhub_domain = format_string("hub.%s", options->binderhub_domain);
		if (check_default_host(parse, "--jupyterhub-domain", options->jupyterhub_domain) !=
		    OPTIONS_OK)
			return OPTIONS_USAGE;
	}
	/* Separate hosts keep BinderHub's sharing URLs clean and give each
	 * ingress its own TLS certificate. */
	if (strcmp(options->binderhub_domain, options->jupyterhub_domain) == 0) {
		options_print_error(parse->err,
				    "--binderhub-domain and --jupyterhub-domain are both '%s'; give "
				    "BinderHub and JupyterHub different host names",
				    options->binderhub_domain);
		return OPTIONS_USAGE;
	}
	return OPTIONS_OK;
}

static enum options_result default_registry(struct gen_parse *parse)
{
	struct gen_options *options = parse->options;
	char host[VALIDATE_HOST_NAME_MAX + 1];

	default_string(&options->gcp_region, DEFAULT_GCP_REGION);
	if (options->registry_repository == NULL) {
		char reason[256];

		options->registry_repository = format_string("%s-registry", options->hub);
		/* A long hub name makes a default that the option itself rejects. */
		if (options->registry == REGISTRY_GAR &&
		    !validate_dns_label(options->registry_repository, reason, sizeof reason)) {
			options_print_error(parse->err,
					    "the default --registry-repository '%s' (the hub name and "
					    "'-registry') %s; give --registry-repository NAME",
					    options->registry_repository, reason);
			return OPTIONS_USAGE;
		}
	}

	if (options->image_prefix == NULL && options->registry == REGISTRY_QUAY)
		options->image_prefix = format_string("%s/%s/%s-%s-", QUAY_HOST, QUAY_ORGANISATION,
						      options->cluster, options->hub);
	if (options->image_prefix == NULL && options->registry == REGISTRY_GAR &&
	    options->gcp_project != NULL)
		options->image_prefix = format_string("%s%s/%s/%s/", options->gcp_region,
						      GAR_HOST_SUFFIX, options->gcp_project,
						      options->registry_repository);

	/* The registry URL follows the image prefix, so that a prefix in
	 * another region or registry gets the matching URL. */
	if (options->registry_url == NULL && options->image_prefix != NULL) {
		prefix_host(options->image_prefix, host, sizeof host);
		options->registry_url = format_string("https://%s", host);
	}
	if (options->registry_url == NULL && options->registry == REGISTRY_GAR)
		options->registry_url = format_string("https://%s%s", options->gcp_region,
						      GAR_HOST_SUFFIX);
	if (options->registry_url == NULL)
		options->registry_url = format_string("https://%s", QUAY_HOST);

	default_string(&options->registry_username,
		       options->registry == REGISTRY_GAR ? GAR_USERNAME : QUAY_USERNAME);
	return OPTIONS_OK;
}

static enum options_result apply_defaults(struct gen_parse *parse)
{
	struct gen_options *options = parse->options;

	default_string(&options->hub, DEFAULT_HUB);
	if (default_registry(parse) != OPTIONS_OK)
		return OPTIONS_USAGE;
	if (parse->command != GEN_VALUES)
		return OPTIONS_OK;

	default_string(&options->namespace_name, options->hub);
	default_string(&options->docker_storage_limit, DEFAULT_DOCKER_STORAGE_LIMIT);
	if (options->provider == PROVIDER_GCP)
		default_string(&options->instance_type, DEFAULT_INSTANCE_TYPE_GCP);
	else if (options->provider == PROVIDER_AWS)
		default_string(&options->instance_type, DEFAULT_INSTANCE_TYPE_AWS);
	return default_domains(parse);
}

/* ------------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------------ */

/* Exported function, documented in include/options.h */
enum options_result options_parse_gen_with(enum gen_command command, int argc, char **argv,
					   struct gen_options *out,
					   const struct options_streams *streams)
{
	struct gen_options options = {
		.command = command,
		.launch_logs = true,
		.comments = true,
	};
	struct gen_parse parse = {
		.command = command,
		.options = &options,
		.out = streams->out,
		.err = streams->err,
	};
	enum options_result result;

	memset(out, 0, sizeof *out);
	result = options_parse(&options_program, command, argc, argv, options_gen_handle_option,
			       &parse, streams->err);
	if (result == OPTIONS_OK)
		result = check_combinations(&parse);
	if (result == OPTIONS_OK)
		result = options_prompt_require_options(&parse, streams);
	if (result == OPTIONS_OK)
		result = apply_defaults(&parse);

	if (result != OPTIONS_OK) {
		gen_options_release(&options);
		return result;
	}
	*out = options;
	return OPTIONS_OK;
}

/* Exported function, documented in include/options.h */
enum options_result options_parse_gen(enum gen_command command, int argc, char **argv,
				      struct gen_options *out, FILE *out_stream, FILE *err_stream)
{
	struct options_streams streams = {
		.out = out_stream,
		.err = err_stream,
		.in = stdin,
		.interactive = isatty(STDIN_FILENO) && isatty(STDERR_FILENO),
	};

	return options_parse_gen_with(command, argc, argv, out, &streams);
}

/* Exported function, documented in include/options.h */
void gen_options_release(struct gen_options *options)
{
	char **strings[] = {
		&options->cluster, &options->hub, &options->namespace_name,
		&options->binderhub_domain, &options->jupyterhub_domain, &options->domain_suffix,
		&options->instance_type, &options->docker_storage_limit, &options->gcp_project,
		&options->gcp_region, &options->registry_repository, &options->image_prefix,
		&options->registry_url, &options->registry_username, &options->cors_origin,
		&options->banner, &options->about, &options->org_name, &options->org_logo_url,
		&options->org_url, &options->funded_by_name, &options->funded_by_url,
		&options->output, &options->registry_password_file, &options->launch_logs_key_file,
	};

	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		free(*strings[i]);
	string_list_release(&options->allowed_specs);
	string_list_release(&options->prompted);
	for (size_t i = 0; i < options->sets.count; i++)
		free(options->sets.items[i].text);
	free(options->sets.items);
	memset(options, 0, sizeof *options);
}
