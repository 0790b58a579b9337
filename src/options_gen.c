/*
 * The options of `binderhub-gen values` and `binderhub-gen secrets`: the
 * table that --help, the man page and the completion script are printed
 * from, the handler that checks and stores each value, the prompts for
 * missing required options, and the defaults computed after parsing.
 * Documented in include/options.h.
 */
#include "options.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "validate.h"

#define BOTH (OPTION_COMMAND(GEN_VALUES) | OPTION_COMMAND(GEN_SECRETS))
#define VALUES OPTION_COMMAND(GEN_VALUES)
#define SECRETS OPTION_COMMAND(GEN_SECRETS)

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

static const char *const provider_choices[] = {"gcp", "aws", "azure", NULL};
static const char *const registry_choices[] = {"gar", "quay", NULL};
static const char *const auth_choices[] = {"github", "cilogon", NULL};

static const struct option_spec option_table[] = {
	/* Hub */
	{OPTION_CLUSTER, 0, "cluster", OPTION_ARGUMENT_REQUIRED, "NAME", NULL, NULL, false, false,
	 BOTH, OPTION_GROUP_HUB,
	 "Name of the cluster the hub runs on, as in config/clusters/<cluster>/; a DNS label "
	 "(1 to 63 characters of a-z, 0-9 and '-'). Required; asked for when run at a terminal.",
	 NULL},
	{OPTION_HUB, 0, "hub", OPTION_ARGUMENT_REQUIRED, "NAME", NULL, NULL, false, false,
	 BOTH, OPTION_GROUP_HUB,
	 "Name of the hub in the cluster's cluster.yaml; a DNS label. Default: binder.",
	 NULL},
	{OPTION_NAMESPACE, 0, "namespace", OPTION_ARGUMENT_REQUIRED, "NAME", NULL, NULL, false, false,
	 VALUES, OPTION_GROUP_HUB,
	 "Kubernetes namespace of the hub, used in the in-cluster JUPYTERHUB_API_URL; a DNS label. "
	 "Default: the hub name.",
	 NULL},
	{OPTION_BINDERHUB_DOMAIN, 0, "binderhub-domain", OPTION_ARGUMENT_REQUIRED, "HOST", NULL, NULL,
	 false, false, VALUES, OPTION_GROUP_HUB,
	 "Host name of the BinderHub UI (its ingress host and TLS certificate), lower case, without "
	 "scheme, port or path. Default: <hub>.<cluster>.<domain-suffix>.",
	 NULL},
	{OPTION_JUPYTERHUB_DOMAIN, 0, "jupyterhub-domain", OPTION_ARGUMENT_REQUIRED, "HOST", NULL, NULL,
	 false, false, VALUES, OPTION_GROUP_HUB,
	 "Host name of JupyterHub; must differ from the BinderHub host. "
	 "Default: hub.<binderhub-domain>.",
	 NULL},
	{OPTION_DOMAIN_SUFFIX, 0, "domain-suffix", OPTION_ARGUMENT_REQUIRED, "SUFFIX", NULL, NULL,
	 false, false, VALUES, OPTION_GROUP_HUB,
	 "Parent domain of the default BinderHub host. Default: 2i2c.cloud.",
	 NULL},
	{OPTION_NO_LAUNCH_LOGS, 0, "no-launch-logs", OPTION_ARGUMENT_NONE, NULL, NULL, NULL, false,
	 false, BOTH, OPTION_GROUP_HUB,
	 "Do not send launch events to 2i2c: values sets sendLogsOfLaunchEventsTo2i2c to false and "
	 "secrets needs no service-account key. Default: send them.",
	 NULL},
	{OPTION_PUBLIC_HUB_API, 0, "public-hub-api", OPTION_ARGUMENT_NONE, NULL, NULL, NULL, false,
	 false, VALUES, OPTION_GROUP_HUB,
	 "Set JUPYTERHUB_API_URL to the public https://<jupyterhub-domain>/hub/api. Default: the "
	 "in-cluster http://hub.<namespace>.svc.cluster.local:8081/hub/api.",
	 NULL},

	/* Provider and placement */
	{OPTION_GCP, 0, "gcp", OPTION_ARGUMENT_NONE, NULL, NULL, NULL, false, false,
	 BOTH, OPTION_GROUP_PROVIDER, "The cluster runs on Google Cloud; same as --provider gcp.", NULL},
	{OPTION_AWS, 0, "aws", OPTION_ARGUMENT_NONE, NULL, NULL, NULL, false, false,
	 BOTH, OPTION_GROUP_PROVIDER, "The cluster runs on Amazon Web Services; same as --provider aws.",
	 NULL},
	{OPTION_AZURE, 0, "azure", OPTION_ARGUMENT_NONE, NULL, NULL, NULL, false, false,
	 BOTH, OPTION_GROUP_PROVIDER, "The cluster runs on Microsoft Azure; same as --provider azure.",
	 NULL},
	{OPTION_PROVIDER, 0, "provider", OPTION_ARGUMENT_REQUIRED, "NAME", provider_choices, NULL, false,
	 false, BOTH, OPTION_GROUP_PROVIDER,
	 "Cloud provider of the cluster: gcp, aws or azure. Required, as this option or as one of "
	 "--gcp, --aws and --azure.",
	 NULL},
	{OPTION_INSTANCE_TYPE, 0, "instance-type", OPTION_ARGUMENT_REQUIRED, "TYPE", NULL, NULL, false,
	 false, VALUES, OPTION_GROUP_PROVIDER,
	 "Node instance type that user, build and docker-api pods are placed on, through the "
	 "node.kubernetes.io/instance-type label; a Kubernetes label value. Default: n2-highmem-4 "
	 "on gcp, r5.xlarge on aws; required on azure.",
	 NULL},
	{OPTION_DOCKER_STORAGE_LIMIT, 0, "docker-storage-limit", OPTION_ARGUMENT_REQUIRED, "QUANTITY",
	 NULL, NULL, false, false, VALUES, OPTION_GROUP_PROVIDER,
	 "Size limit of the docker-api pod's emptyDir volume for image layers; a Kubernetes quantity "
	 "such as 15Gi, 500Mi or 20G. Default: 15Gi.",
	 NULL},

	/* Registry */
	{OPTION_REGISTRY, 0, "registry", OPTION_ARGUMENT_REQUIRED, "KIND", registry_choices, NULL,
	 false, false, BOTH, OPTION_GROUP_REGISTRY,
	 "Image registry: gar (Google Artifact Registry) or quay (quay.io). Default: taken from the "
	 "host of --image-prefix when given, else gar on gcp and quay elsewhere.",
	 NULL},
	{OPTION_GCP_PROJECT, 0, "gcp-project", OPTION_ARGUMENT_REQUIRED, "ID", NULL, NULL, false, false,
	 BOTH, OPTION_GROUP_REGISTRY,
	 "ID of the GCP project that holds the Artifact Registry repository. Required by values "
	 "when the registry is gar and --image-prefix is not given.",
	 NULL},
	{OPTION_GCP_REGION, 0, "gcp-region", OPTION_ARGUMENT_REQUIRED, "REGION", NULL, NULL, false,
	 false, BOTH, OPTION_GROUP_REGISTRY,
	 "Region of the Artifact Registry repository. Default: us-central1.",
	 NULL},
	{OPTION_REGISTRY_REPOSITORY, 0, "registry-repository", OPTION_ARGUMENT_REQUIRED, "NAME", NULL,
	 NULL, false, false, BOTH, OPTION_GROUP_REGISTRY,
	 "Name of the Artifact Registry repository; a DNS label. Default: <hub>-registry.",
	 NULL},
	{OPTION_IMAGE_PREFIX, 0, "image-prefix", OPTION_ARGUMENT_REQUIRED, "PREFIX", NULL, NULL, false,
	 false, BOTH, OPTION_GROUP_REGISTRY,
	 "Prefix that BinderHub puts before the name of each image it pushes (BinderHub.image_prefix), "
	 "without scheme. Default: <region>-docker.pkg.dev/<project>/<repository>/ for gar, "
	 "quay.io/imagebuilding-non-gcp-hubs/<cluster>-<hub>- for quay.",
	 NULL},
	{OPTION_REGISTRY_URL, 0, "registry-url", OPTION_ARGUMENT_REQUIRED, "URL", NULL, NULL, false,
	 false, BOTH, OPTION_GROUP_REGISTRY,
	 "URL of the registry, for DockerRegistry.url and the build pods' credentials. Default: "
	 "https:// followed by the host of the image prefix.",
	 NULL},
	{OPTION_REGISTRY_USERNAME, 0, "registry-username", OPTION_ARGUMENT_REQUIRED, "NAME", NULL, NULL,
	 false, false, BOTH, OPTION_GROUP_REGISTRY,
	 "User name for the registry. Default: _json_key for gar, "
	 "imagebuilding-non-gcp-hubs+image_builder for quay.",
	 NULL},

	/* Authentication and homepage */
	{OPTION_AUTH, 0, "auth", OPTION_ARGUMENT_OPTIONAL, "MODE", auth_choices, "github", false, false,
	 VALUES, OPTION_GROUP_AUTH,
	 "Require users to log in, with GitHub (github, also used when MODE is left out) or CILogon "
	 "(cilogon). Default: no login.",
	 NULL},
	{OPTION_NO_AUTH, 0, "no-auth", OPTION_ARGUMENT_NONE, NULL, NULL, NULL, false, false,
	 VALUES, OPTION_GROUP_AUTH,
	 "Let anyone launch without logging in (NullAuthenticator, random user names). This is the "
	 "default.",
	 NULL},
	{OPTION_ALLOWED_SPEC, 0, "allowed-spec", OPTION_ARGUMENT_REQUIRED, "REGEX", NULL, NULL, false,
	 true, VALUES, OPTION_GROUP_AUTH,
	 "Build only GitHub repositories whose spec 'owner/repo/ref' matches this Python regular "
	 "expression, compared case-insensitively from the start of the spec; repeat the option for "
	 "several. Default: any repository.",
	 NULL},
	{OPTION_CORS, 0, "cors", OPTION_ARGUMENT_REQUIRED, "ORIGIN", NULL, NULL, false, false,
	 VALUES, OPTION_GROUP_AUTH,
	 "Allow cross-origin requests to BinderHub and JupyterHub from ORIGIN: '*' for any site, or "
	 "https://HOST[:PORT]; hubs without login only. Default: none.",
	 NULL},
	{OPTION_BANNER, 0, "banner", OPTION_ARGUMENT_REQUIRED, "TEXT", NULL, NULL, false, false,
	 VALUES, OPTION_GROUP_AUTH,
	 "HTML shown in a banner on every BinderHub page (BinderHub.banner_message). Default: none.",
	 NULL},
	{OPTION_ABOUT, 0, "about", OPTION_ARGUMENT_REQUIRED, "TEXT", NULL, NULL, false, false,
	 VALUES, OPTION_GROUP_AUTH,
	 "HTML of BinderHub's about page (BinderHub.about_message). Default: none.",
	 NULL},
	{OPTION_ORG_NAME, 0, "org-name", OPTION_ARGUMENT_REQUIRED, "TEXT", NULL, NULL, false, false,
	 VALUES, OPTION_GROUP_AUTH,
	 "Name of the organisation on the login page of a hub with --auth. Give all five of "
	 "--org-name, --org-logo-url, --org-url, --funded-by-name and --funded-by-url, or none. "
	 "Default: the login page shows no organisation.",
	 NULL},
	{OPTION_ORG_LOGO_URL, 0, "org-logo-url", OPTION_ARGUMENT_REQUIRED, "URL", NULL, NULL, false,
	 false, VALUES, OPTION_GROUP_AUTH,
	 "http:// or https:// URL of the organisation's logo on the login page.",
	 NULL},
	{OPTION_ORG_URL, 0, "org-url", OPTION_ARGUMENT_REQUIRED, "URL", NULL, NULL, false, false,
	 VALUES, OPTION_GROUP_AUTH,
	 "http:// or https:// URL that the organisation's name links to.",
	 NULL},
	{OPTION_FUNDED_BY_NAME, 0, "funded-by-name", OPTION_ARGUMENT_REQUIRED, "TEXT", NULL, NULL,
	 false, false, VALUES, OPTION_GROUP_AUTH,
	 "Name of the funder on the login page.",
	 NULL},
	{OPTION_FUNDED_BY_URL, 0, "funded-by-url", OPTION_ARGUMENT_REQUIRED, "URL", NULL, NULL, false,
	 false, VALUES, OPTION_GROUP_AUTH,
	 "http:// or https:// URL that the funder's name links to.",
	 NULL},

	/* Secret input */
	{OPTION_REGISTRY_PASSWORD_FILE, 0, "registry-password-file", OPTION_ARGUMENT_REQUIRED, "FILE",
	 NULL, NULL, true, false, SECRETS, OPTION_GROUP_SECRETS,
	 "Read the registry password (for gar, the service-account JSON key) from FILE, or from "
	 "stdin when FILE is '-'. Default: the environment variable BINDERHUB_GEN_REGISTRY_PASSWORD.",
	 NULL},
	{OPTION_LAUNCH_LOGS_KEY_FILE, 0, "launch-logs-key-file", OPTION_ARGUMENT_REQUIRED, "FILE", NULL,
	 NULL, true, false, SECRETS, OPTION_GROUP_SECRETS,
	 "Read the GCP service-account JSON key for sending launch events to 2i2c from FILE, or from "
	 "stdin when FILE is '-'. Default: the environment variable BINDERHUB_GEN_LAUNCH_LOGS_KEY. "
	 "Not used with --no-launch-logs.",
	 NULL},

	/* Output */
	{OPTION_OUTPUT, 'o', "output", OPTION_ARGUMENT_REQUIRED, "FILE", NULL, NULL, true, false,
	 BOTH, OPTION_GROUP_OUTPUT,
	 "Write to FILE instead of stdout; '-' means stdout. An existing FILE is replaced only with "
	 "--force. Default: stdout.",
	 NULL},
	{OPTION_FORCE, 0, "force", OPTION_ARGUMENT_NONE, NULL, NULL, NULL, false, false,
	 BOTH, OPTION_GROUP_OUTPUT,
	 "Replace the file of --output when it exists. Default: stop with an error.",
	 NULL},
	{OPTION_ALLOW_FINDINGS, 0, "allow-findings", OPTION_ARGUMENT_NONE, NULL, NULL, NULL, false,
	 false, BOTH, OPTION_GROUP_OUTPUT,
	 "Write the file even when the runbook rules find errors in it. Default: print the "
	 "errors, write nothing and exit with status 1.",
	 NULL},
	{OPTION_NO_COMMENTS, 0, "no-comments", OPTION_ARGUMENT_NONE, NULL, NULL, NULL, false, false,
	 VALUES, OPTION_GROUP_OUTPUT,
	 "Leave out the comments that explain each block. Default: write them.",
	 NULL},
	{OPTION_SET, 0, "set", OPTION_ARGUMENT_REQUIRED, "PATH=VALUE", NULL, NULL, false, true,
	 VALUES, OPTION_GROUP_OUTPUT,
	 "Set the value at PATH (keys joined by '.', as for helm --set) in the generated file; VALUE "
	 "is typed as helm --set types it. Repeatable; --set and --set-string apply in command-line "
	 "order.",
	 NULL},
	{OPTION_SET_STRING, 0, "set-string", OPTION_ARGUMENT_REQUIRED, "PATH=VALUE", NULL, NULL, false,
	 true, VALUES, OPTION_GROUP_OUTPUT,
	 "Like --set, but VALUE always stays a string.",
	 NULL},

	/* General */
	{OPTION_HELP, 'h', "help", OPTION_ARGUMENT_NONE, NULL, NULL, NULL, false, false,
	 BOTH, OPTION_GROUP_GENERAL, "Print this help and exit.", NULL},
	{OPTION_VERSION, 'V', "version", OPTION_ARGUMENT_NONE, NULL, NULL, NULL, false, false,
	 BOTH, OPTION_GROUP_GENERAL, "Print the version and exit.", NULL},

	/* Secrets must never be command-line arguments: they would show in ps
	 * output and in shell history.  These names are the ones users try. */
	{OPTION_REGISTRY_PASSWORD, 0, "registry-password", OPTION_ARGUMENT_OPTIONAL, "PASSWORD", NULL,
	 NULL, false, false, BOTH, OPTION_GROUP_SECRETS, NULL,
	 "option '--registry-password' is not accepted, because secrets on the command line show in "
	 "'ps' output and in shell history; use 'binderhub-gen secrets --registry-password-file FILE' "
	 "('-' reads stdin) or set the environment variable BINDERHUB_GEN_REGISTRY_PASSWORD"},
	{OPTION_PASSWORD, 0, "password", OPTION_ARGUMENT_OPTIONAL, "PASSWORD", NULL, NULL, false, false,
	 BOTH, OPTION_GROUP_SECRETS, NULL,
	 "option '--password' is not accepted, because secrets on the command line show in 'ps' "
	 "output and in shell history; use 'binderhub-gen secrets --registry-password-file FILE' "
	 "('-' reads stdin) or set the environment variable BINDERHUB_GEN_REGISTRY_PASSWORD"},
	{OPTION_LAUNCH_LOGS_KEY, 0, "launch-logs-key", OPTION_ARGUMENT_OPTIONAL, "KEY", NULL, NULL,
	 false, false, BOTH, OPTION_GROUP_SECRETS, NULL,
	 "option '--launch-logs-key' is not accepted, because secrets on the command line show in "
	 "'ps' output and in shell history; use 'binderhub-gen secrets --launch-logs-key-file FILE' "
	 "('-' reads stdin) or set the environment variable BINDERHUB_GEN_LAUNCH_LOGS_KEY"},
};

static const char *const group_titles[OPTION_GROUP__COUNT] = {
	[OPTION_GROUP_HUB] = "Hub",
	[OPTION_GROUP_PROVIDER] = "Provider and placement",
	[OPTION_GROUP_REGISTRY] = "Registry",
	[OPTION_GROUP_AUTH] = "Authentication and homepage",
	[OPTION_GROUP_SECRETS] = "Secret input",
	[OPTION_GROUP_OUTPUT] = "Output",
	[OPTION_GROUP_GENERAL] = "General",
};

static const struct command_spec command_table[] = {
	{GEN_VALUES, "values", "--cluster NAME --gcp|--aws|--azure [OPTION]...",
	 "write the values file of a binderhub-ui hub",
	 "Write the Helm values file of a binderhub-ui hub: the BinderHub UI on its own domain next "
	 "to JupyterHub, without persistent storage, for the basehub chart with its jupyterhub and "
	 "binderhub-service subcharts. The file goes to stdout or to --output, with comments that "
	 "explain each block; review it before committing it as "
	 "config/clusters/<cluster>/<hub>.values.yaml."},
	{GEN_SECRETS, "secrets", "--cluster NAME --gcp|--aws|--azure [OPTION]...",
	 "write the secret values file of a binderhub-ui hub, unencrypted",
	 "Write the secret values of a binderhub-ui hub unencrypted: the registry password (and for "
	 "quay.io the image pull secret) and the key for sending launch events to 2i2c. Secrets are "
	 "read from files or environment variables, never from the command line. Pipe the output "
	 "into sops --encrypt and commit only the encrypted "
	 "config/clusters/<cluster>/enc-<hub>.secret.values.yaml."},
};

static const struct doc_entry environment_table[] = {
	{"NO_COLOR", "When set to a non-empty value, output contains no colour escape sequences."},
	{"BINDERHUB_GEN_REGISTRY_PASSWORD",
	 "Registry password for secrets when --registry-password-file is not given."},
	{"BINDERHUB_GEN_LAUNCH_LOGS_KEY",
	 "GCP service-account JSON key for sending launch events to 2i2c, for secrets when "
	 "--launch-logs-key-file is not given."},
};

static const struct doc_entry exit_status_table[] = {
	{"0", "Success."},
	{"1", "The generated file breaks a runbook rule at error level, so nothing was written "
	      "(see --allow-findings)."},
	{"2", "Usage error or unreadable input."},
};

static const struct doc_entry example_table[] = {
	{"binderhub-gen values --cluster <cluster> --hub <hub> --gcp --gcp-project <project> \\\n"
	 "    -o config/clusters/<cluster>/<hub>.values.yaml",
	 "Write the values file of a hub without login on a GCP cluster, pushing images to the "
	 "project's Artifact Registry:"},
	{"binderhub-gen values --cluster <cluster> --hub <hub> --aws --no-auth \\\n"
	 "    --allowed-spec '^<org>/.*' --cors '*'",
	 "Write the values file of a hub without login on an AWS cluster that builds only the "
	 "repositories of one GitHub organisation and accepts requests from any site:"},
	{"binderhub-gen secrets --cluster <cluster> --hub <hub> --gcp \\\n"
	 "    --registry-password-file registry-key.json --launch-logs-key-file launch-logs-key.json |\n"
	 "  sops --encrypt --filename-override config/clusters/<cluster>/enc-<hub>.secret.values.yaml \\\n"
	 "    --input-type yaml --output-type yaml /dev/stdin \\\n"
	 "    > config/clusters/<cluster>/enc-<hub>.secret.values.yaml",
	 "Encrypt the secret values file without writing the secrets to disk unencrypted; "
	 "--filename-override makes sops pick the creation rule for the final path:"},
};

/* Exported data, documented in include/options.h */
const struct program_spec options_program = {
	.name = "binderhub-gen",
	.version = BHG_VERSION,
	.summary = "write and check the values files of 2i2c binderhub-ui hubs",
	.description =
		"binderhub-gen writes the Helm values files of a binderhub-ui hub, 2i2c's BinderHub "
		"with a mybinder.org-style UI, from a few options: one file with the hub's "
		"configuration and one with its secrets, to be encrypted with sops. It also checks "
		"the values files of a hub, given as files or as its cluster.yaml lists them, against "
		"the rules of the binderhub-ui runbook.",
	.commands = command_table,
	.command_count = sizeof command_table / sizeof command_table[0],
	.options = option_table,
	.option_count = sizeof option_table / sizeof option_table[0],
	.group_titles = group_titles,
	.environment = environment_table,
	.environment_count = sizeof environment_table / sizeof environment_table[0],
	.exit_statuses = exit_status_table,
	.exit_status_count = sizeof exit_status_table / sizeof exit_status_table[0],
	.examples = example_table,
	.example_count = sizeof example_table / sizeof example_table[0],
};

/* Exported function, documented in include/options.h */
const char *options_command_name(enum gen_command command)
{
	for (size_t i = 0; i < sizeof command_table / sizeof command_table[0]; i++)
		if (command_table[i].command == command)
			return command_table[i].name;
	return "?";
}

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

static void string_list_append(struct string_list *list, const char *value)
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

struct gen_parse {
	enum gen_command command;
	struct gen_options *options;
	FILE *out;
	FILE *err;
	char provider_option[32]; /* The option that set the provider, for messages. */
	bool auth_given;
};

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
static const struct value_kind quantity_kind = {
	validate_quantity,
	"give a Kubernetes quantity such as 15Gi, 500Mi or 20G",
};
static const struct value_kind label_value_kind = {
	validate_label_value,
	"give the instance type as the cloud names it, such as n2-highmem-4 or r5.xlarge "
	"(at most 63 letters, digits, '-', '_' and '.')",
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

static enum options_result handle_option(void *context, const struct option_spec *spec,
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
		return store_checked(parse, &options->domain_suffix, given, value, &host_name_kind);
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
		string_list_append(&options->allowed_specs, value);
		return OPTIONS_OK;
	case OPTION_CORS:
		return store_checked(parse, &options->cors_origin, given, value, &cors_origin_kind);
	case OPTION_BANNER:
		replace_string(&options->banner, value);
		return OPTIONS_OK;
	case OPTION_ABOUT:
		replace_string(&options->about, value);
		return OPTIONS_OK;
	case OPTION_ORG_NAME:
		replace_string(&options->org_name, value);
		return OPTIONS_OK;
	case OPTION_ORG_LOGO_URL:
		return store_checked(parse, &options->org_logo_url, given, value, &http_url_kind);
	case OPTION_ORG_URL:
		return store_checked(parse, &options->org_url, given, value, &http_url_kind);
	case OPTION_FUNDED_BY_NAME:
		replace_string(&options->funded_by_name, value);
		return OPTIONS_OK;
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
 * Checks across options, required options and prompts
 * ------------------------------------------------------------------------ */

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

/* Choose the registry: the explicit option, else the image prefix's host,
 * else the provider's usual one.  Stays unset while the provider is unknown. */
static enum options_result resolve_registry(struct gen_parse *parse)
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

enum required_option {
	REQUIRED_CLUSTER,
	REQUIRED_PROVIDER,
	REQUIRED_GCP_PROJECT,
	REQUIRED_INSTANCE_TYPE,
	REQUIRED__COUNT,
};

/* The question of a prompt and the option that stores the reply. */
struct required_prompt {
	enum option_id option;
	const char *question;
	const char *listed_as; /* In the "missing required options" message. */
};

static const struct required_prompt required_prompts[REQUIRED__COUNT] = {
	[REQUIRED_CLUSTER] = {OPTION_CLUSTER, "Cluster name", "--cluster"},
	[REQUIRED_PROVIDER] = {OPTION_PROVIDER, "Cloud provider (gcp, aws or azure)",
			       "--gcp|--aws|--azure"},
	[REQUIRED_GCP_PROJECT] = {OPTION_GCP_PROJECT, "GCP project ID of the Artifact Registry",
				  "--gcp-project"},
	[REQUIRED_INSTANCE_TYPE] = {OPTION_INSTANCE_TYPE,
				    "Instance type of the user nodes, as Azure names it",
				    "--instance-type"},
};

static bool is_missing(const struct gen_parse *parse, enum required_option required)
{
	const struct gen_options *options = parse->options;
	bool values = parse->command == GEN_VALUES;

	switch (required) {
	case REQUIRED_CLUSTER:
		return options->cluster == NULL;
	case REQUIRED_PROVIDER:
		return options->provider == PROVIDER_UNSET;
	case REQUIRED_GCP_PROJECT:
		/* Only values writes image_prefix; secrets can do without it. */
		return values && options->registry == REGISTRY_GAR && options->image_prefix == NULL &&
		       options->gcp_project == NULL;
	case REQUIRED_INSTANCE_TYPE:
		return values && options->provider == PROVIDER_AZURE && options->instance_type == NULL;
	case REQUIRED__COUNT:
		break;
	}
	return false;
}

static const struct option_spec *find_option(enum option_id id)
{
	for (size_t i = 0; i < sizeof option_table / sizeof option_table[0]; i++)
		if (option_table[i].id == id)
			return &option_table[i];
	return NULL;
}

/* Check a reply against the option's choices, as the parser does for the
 * option.  Options without choices accept any reply here. */
static bool is_choice(const struct option_spec *spec, const char *reply, FILE *err,
		      const char *given)
{
	char quoted[OPTIONS_QUOTE_SIZE];
	char list[128] = "";

	if (spec->choices == NULL)
		return true;
	for (const char *const *choice = spec->choices; *choice != NULL; choice++) {
		size_t used = strlen(list);

		if (strcmp(*choice, reply) == 0)
			return true;
		snprintf(list + used, sizeof list - used, "%s%s", used > 0 ? ", " : "", *choice);
	}
	options_print_error(err, "invalid value '%s' for option '%s'; valid values are %s",
			    options_quote(reply, quoted, sizeof quoted), given, list);
	return false;
}

/* Remove spaces and the line end around a reply, in place. */
static char *trim(char *text)
{
	size_t length;

	text += strspn(text, " \t");
	length = strlen(text);
	while (length > 0 && strchr(" \t\r\n", text[length - 1]) != NULL)
		text[--length] = '\0';
	return text;
}

/* Prompt for one option until the reply is valid.  The reply goes through
 * the same handler as the option, so it is checked the same way. */
static enum options_result prompt_for(struct gen_parse *parse, const struct options_streams *streams,
				      const struct required_prompt *prompt)
{
	const struct option_spec *spec = find_option(prompt->option);
	char given[64];
	char *line = NULL;
	size_t capacity = 0;
	enum options_result result = OPTIONS_USAGE;

	snprintf(given, sizeof given, "--%s", spec->long_name);
	for (;;) {
		char *reply;

		fprintf(streams->err, "%s (%s): ", prompt->question, given);
		fflush(streams->err);
		if (getline(&line, &capacity, streams->in) < 0) {
			fputc('\n', streams->err);
			options_print_error(streams->err,
					    "no answer for %s before the end of input; pass %s %s",
					    given, given, spec->argument_name);
			break;
		}
		reply = trim(line);
		if (reply[0] == '\0')
			continue;
		if (!is_choice(spec, reply, streams->err, given))
			continue;
		result = handle_option(parse, spec, given, reply);
		if (result == OPTIONS_OK) {
			char *recorded = NULL;
			size_t length = strlen(given) + strlen(reply) + 2;

			recorded = malloc(length);
			if (!recorded)
				abort();
			snprintf(recorded, length, "%s=%s", given, reply);
			string_list_append(&parse->options->prompted, recorded);
			free(recorded);
			break;
		}
	}
	free(line);
	return result;
}

static enum options_result require_options(struct gen_parse *parse,
					   const struct options_streams *streams)
{
	char missing[160] = "";
	const char *name = options_command_name(parse->command);

	if (resolve_registry(parse) != OPTIONS_OK)
		return OPTIONS_USAGE;

	if (streams->interactive) {
		/* One at a time, because the provider decides whether a project
		 * or an instance type is needed. */
		for (int required = 0; required < REQUIRED__COUNT; required++) {
			if (!is_missing(parse, (enum required_option)required))
				continue;
			if (prompt_for(parse, streams, &required_prompts[required]) != OPTIONS_OK)
				return OPTIONS_USAGE;
			if (resolve_registry(parse) != OPTIONS_OK)
				return OPTIONS_USAGE;
		}
		return OPTIONS_OK;
	}

	for (int required = 0; required < REQUIRED__COUNT; required++) {
		size_t used = strlen(missing);

		if (!is_missing(parse, (enum required_option)required))
			continue;
		snprintf(missing + used, sizeof missing - used, "%s%s", used > 0 ? ", " : "",
			 required_prompts[required].listed_as);
	}
	if (missing[0] == '\0')
		return OPTIONS_OK;
	options_print_error(parse->err, "missing required options: %s; see 'binderhub-gen %s --help'",
			    missing, name);
	return OPTIONS_USAGE;
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

static void default_registry(struct gen_parse *parse)
{
	struct gen_options *options = parse->options;
	char host[VALIDATE_HOST_NAME_MAX + 1];

	default_string(&options->gcp_region, DEFAULT_GCP_REGION);
	if (options->registry_repository == NULL)
		options->registry_repository = format_string("%s-registry", options->hub);

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
}

static enum options_result apply_defaults(struct gen_parse *parse)
{
	struct gen_options *options = parse->options;

	default_string(&options->hub, DEFAULT_HUB);
	default_registry(parse);
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
	result = options_parse(&options_program, command, argc, argv, handle_option, &parse,
			       streams->err);
	if (result == OPTIONS_OK)
		result = check_combinations(&parse);
	if (result == OPTIONS_OK)
		result = require_options(&parse, streams);
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
