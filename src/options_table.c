/* The option table of `values` and `secrets` and the program's documentation tables. */
#include "options.h"

#include <stddef.h>

#include "options_gen_internal.h"

#define BOTH (OPTION_COMMAND(GEN_VALUES) | OPTION_COMMAND(GEN_SECRETS))
#define VALUES OPTION_COMMAND(GEN_VALUES)
#define SECRETS OPTION_COMMAND(GEN_SECRETS)

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
	{"NO_COLOR",
	 "values and secrets write no colour whatever it is set to; see check for the text report."},
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

/* Private function, declared in src/options_gen_internal.h */
const struct option_spec *options_table_find_option(enum option_id id)
{
	for (size_t i = 0; i < sizeof option_table / sizeof option_table[0]; i++)
		if (option_table[i].id == id)
			return &option_table[i];
	return NULL;
}
