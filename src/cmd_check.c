/*
 * `binderhub-gen check`: the option table of the command, the checks of
 * option combinations, and the choice between checking files, one hub or
 * every hub of a cluster.yaml, and every cluster of a checkout
 * (src/cmd_check_hubs.c runs them).
 *
 * The options go through the generic parser of include/options.h with a
 * table of their own, so --help and the error messages look like those of
 * `values` and `secrets`.  The table stays apart from the generator's
 * because check gives --auth, --provider and --namespace other arguments
 * and meanings, and the parser identifies an option by its name alone.
 * `binderhub-gen man` and `completion` print both tables (src/cmd_docs.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd_check.h"
#include "commands.h"
#include "engine.h"
#include "options.h"
#include "report.h"
#include "rules.h"
#include "validate.h"

/*
 * The command's number in its own option table.  check's table is separate
 * from the one of values and secrets (src/options_table.c).  It takes the
 * first number those two do not use, because the man page and the
 * completion script print both tables and tell commands apart by their bits.
 */
#define CHECK_COMMAND GEN__COUNT
#define CHECK OPTION_COMMAND(CHECK_COMMAND)

/* Entries of check_option_table; the handler identifies an option by its index. */
enum check_option {
	CHECK_OPTION_CLUSTER_FILE,
	CHECK_OPTION_HUB,
	CHECK_OPTION_ALL_HUBS,
	CHECK_OPTION_REPO,
	CHECK_OPTION_DEPLOYER_VALUES,
	CHECK_OPTION_NO_DEPLOYER_LAYER,
	CHECK_OPTION_AUTH,
	CHECK_OPTION_NO_AUTH,
	CHECK_OPTION_PROVIDER,
	CHECK_OPTION_NAMESPACE,
	CHECK_OPTION_DASKHUB,
	CHECK_OPTION_CHART_VALUES,
	CHECK_OPTION_NO_CHART_VALUES,
	CHECK_OPTION_DISABLE,
	CHECK_OPTION_SEVERITY,
	CHECK_OPTION_STRICT,
	CHECK_OPTION_FORMAT,
	CHECK_OPTION_COLOR,
	CHECK_OPTION_HELP,
	CHECK_OPTION__COUNT,
};

static const char *const provider_choices[] = {"gcp", "aws", "azure", "other", NULL};
static const char *const format_choices[] = {"text", "json", "github", "sarif", "auto", NULL};
static const char *const color_choices[] = {"auto", "always", "never", NULL};

/* option_spec.id names options of values and secrets; OPTION__COUNT marks
 * these as none of them. */
#define CHECK_ENTRY(name_, argument_, argument_name_, choices_, file_, repeatable_, group_, help_) \
	{.id = OPTION__COUNT, .long_name = name_, .argument = argument_,                            \
	 .argument_name = argument_name_, .choices = choices_, .file_argument = file_,            \
	 .repeatable = repeatable_, .commands = CHECK, .group = group_, .help = help_}

static const struct option_spec check_option_table[CHECK_OPTION__COUNT] = {
	[CHECK_OPTION_CLUSTER_FILE] = CHECK_ENTRY(
		"cluster-file", OPTION_ARGUMENT_REQUIRED, "FILE", NULL, true, false, OPTION_GROUP_HUB,
		"Check a hub of this cluster.yaml, given with --hub or --all-hubs, instead of FILE "
		"arguments: its helm_chart_values_files in their order, relative to the cluster.yaml, "
		"after the deployer's own layer. The cluster's name and provider and the hub's name "
		"(also its namespace), domain and helm_chart are passed to the rules."),
	[CHECK_OPTION_HUB] = CHECK_ENTRY(
		"hub", OPTION_ARGUMENT_REQUIRED, "NAME", NULL, false, false, OPTION_GROUP_HUB,
		"Name of the hub in the cluster.yaml of --cluster-file."),
	[CHECK_OPTION_ALL_HUBS] = CHECK_ENTRY(
		"all-hubs", OPTION_ARGUMENT_NONE, NULL, NULL, false, false, OPTION_GROUP_HUB,
		"Check every binderhub-ui hub of the cluster.yaml of --cluster-file: those whose values "
		"turn on jupyterhub.custom.binderhubUI or binderhub-service, or mention binderhubUI at "
		"all. Print a line 'hub NAME: N errors, N warnings, N infos' after each and name the "
		"skipped hubs on stderr. The exit status is the highest of all hubs."),
	[CHECK_OPTION_REPO] = CHECK_ENTRY(
		"repo", OPTION_ARGUMENT_REQUIRED, "PATH", NULL, true, false, OPTION_GROUP_HUB,
		"Check every binderhub-ui hub of every config/clusters/*/cluster.yaml of the checkout "
		"of the infrastructure repository that contains PATH, such as '.', as --all-hubs does; "
		"each hub's line starts with its cluster's name."),
	[CHECK_OPTION_DEPLOYER_VALUES] = CHECK_ENTRY(
		"deployer-values", OPTION_ARGUMENT_REQUIRED, "FILE", NULL, true, false,
		OPTION_GROUP_HUB,
		"Use this file, helm-charts/basehub/values.jsonnet as the deployer renders it for the "
		"hub, as the first layer. Default: with --cluster-file, a layer emulated from "
		"cluster.yaml (ingress, OAuth URLs, JUPYTERHUB_API_URL and node selectors); without "
		"it, none. Findings never point into either, as the user does not edit them."),
	[CHECK_OPTION_NO_DEPLOYER_LAYER] = CHECK_ENTRY(
		"no-deployer-layer", OPTION_ARGUMENT_NONE, NULL, NULL, false, false, OPTION_GROUP_HUB,
		"Check without the deployer's layer, as if helm got the hub's values files alone."),
	[CHECK_OPTION_AUTH] = CHECK_ENTRY(
		"auth", OPTION_ARGUMENT_NONE, NULL, NULL, false, false, OPTION_GROUP_HUB,
		"Check the hub as one where users log in, whatever its authenticator_class says."),
	[CHECK_OPTION_NO_AUTH] = CHECK_ENTRY(
		"no-auth", OPTION_ARGUMENT_NONE, NULL, NULL, false, false, OPTION_GROUP_HUB,
		"Check the hub as one without login (null or tmp authenticator). Default for both: "
		"from jupyterhub.hub.config.JupyterHub.authenticator_class, else from "
		"BinderSpawnerMixin.auth_enabled."),
	[CHECK_OPTION_PROVIDER] = CHECK_ENTRY(
		"provider", OPTION_ARGUMENT_REQUIRED, "NAME", provider_choices, false, false,
		OPTION_GROUP_HUB,
		"Cloud provider of the cluster: gcp, aws, azure or other (kubeconfig clusters). "
		"Default: guessed from the node.kubernetes.io/instance-type node selectors; the "
		"rules for GCP and AWS hubs are skipped when it stays unknown."),
	[CHECK_OPTION_NAMESPACE] = CHECK_ENTRY(
		"namespace", OPTION_ARGUMENT_REQUIRED, "NAME", NULL, false, false, OPTION_GROUP_HUB,
		"Kubernetes namespace of the hub (its name in cluster.yaml), which an in-cluster "
		"JUPYTERHUB_API_URL must name; a DNS label. Default: unknown, not compared."),
	[CHECK_OPTION_DASKHUB] = CHECK_ENTRY(
		"daskhub", OPTION_ARGUMENT_NONE, NULL, NULL, false, false, OPTION_GROUP_HUB,
		"The hub uses the legacy daskhub chart (helm_chart: daskhub): only the basehub: "
		"subtree of each file reaches basehub."),
	[CHECK_OPTION_CHART_VALUES] = CHECK_ENTRY(
		"chart-values", OPTION_ARGUMENT_REQUIRED, "FILE", NULL, true, false, OPTION_GROUP_HUB,
		"Coalesce the values onto this basehub values.yaml, such as "
		"helm-charts/basehub/values.yaml of the same infrastructure revision as the files. "
		"Default: that file of the infrastructure checkout that contains the cluster.yaml, "
		"--repo or the first FILE, else the chart defaults built into binderhub-gen."),
	[CHECK_OPTION_NO_CHART_VALUES] = CHECK_ENTRY(
		"no-chart-values", OPTION_ARGUMENT_NONE, NULL, NULL, false, false, OPTION_GROUP_HUB,
		"Check the files without any chart defaults underneath."),
	[CHECK_OPTION_DISABLE] = CHECK_ENTRY(
		"disable", OPTION_ARGUMENT_REQUIRED, "RULE", NULL, false, true, OPTION_GROUP_OUTPUT,
		"Do not run RULE, a code such as BH139 or a name such as allowed-specs-set, or each "
		"of a comma-separated list; repeatable. A comment '# binderhub-gen: disable=RULE' above a key does the same for "
		"that key, and at the top of a file for the whole file."),
	[CHECK_OPTION_SEVERITY] = CHECK_ENTRY(
		"severity", OPTION_ARGUMENT_REQUIRED, "RULE=LEVEL", NULL, false, true,
		OPTION_GROUP_OUTPUT,
		"Report the findings of RULE as LEVEL: error, warning or info (note is the same as "
		"info); repeatable."),
	[CHECK_OPTION_STRICT] = CHECK_ENTRY(
		"strict", OPTION_ARGUMENT_NONE, NULL, NULL, false, false, OPTION_GROUP_OUTPUT,
		"Exit with status 1 on warnings too, not only on errors."),
	[CHECK_OPTION_FORMAT] = CHECK_ENTRY(
		"format", OPTION_ARGUMENT_REQUIRED, "FORMAT", format_choices, false, false,
		OPTION_GROUP_OUTPUT,
		"Output format: text (gcc-style lines with the fix for each finding), json, github "
		"(GitHub Actions annotations), sarif (SARIF 2.1.0) or auto. Default: auto, which is "
		"github when GITHUB_ACTIONS is set and text otherwise."),
	/* Optional like GNU ls's --color, so that "--color FILE" never takes
	 * the file for the colour mode. */
	[CHECK_OPTION_COLOR] = {
		.id = OPTION__COUNT, .long_name = "color", .argument = OPTION_ARGUMENT_OPTIONAL,
		.argument_name = "WHEN", .choices = color_choices, .implied_value = "always",
		.commands = CHECK, .group = OPTION_GROUP_OUTPUT,
		.help = "Colour the text format: auto (when standard output is a terminal, NO_COLOR "
			"is unset or empty and TERM is not dumb), always (also --color alone) or "
			"never. Default: auto."},
	[CHECK_OPTION_HELP] = {.id = OPTION_HELP, .short_name = 'h', .long_name = "help",
			       .argument = OPTION_ARGUMENT_NONE, .commands = CHECK,
			       .group = OPTION_GROUP_GENERAL, .help = "Print this help and exit."},
};

static const char *const check_group_titles[OPTION_GROUP__COUNT] = {
	[OPTION_GROUP_HUB] = "Hub and chart defaults",
	[OPTION_GROUP_PROVIDER] = "",
	[OPTION_GROUP_REGISTRY] = "",
	[OPTION_GROUP_AUTH] = "",
	[OPTION_GROUP_SECRETS] = "",
	[OPTION_GROUP_OUTPUT] = "Findings and output",
	[OPTION_GROUP_GENERAL] = "General",
};

static const struct command_spec check_command_table[] = {
	{CHECK_COMMAND, "check", "[OPTION]... FILE...",
	 "check a binderhub-ui hub's values files against the runbook rules",
	 "Check the values files of a binderhub-ui hub against every rule of the binderhub-ui "
	 "runbook ('binderhub-gen rules' lists them). Give the files in helm --values order "
	 "('-' reads standard input), or name the hub in its cluster.yaml with --cluster-file "
	 "and --hub. They are layered as helm layers them, after the deployer's own layer when "
	 "the hub comes from cluster.yaml, and coalesced onto basehub's chart defaults; each "
	 "finding points at the file and line that supplied the value. Encrypted sops files can "
	 "be checked as they are: ENC[...] values count as set."},
};

static const struct doc_entry check_environment_table[] = {
	{"GITHUB_ACTIONS", "When set and not empty, --format auto writes GitHub annotations."},
	{"NO_COLOR", "When set to a non-empty value, --color=auto writes no colour."},
};

static const struct doc_entry check_exit_status_table[] = {
	{"0", "No error-level findings (warnings and infos allowed)."},
	{"1", "At least one error-level finding, or a warning with --strict."},
	{"2", "Usage error, a file that cannot be read or YAML that does not parse."},
};

static const struct doc_entry check_example_table[] = {
	{"binderhub-gen check --cluster-file config/clusters/<cluster>/cluster.yaml --hub <hub>",
	 "From the top folder of an infrastructure checkout, check a hub as the deployer layers "
	 "it: the emulated deployer layer, then the files that cluster.yaml lists, over the "
	 "checkout's helm-charts/basehub/values.yaml:"},
	{"binderhub-gen check --repo . --format github",
	 "In a GitHub Actions workflow, check every binderhub-ui hub of the checkout and write "
	 "the findings as annotations:"},
};

/* Exported data, documented in include/commands.h */
const struct program_spec cmd_check_program = {
	.name = "binderhub-gen",
	.version = BHG_VERSION,
	.summary = "check the values files of 2i2c binderhub-ui hubs",
	.description = "",
	.commands = check_command_table,
	.command_count = sizeof(check_command_table) / sizeof(check_command_table[0]),
	.options = check_option_table,
	.option_count = CHECK_OPTION__COUNT,
	.group_titles = check_group_titles,
	.environment = check_environment_table,
	.environment_count = sizeof(check_environment_table) / sizeof(check_environment_table[0]),
	.exit_statuses = check_exit_status_table,
	.exit_status_count = sizeof(check_exit_status_table) / sizeof(check_exit_status_table[0]),
	.examples = check_example_table,
	.example_count = sizeof(check_example_table) / sizeof(check_example_table[0]),
};

static const char *quote(const char *text, char *buffer)
{
	return options_quote(text, buffer, OPTIONS_QUOTE_SIZE);
}

/* The rule named by text, or NULL after printing an error naming option. */
static const struct rule_info *find_rule(const char *text, const char *option)
{
	const struct rule_info *rule = rules_find(text);
	const struct rule_info *suggestion;
	char quoted[OPTIONS_QUOTE_SIZE];

	if (rule)
		return rule;
	suggestion = rules_suggest(text);
	if (suggestion)
		options_print_error(stderr, "unknown rule '%s' in option '%s'; did you mean '%s' (%s)?",
				    quote(text, quoted), option, suggestion->code, suggestion->name);
	else
		options_print_error(stderr,
				    "unknown rule '%s' in option '%s'; run 'binderhub-gen rules' to "
				    "list them",
				    quote(text, quoted), option);
	return NULL;
}

static enum options_result set_severity(struct check_request *request, const char *value)
{
	const char *equals = strchr(value, '=');
	char quoted[OPTIONS_QUOTE_SIZE];
	const struct rule_info *rule;
	enum severity severity;
	char *name;

	if (!equals || equals == value) {
		options_print_error(stderr,
				    "invalid value '%s' for option '--severity'; write RULE=LEVEL, "
				    "for example '--severity BH055=warning'",
				    quote(value, quoted));
		return OPTIONS_USAGE;
	}
	name = strndup(value, (size_t)(equals - value));
	if (!name)
		abort();
	rule = find_rule(name, "--severity");
	free(name);
	if (!rule)
		return OPTIONS_USAGE;
	/* The text and github formats print info findings as "note". */
	if (strcasecmp(equals + 1, "note") == 0) {
		severity = SEVERITY_INFO;
	} else if (severity_parse(equals + 1, &severity) != 0) {
		options_print_error(stderr,
				    "invalid level '%s' in option '--severity %s'; valid levels are "
				    "error, warning, info (or its synonym note)",
				    quote(equals + 1, quoted), rule->code);
		return OPTIONS_USAGE;
	}
	if (request->settings.severity_set[rule->id] &&
	    request->settings.severity[rule->id] != severity) {
		options_print_error(stderr,
				    "option '--severity' gives rule %s two levels, '%s' and '%s'; give "
				    "one",
				    rule->code, severity_name(request->settings.severity[rule->id]),
				    severity_name(severity));
		return OPTIONS_USAGE;
	}
	request->settings.severity_set[rule->id] = true;
	request->settings.severity[rule->id] = severity;
	return OPTIONS_OK;
}

/* Disable each rule of a comma-separated list, as the disable= pragma reads it. */
static enum options_result set_disabled(struct check_request *request, const char *value,
					const char *option)
{
	char quoted[OPTIONS_QUOTE_SIZE];
	const char *start = value;

	for (;;) {
		size_t length = strcspn(start, ",");
		const struct rule_info *rule;
		char *name = strndup(start, length);

		if (!name)
			abort();
		rule = length ? find_rule(name, option) : NULL;
		free(name);
		if (!length)
			options_print_error(stderr,
					    "invalid value '%s' for option '%s', which has an empty "
					    "rule name; separate rules by single commas, as in "
					    "'BH139,BH158'",
					    quote(value, quoted), option);
		if (!rule)
			return OPTIONS_USAGE;
		request->settings.disabled[rule->id] = true;
		if (start[length] == '\0')
			return OPTIONS_OK;
		start += length + 1;
	}
}

static const char *mode_option_name(enum hub_mode mode)
{
	return mode == HUB_AUTHENTICATED ? "--auth" : "--no-auth";
}

static enum options_result set_mode(struct check_request *request, enum hub_mode mode)
{
	if (request->derive.mode_given && request->derive.mode != mode) {
		options_print_error(stderr, "options '%s' and '%s' contradict each other; give one",
				    mode_option_name(request->derive.mode), mode_option_name(mode));
		return OPTIONS_USAGE;
	}
	request->derive.mode_given = true;
	request->derive.mode = mode;
	return OPTIONS_OK;
}

/* Function shared with cmd_check_hubs.c, documented in cmd_check.h */
enum hub_provider check_provider_of_name(const char *name)
{
	if (strcmp(name, "gcp") == 0)
		return HUB_PROVIDER_GCP;
	if (strcmp(name, "aws") == 0)
		return HUB_PROVIDER_AWS;
	if (strcmp(name, "azure") == 0)
		return HUB_PROVIDER_AZURE;
	return HUB_PROVIDER_OTHER;
}

/* Note that file is read; standard input ("-") can be read once. */
static enum options_result take_file(struct check_request *request, const char *file)
{
	if (strcmp(file, "-") != 0)
		return OPTIONS_OK;
	if (request->stdin_given) {
		options_print_error(stderr, "standard input ('-') is given twice; it can be read once");
		return OPTIONS_USAGE;
	}
	request->stdin_given = true;
	return OPTIONS_OK;
}

static enum options_result add_file(struct check_request *request, const char *file)
{
	if (take_file(request, file) != OPTIONS_OK)
		return OPTIONS_USAGE;
	request->files[request->file_count++] = file;
	return OPTIONS_OK;
}

static enum options_result handle_option(void *context, const struct option_spec *spec,
					 const char *given, const char *value)
{
	struct check_request *request = context;
	char reason[256];
	char quoted[OPTIONS_QUOTE_SIZE];

	if (!spec)
		return add_file(request, value);

	switch ((enum check_option)(spec - check_option_table)) {
	case CHECK_OPTION_CLUSTER_FILE:
		request->cluster_file = value;
		return OPTIONS_OK;
	case CHECK_OPTION_HUB:
		request->hub = value;
		return OPTIONS_OK;
	case CHECK_OPTION_ALL_HUBS:
		request->all_hubs = true;
		return OPTIONS_OK;
	case CHECK_OPTION_REPO:
		request->repo = value;
		return OPTIONS_OK;
	case CHECK_OPTION_DEPLOYER_VALUES:
		if (take_file(request, value) != OPTIONS_OK)
			return OPTIONS_USAGE;
		request->deployer_values = value;
		break;
	case CHECK_OPTION_NO_DEPLOYER_LAYER:
		request->no_deployer_layer = true;
		break;
	case CHECK_OPTION_AUTH:
		return set_mode(request, HUB_AUTHENTICATED);
	case CHECK_OPTION_NO_AUTH:
		return set_mode(request, HUB_UNAUTHENTICATED);
	case CHECK_OPTION_PROVIDER:
		request->derive.provider = check_provider_of_name(value);
		return OPTIONS_OK;
	case CHECK_OPTION_NAMESPACE:
		if (!validate_dns_label(value, reason, sizeof(reason))) {
			options_print_error(stderr,
					    "invalid value '%s' for option '%s': %s; give the hub's "
					    "Kubernetes namespace",
					    quote(value, quoted), given, reason);
			return OPTIONS_USAGE;
		}
		request->derive.namespace_name = value;
		return OPTIONS_OK;
	case CHECK_OPTION_DASKHUB:
		request->daskhub = true;
		return OPTIONS_OK;
	case CHECK_OPTION_CHART_VALUES:
		request->chart_values = value;
		break;
	case CHECK_OPTION_NO_CHART_VALUES:
		request->no_chart_values = true;
		break;
	case CHECK_OPTION_DISABLE:
		return set_disabled(request, value, given);
	case CHECK_OPTION_SEVERITY:
		return set_severity(request, value);
	case CHECK_OPTION_STRICT:
		request->settings.strict = true;
		return OPTIONS_OK;
	case CHECK_OPTION_FORMAT:
		request->format = value;
		return OPTIONS_OK;
	case CHECK_OPTION_COLOR:
		/* The parser accepts only the choices, which all parse. */
		report_color_parse(value, &request->color);
		return OPTIONS_OK;
	case CHECK_OPTION_HELP:
		options_print_help_for(&cmd_check_program, CHECK_COMMAND, stdout);
		return OPTIONS_DONE;
	case CHECK_OPTION__COUNT:
	default:
		options_print_error(stderr, "option '%s' is not handled; report this as a bug", given);
		return OPTIONS_USAGE;
	}
	if (request->chart_values && request->no_chart_values) {
		options_print_error(stderr,
				    "options '--chart-values' and '--no-chart-values' contradict each "
				    "other; give one");
		return OPTIONS_USAGE;
	}
	if (request->deployer_values && request->no_deployer_layer) {
		options_print_error(stderr,
				    "options '--deployer-values' and '--no-deployer-layer' contradict "
				    "each other; give one");
		return OPTIONS_USAGE;
	}
	return OPTIONS_OK;
}

static bool contradict(const char *first, const char *second)
{
	options_print_error(stderr, "options '%s' and '%s' contradict each other; give one", first,
			    second);
	return false;
}

/* Reject options that do not go together; true when they all do.  The
 * contradictions found while parsing are reported there instead. */
static bool check_combinations(const struct check_request *request)
{
	const char *hubs_option = request->repo ? "--repo" : "--all-hubs";
	const char *source_option = request->repo ? "--repo" : "--cluster-file";
	char quoted[OPTIONS_QUOTE_SIZE];

	if (request->cluster_file && request->repo)
		return contradict("--cluster-file", "--repo");
	if (request->hub && request->all_hubs)
		return contradict("--hub", "--all-hubs");
	if (request->hub && request->repo)
		return contradict("--hub", "--repo");
	if (request->hub && !request->cluster_file) {
		options_print_error(stderr, "option '--hub' needs '--cluster-file FILE', the "
					    "cluster.yaml that lists the hub");
		return false;
	}
	if (request->all_hubs && !request->cluster_file && !request->repo) {
		options_print_error(stderr, "option '--all-hubs' needs '--cluster-file FILE', the "
					    "cluster.yaml whose hubs to check");
		return false;
	}
	if (!request->cluster_file && !request->repo)
		return true;

	if (request->file_count > 0) {
		options_print_error(stderr,
				    "with '%s' the values files come from cluster.yaml; remove '%s' "
				    "from the command line",
				    source_option, quote(request->files[0], quoted));
		return false;
	}
	if (request->daskhub) {
		options_print_error(stderr,
				    "option '--daskhub' is only for values files given as arguments, "
				    "because cluster.yaml's helm_chart says which hubs use daskhub; "
				    "remove it");
		return false;
	}
	if ((request->all_hubs || request->repo) && request->deployer_values) {
		options_print_error(stderr,
				    "option '--deployer-values' gives the rendered layer of one hub; use "
				    "it with '--hub NAME' instead of '%s'",
				    hubs_option);
		return false;
	}
	if ((request->all_hubs || request->repo) && request->derive.namespace_name) {
		options_print_error(stderr,
				    "option '--namespace' names the namespace of one hub, but with '%s' "
				    "each hub's namespace is its name; remove it",
				    hubs_option);
		return false;
	}
	return true;
}

int cmd_check(int argc, char **argv)
{
	struct check_request request = {.format = "auto", .color = COLOR_AUTO};
	int status;

	request.files = calloc((size_t)(argc > 0 ? argc : 1), sizeof(*request.files));
	if (!request.files)
		abort();
	switch (options_parse(&cmd_check_program, CHECK_COMMAND, argc, argv, handle_option,
			      &request, stderr)) {
	case OPTIONS_OK:
		break;
	case OPTIONS_DONE:
		free(request.files);
		return EXIT_OK;
	case OPTIONS_USAGE:
	default:
		free(request.files);
		return EXIT_USAGE;
	}

	if (!check_combinations(&request)) {
		status = EXIT_USAGE;
	} else if (request.repo) {
		status = check_run_repo(&request);
	} else if (request.cluster_file) {
		status = check_run_cluster(&request);
	} else if (request.file_count == 0) {
		options_print_error(stderr,
				    "no values file given; run 'binderhub-gen check FILE...' with the "
				    "hub's values files in helm --values order");
		status = EXIT_USAGE;
	} else {
		status = check_run_files(&request);
	}
	free(request.files);
	return status;
}
