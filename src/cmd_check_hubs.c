/*
 * The runs of `binderhub-gen check`.  Each layers one hub's values files
 * over its chart defaults and the deployer's layer, runs the rules and
 * writes the report.  The hub is the files given as arguments, one hub of a
 * cluster.yaml, or each binderhub-ui hub of a cluster.yaml or of a checkout
 * of 2i2c's infrastructure repository.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cluster.h"
#include "cmd_check.h"
#include "commands.h"
#include "deployer_layer.h"
#include "effective.h"
#include "infra_repo.h"
#include "load.h"
#include "options.h"
#include "report.h"
#include "tree.h"

/* Size of a buffer for a path built from a checkout's root, Linux's PATH_MAX. */
#define PATH_SIZE 4096

/* Source of a hub's first layer, the deployer's. */
enum deployer_source {
	DEPLOYER_NONE,
	DEPLOYER_EMULATED, /* deployer_layer_build() from cluster.yaml. */
	DEPLOYER_RENDERED, /* The file of --deployer-values. */
};

/* One hub to check: its values files in helm --values order and what is known about it. */
struct hub_input {
	const struct cluster *cluster; /* NULL for files given as arguments. */
	const struct cluster_hub *hub; /* NULL for files given as arguments. */
	const char *const *files;
	size_t file_count;
	bool daskhub;
	const char *chart_values; /* Chart defaults file, or NULL for the built-in ones. */
	enum deployer_source deployer;
};

/* The outcome of checking one hub. */
struct hub_result {
	struct effective effective; /* Owns the files that the findings point into. */
	struct findings findings;
	char derived[1024]; /* The summary's "checking as" text. */
	int status;         /* Exit status of the findings alone. */
	bool unloaded;      /* A file did not load, so findings contains only its BH007 finding. */
	char *unloaded_file; /* Malloc'ed name of that file, which the finding points at, or NULL. */
};

/* ------------------------------------------------------------------------
 * One hub
 * ------------------------------------------------------------------------ */

static const char *quote(const char *text, char *buffer)
{
	return options_quote(text, buffer, OPTIONS_QUOTE_SIZE);
}

static void print_load_error(const struct load_error *err)
{
	char message[1024];

	load_error_format(err, message, sizeof(message));
	fprintf(stderr, "binderhub-gen: error: %s\n", message);
}

/*
 * The chart defaults file to coalesce onto: --chart-values, else the
 * helm-charts/basehub/values.yaml of the infrastructure checkout around
 * near (a file or folder, or NULL), written into buffer, because defaults
 * of the same revision as the values judge them best.  NULL means the
 * built-in defaults, or none with --no-chart-values.
 */
static const char *chart_values_near(const struct check_request *request, const char *near,
				     char *buffer, size_t size)
{
	char root[PATH_SIZE];

	if (request->chart_values)
		return request->chart_values;
	if (request->no_chart_values || !near)
		return NULL;
	if (infra_repo_find_root(near, root, sizeof(root)) != 0 ||
	    infra_repo_chart_defaults_path(root, buffer, size) != 0)
		return NULL;
	return buffer;
}

/* The deployer's layer goes first, as the deployer passes it to helm first. */
static enum load_status add_deployer_layer(const struct check_request *request,
					   const struct hub_input *input,
					   struct effective *effective, struct load_error *err)
{
	struct tree_doc *doc = NULL;
	enum load_status status;

	switch (input->deployer) {
	case DEPLOYER_EMULATED:
		return effective_add_emulated_layer(
			effective, deployer_layer_build(input->cluster, input->hub), err);
	case DEPLOYER_RENDERED:
		status = load_file(request->deployer_values, NULL, &doc, err);
		if (status != LOAD_OK) {
			/* load_file() leaves the name pointing into the document it freed. */
			err->mark.file = strcmp(request->deployer_values, "-") == 0
						 ? "stdin"
						 : request->deployer_values;
			return status;
		}
		/* The rendered file is no file the user edits either, so it is
		 * marked emulated: findings point past it to the user's files. */
		return effective_add_emulated_layer(effective, doc, err);
	case DEPLOYER_NONE:
	default:
		return LOAD_OK;
	}
}

/* Layer input's files into effective.  On failure print the error, leave
 * it in err and return EXIT_USAGE. */
static int layer_hub(const struct check_request *request, const struct hub_input *input,
		     struct effective *effective, struct load_error *err)
{
	enum load_status status = LOAD_OK;

	effective_init(effective, input->daskhub);
	if (input->chart_values)
		status = effective_load_defaults(effective, input->chart_values, err);
	else if (!request->no_chart_values)
		status = effective_load_builtin_defaults(effective, err);
	if (status == LOAD_OK)
		status = add_deployer_layer(request, input, effective, err);
	for (size_t i = 0; status == LOAD_OK && i < input->file_count; i++)
		status = effective_load_layer(effective, input->files[i], err);
	if (status == LOAD_OK)
		status = effective_build(effective, err);
	if (status != LOAD_OK) {
		print_load_error(err);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* True when the hub's effective values turn the BinderHub UI on, the mark
 * of a binderhub-ui hub that --all-hubs looks for. */
static bool is_binderhub_ui(const struct effective *effective)
{
	struct rule_context ctx = {0};
	const struct node *enabled;

	effective_fill_context(effective, &ctx);
	enabled = check_get(&ctx, "jupyterhub.custom.binderhubUI.enabled");
	return enabled && (tree_is_true(enabled) || check_is_encrypted(enabled));
}

/* Append to derived where the deployer's layer came from, for the summary. */
static void describe_deployer_layer(const struct check_request *request,
				    const struct hub_input *input, char *derived, size_t size)
{
	size_t used = strlen(derived);
	char quoted[OPTIONS_QUOTE_SIZE];

	if (used + 1 >= size)
		return;
	if (input->deployer == DEPLOYER_EMULATED)
		snprintf(derived + used, size - used, ", deployer layer (emulated from cluster.yaml)");
	else if (input->deployer == DEPLOYER_RENDERED)
		snprintf(derived + used, size - used, ", deployer layer (%s)",
			 quote(request->deployer_values, quoted));
	else if (input->cluster || request->no_deployer_layer)
		snprintf(derived + used, size - used, ", no deployer layer");
}

/* Run the rules on a hub that layer_hub() has layered into result->effective. */
static void run_rules(const struct check_request *request, const struct hub_input *input,
		      struct hub_result *result)
{
	struct rule_context ctx = {0};
	struct derive_options options = request->derive;
	struct derivation notes;
	bool provider_from_cluster = false;

	if (input->cluster) {
		options.cluster_name = input->cluster->name;
		options.hub_name = input->hub->name;
		options.cluster_domain = input->hub->domain;
		if (!options.namespace_name)
			options.namespace_name = input->hub->name;
		if (options.provider == HUB_PROVIDER_UNKNOWN) {
			options.provider = check_provider_of_name(input->cluster->provider);
			provider_from_cluster = true;
		}
	}
	effective_fill_context(&result->effective, &ctx);
	derive_context(&ctx, &options, &notes);
	/* derive_context() credits a given provider to --provider. */
	if (provider_from_cluster && strcmp(derive_provider_name(ctx.provider),
					    input->cluster->provider) == 0)
		snprintf(notes.provider, sizeof(notes.provider), "provider %s (from cluster.yaml)",
			 derive_provider_name(ctx.provider));
	else if (provider_from_cluster)
		snprintf(notes.provider, sizeof(notes.provider),
			 "provider %s (cluster.yaml provider '%.60s')",
			 derive_provider_name(ctx.provider), input->cluster->provider);

	ctx.findings = &result->findings;
	engine_run(&ctx, engine_rule_table, &request->settings, stderr);
	result->status = engine_exit_status(&result->findings, request->settings.strict);
	derive_describe(&ctx, &notes, result->derived, sizeof(result->derived));
	describe_deployer_layer(request, input, result->derived, sizeof(result->derived));
}

static void hub_result_release(struct hub_result *result)
{
	findings_release(&result->findings);
	effective_release(&result->effective);
	free(result->unloaded_file);
	result->unloaded_file = NULL;
}

/* The format that --format chose, with auto resolved. */
static enum report_format format_of(const struct check_request *request)
{
	enum report_format format = REPORT_TEXT;

	/* The option parser accepts only the choices, which all parse. */
	report_format_parse(request->format, getenv("GITHUB_ACTIONS"), &format);
	return format;
}

static int write_report(const struct check_request *request, const struct findings *findings,
			const char *derived, size_t file_count, int exit_status)
{
	struct report_summary summary = {
		.derived = derived,
		.file_count = file_count,
		.exit_status = exit_status,
	};
	enum report_format format = format_of(request);
	bool color;

	color = report_use_color(request->color, isatty(STDOUT_FILENO) == 1, getenv("NO_COLOR"),
				 getenv("TERM"));
	if (report_write(stdout, format, findings, &summary, color) != 0) {
		fprintf(stderr,
			"binderhub-gen: error: cannot write the report to standard output: %s; check "
			"the file or pipe it goes to\n",
			strerror(errno));
		return EXIT_USAGE;
	}
	return exit_status;
}

/* ------------------------------------------------------------------------
 * A file that does not load
 * ------------------------------------------------------------------------ */

/* A malloc'ed string formatted as printf() does. */
static char *format_text(const char *format, ...) __attribute__((format(printf, 1, 2)));

static char *format_text(const char *format, ...)
{
	va_list args;
	int length;
	char *text;

	va_start(args, format);
	length = vsnprintf(NULL, 0, format, args);
	va_end(args);
	if (length < 0)
		abort();
	text = malloc((size_t)length + 1);
	if (!text)
		abort();
	va_start(args, format);
	vsnprintf(text, (size_t)length + 1, format, args);
	va_end(args);
	return text;
}

/*
 * True when a file that does not load gets a report on standard output
 * besides the error on standard error.  Programs read the json, sarif and
 * github formats, and an empty report would hide the error from them (an
 * empty SARIF file even fails to upload).  The text format gets no report:
 * people see both streams in one terminal, and the error line already names
 * the file, line, column and problem, so a text report would repeat it.
 */
static bool reports_unloaded_files(const struct check_request *request)
{
	return format_of(request) != REPORT_TEXT;
}

/* The what-to-do part of the message about a file that did not load, or
 * NULL when the loader's message already ends with it. */
static char *load_advice(const struct check_request *request, const struct load_error *err)
{
	const char *file = err->mark.file;
	/* "-" loads as "stdin", whose text is consumed, so yamllint cannot read it again. */
	bool from_stdin = request->stdin_given && file && strcmp(file, "stdin") == 0;

	switch (err->status) {
	case LOAD_ERR_SYNTAX:
		/* libyaml reports only the problem it stopped at, while yamllint also
		 * reports indentation and style problems, which often explain it. */
		if (file && !from_stdin)
			return format_text("fix the YAML syntax at this line ('yamllint %s' shows "
					   "more)",
					   file);
		return format_text("fix the YAML syntax at this line");
	case LOAD_ERR_IO:
		return format_text("correct the path or make the file readable");
	case LOAD_OK:
	case LOAD_ERR_LIMIT:
	case LOAD_ERR_STRUCTURE:
	default:
		/* Most limit and structure messages end in what to do after a "; ". */
		if (strstr(err->message, "; "))
			return NULL;
		return format_text(err->mark.line > 0 ? "correct the file at this line"
						      : "correct the file");
	}
}

/*
 * Make result the report of a hub whose file did not load: exit status 2
 * and one finding of BH007 (values-file-parses) at the file, line and column
 * of err.  hub_name names the hub in the message when not NULL.  The message
 * states that nothing else was checked, because helm layers all of the
 * hub's files together, so without this one no rule can judge the values.
 * --disable and --severity do not apply, because the finding reports why the
 * run failed rather than what a rule found.
 */
static void report_unloaded_file(const struct check_request *request, const char *hub_name,
				 const struct load_error *err, struct hub_result *result)
{
	char *advice = load_advice(request, err);
	char quoted[OPTIONS_QUOTE_SIZE];
	struct finding *finding;
	char *unchecked;

	if (hub_name)
		unchecked = format_text("nothing else of hub '%s' was checked, because helm layers "
					"all of its values files together",
					quote(hub_name, quoted));
	else
		unchecked = format_text("nothing else was checked, because helm layers all of the "
					"hub's values files together");

	result->findings.items = calloc(1, sizeof(*result->findings.items));
	if (!result->findings.items)
		abort();
	result->findings.capacity = 1;
	result->findings.count = 1;
	finding = &result->findings.items[0];
	finding->rule = RULE_BH007;
	finding->severity = SEVERITY_ERROR;

	/* err's name may point into a path list that an --all-hubs run frees
	 * before it writes the report, so the result keeps a copy. */
	if (err->mark.file) {
		result->unloaded_file = strdup(err->mark.file);
		if (!result->unloaded_file)
			abort();
	}
	finding->mark = err->mark;
	finding->mark.file = result->unloaded_file;
	finding->path = format_text("%s", "");
	finding->message = format_text("%s%s%s%s; %s",
				       err->status == LOAD_ERR_SYNTAX ? "invalid YAML: " : "",
				       err->message, advice ? "; " : "", advice ? advice : "",
				       unchecked);
	free(advice);
	free(unchecked);

	result->unloaded = true;
	result->status = EXIT_USAGE;
}

/* The summary's file count: for a hub whose file did not load that file
 * alone, as no other file was checked. */
static size_t reported_file_count(const struct hub_input *input, const struct hub_result *result)
{
	if (result->unloaded)
		return result->unloaded_file ? 1 : 0;
	return input->file_count;
}

/* Layer, check and report one hub, and return the exit status. */
static int check_hub(const struct check_request *request, const struct hub_input *input)
{
	struct hub_result result = {0};
	struct load_error err;
	int status = layer_hub(request, input, &result.effective, &err);

	if (status == EXIT_OK) {
		run_rules(request, input, &result);
		status = write_report(request, &result.findings, result.derived, input->file_count,
				      result.status);
	} else if (reports_unloaded_files(request)) {
		report_unloaded_file(request, input->hub ? input->hub->name : NULL, &err, &result);
		write_report(request, &result.findings, NULL, reported_file_count(input, &result),
			     result.status);
	}
	hub_result_release(&result);
	return status;
}

/* The first file that is not standard input, near which the chart defaults are looked for. */
static const char *first_named_file(const struct check_request *request)
{
	for (size_t i = 0; i < request->file_count; i++)
		if (strcmp(request->files[i], "-") != 0)
			return request->files[i];
	return NULL;
}

/* Function documented in cmd_check.h */
int check_run_files(const struct check_request *request)
{
	char chart_values[PATH_SIZE];
	struct hub_input input = {
		.files = request->files,
		.file_count = request->file_count,
		.daskhub = request->daskhub,
		.deployer = request->deployer_values ? DEPLOYER_RENDERED : DEPLOYER_NONE,
	};

	input.chart_values = chart_values_near(request, first_named_file(request), chart_values,
					       sizeof(chart_values));
	return check_hub(request, &input);
}

/* ------------------------------------------------------------------------
 * Hubs of a cluster.yaml
 * ------------------------------------------------------------------------ */

static void hub_input_of_cluster(const struct check_request *request,
				 const struct cluster *cluster, const struct cluster_hub *hub,
				 char *const *paths, size_t path_count, const char *chart_values,
				 struct hub_input *input)
{
	memset(input, 0, sizeof(*input));
	input->cluster = cluster;
	input->hub = hub;
	input->files = (const char *const *)paths;
	input->file_count = path_count;
	input->daskhub = hub->chart == CLUSTER_CHART_DASKHUB;
	input->chart_values = chart_values;
	if (request->no_deployer_layer)
		input->deployer = DEPLOYER_NONE;
	else if (request->deployer_values)
		input->deployer = DEPLOYER_RENDERED;
	else
		input->deployer = DEPLOYER_EMULATED;
}

static void print_hub_names_error(const struct cluster *cluster, const char *what)
{
	char names[1024];

	if (cluster->hub_count == 0) {
		fprintf(stderr, "binderhub-gen: error: %s, but '%s' lists no hubs; check the hubs of "
				"another cluster.yaml\n",
			what, cluster->path);
		return;
	}
	cluster_format_hub_names(cluster, names, sizeof(names));
	fprintf(stderr, "binderhub-gen: error: %s; the hubs of '%s' are: %s\n", what, cluster->path,
		names);
}

static int check_named_hub(const struct check_request *request, const struct cluster *cluster,
			   const char *chart_values)
{
	const struct cluster_hub *hub = cluster_find_hub(cluster, request->hub);
	char error[1024];
	char what[OPTIONS_QUOTE_SIZE + 64];
	char quoted[OPTIONS_QUOTE_SIZE];
	struct hub_input input;
	char **paths = NULL;
	size_t path_count = 0;
	int status;

	if (!hub) {
		snprintf(what, sizeof(what), "unknown hub '%s' in option '--hub'",
			 quote(request->hub, quoted));
		print_hub_names_error(cluster, what);
		return EXIT_USAGE;
	}
	if (cluster_resolve_files(cluster, hub, &paths, &path_count, error, sizeof(error)) != 0) {
		fprintf(stderr, "binderhub-gen: error: %s\n", error);
		return EXIT_USAGE;
	}
	hub_input_of_cluster(request, cluster, hub, paths, path_count, chart_values, &input);
	status = check_hub(request, &input);
	cluster_free_paths(paths, path_count);
	return status;
}

/* The hubs of an --all-hubs or --repo run, and how their reports are written. */
struct hub_batch {
	/* JSON and SARIF: one document for all hubs, written at the end, and the
	 * hub lines on standard error, so that standard output stays one document. */
	bool one_document;
	struct hub_result **results; /* Kept for the one document. */
	size_t result_count;
	size_t file_count;    /* Files of the kept hubs. */
	size_t checked_count; /* Hubs checked. */
	int status;           /* Highest exit status so far. */
};

static void batch_init(const struct check_request *request, struct hub_batch *batch)
{
	enum report_format format = format_of(request);

	memset(batch, 0, sizeof(*batch));
	batch->one_document = format == REPORT_JSON || format == REPORT_SARIF;
}

static void batch_raise_status(struct hub_batch *batch, int status)
{
	if (status > batch->status)
		batch->status = status;
}

/* Print "[CLUSTER: ]hub NAME: N errors, N warnings, N infos". */
static void print_hub_line(FILE *out, const char *cluster_name, const char *hub_name,
			   const struct findings *findings)
{
	size_t counts[SEVERITY_ERROR + 1] = {0};

	for (size_t i = 0; i < findings->count; i++)
		if (findings->items[i].severity <= SEVERITY_ERROR)
			counts[findings->items[i].severity]++;
	if (cluster_name)
		fprintf(out, "%s: ", cluster_name);
	fprintf(out, "hub %s: %zu error%s, %zu warning%s, %zu info%s\n", hub_name,
		counts[SEVERITY_ERROR], counts[SEVERITY_ERROR] == 1 ? "" : "s",
		counts[SEVERITY_WARNING], counts[SEVERITY_WARNING] == 1 ? "" : "s",
		counts[SEVERITY_INFO], counts[SEVERITY_INFO] == 1 ? "" : "s");
}

/* Report a checked hub, or keep it for the one document, taking ownership of result. */
static void batch_add(const struct check_request *request, struct hub_batch *batch,
		      const char *cluster_name, const struct hub_input *input,
		      struct hub_result *result)
{
	batch->checked_count++;
	batch_raise_status(batch, result->status);
	if (batch->one_document) {
		struct hub_result **bigger =
			realloc(batch->results, (batch->result_count + 1) * sizeof(*bigger));

		if (!bigger)
			abort();
		batch->results = bigger;
		batch->results[batch->result_count++] = result;
		batch->file_count += reported_file_count(input, result);
		print_hub_line(stderr, cluster_name, input->hub->name, &result->findings);
		return;
	}
	if (batch->checked_count > 1)
		putchar('\n');
	batch_raise_status(batch, write_report(request, &result->findings,
					       result->unloaded ? NULL : result->derived,
					       reported_file_count(input, result), result->status));
	print_hub_line(stdout, cluster_name, input->hub->name, &result->findings);
	hub_result_release(result);
	free(result);
}

/* Check every binderhub-ui hub of cluster into batch.  cluster_name
 * starts each hub line when not NULL. */
static void check_cluster_hubs(const struct check_request *request,
			       const struct cluster *cluster, const char *chart_values,
			       const char *cluster_name, struct hub_batch *batch)
{
	for (size_t i = 0; i < cluster->hub_count; i++) {
		const struct cluster_hub *hub = &cluster->hubs[i];
		struct hub_result *result;
		struct hub_input input;
		struct load_error err;
		char error[1024];
		char **paths = NULL;
		size_t path_count = 0;

		if (cluster_resolve_files(cluster, hub, &paths, &path_count, error,
					  sizeof(error)) != 0) {
			fprintf(stderr, "binderhub-gen: error: %s\n", error);
			batch_raise_status(batch, EXIT_USAGE);
			continue;
		}
		hub_input_of_cluster(request, cluster, hub, paths, path_count, chart_values, &input);
		result = calloc(1, sizeof(*result));
		if (!result)
			abort();
		if (layer_hub(request, &input, &result->effective, &err) != EXIT_OK) {
			batch_raise_status(batch, EXIT_USAGE);
			/* Without its values, whether the hub is a binderhub-ui hub is
			 * unknown, so the file is reported for every hub that lists it. */
			if (reports_unloaded_files(request)) {
				report_unloaded_file(request, hub->name, &err, result);
				batch_add(request, batch, cluster_name, &input, result);
				result = NULL;
			}
		} else if (is_binderhub_ui(&result->effective)) {
			run_rules(request, &input, result);
			batch_add(request, batch, cluster_name, &input, result);
			result = NULL;
		}
		if (result) {
			hub_result_release(result);
			free(result);
		}
		cluster_free_paths(paths, path_count);
	}
}

/* Write the one document and return the run's exit status.  where names
 * the cluster.yaml or checkout in the message for a run that found no hub. */
static int batch_finish(const struct check_request *request, struct hub_batch *batch,
			const char *where)
{
	struct findings all = {0};

	if (batch->checked_count == 0 && batch->status == EXIT_OK)
		fprintf(stderr,
			"binderhub-gen: warning: no hub in '%s' sets "
			"jupyterhub.custom.binderhubUI.enabled to true, so none was checked\n",
			where);
	if (!batch->one_document)
		return batch->status;

	for (size_t i = 0; i < batch->result_count; i++)
		all.capacity += batch->results[i]->findings.count;
	all.items = calloc(all.capacity ? all.capacity : 1, sizeof(*all.items));
	if (!all.items)
		abort();
	/* The items are borrowed: each hub's findings_release() frees their strings. */
	for (size_t i = 0; i < batch->result_count; i++) {
		const struct findings *findings = &batch->results[i]->findings;

		memcpy(all.items + all.count, findings->items, findings->count * sizeof(*all.items));
		all.count += findings->count;
	}
	report_sort(&all);
	batch_raise_status(batch, write_report(request, &all, NULL, batch->file_count,
					       batch->status));
	free(all.items);
	for (size_t i = 0; i < batch->result_count; i++) {
		hub_result_release(batch->results[i]);
		free(batch->results[i]);
	}
	free(batch->results);
	batch->results = NULL;
	batch->result_count = 0;
	return batch->status;
}

/* Function documented in cmd_check.h */
int check_run_cluster(const struct check_request *request)
{
	struct cluster *cluster = NULL;
	char chart_values_buffer[PATH_SIZE];
	const char *chart_values;
	struct hub_batch batch;
	char error[1024];
	int status;

	if (cluster_load(request->cluster_file, &cluster, error, sizeof(error)) != 0) {
		fprintf(stderr, "binderhub-gen: error: %s\n", error);
		return EXIT_USAGE;
	}
	chart_values = chart_values_near(request, request->cluster_file, chart_values_buffer,
					 sizeof(chart_values_buffer));
	if (request->hub) {
		status = check_named_hub(request, cluster, chart_values);
	} else if (request->all_hubs) {
		batch_init(request, &batch);
		check_cluster_hubs(request, cluster, chart_values, NULL, &batch);
		status = batch_finish(request, &batch, cluster->path);
	} else {
		print_hub_names_error(cluster, "option '--cluster-file' needs '--hub NAME' or "
					       "'--all-hubs'");
		status = EXIT_USAGE;
	}
	cluster_free(cluster);
	return status;
}

/* ------------------------------------------------------------------------
 * Every cluster of a checkout
 * ------------------------------------------------------------------------ */

/* Function documented in cmd_check.h */
int check_run_repo(const struct check_request *request)
{
	char root[PATH_SIZE];
	char chart_values_buffer[PATH_SIZE];
	char quoted[OPTIONS_QUOTE_SIZE];
	const char *chart_values;
	char **clusters = NULL;
	size_t cluster_count = 0;
	struct hub_batch batch;

	if (access(request->repo, F_OK) != 0) {
		fprintf(stderr,
			"binderhub-gen: error: cannot open '%s' of option '--repo': %s; give a folder "
			"of a checkout of the infrastructure repository\n",
			quote(request->repo, quoted), strerror(errno));
		return EXIT_USAGE;
	}
	if (infra_repo_find_root(request->repo, root, sizeof(root)) != 0) {
		fprintf(stderr,
			"binderhub-gen: error: '%s' of option '--repo' is not in a checkout of the "
			"infrastructure repository, as no folder above it has both config/clusters/ "
			"and helm-charts/basehub/values.yaml; give the checkout's folder\n",
			quote(request->repo, quoted));
		return EXIT_USAGE;
	}
	if (infra_repo_list_clusters(root, &clusters, &cluster_count) != 0) {
		fprintf(stderr,
			"binderhub-gen: error: cannot read the folder config/clusters of '%s': %s; "
			"check its permissions\n",
			root, strerror(errno));
		return EXIT_USAGE;
	}
	chart_values = chart_values_near(request, root, chart_values_buffer,
					 sizeof(chart_values_buffer));

	batch_init(request, &batch);
	for (size_t i = 0; i < cluster_count; i++) {
		struct cluster *cluster = NULL;
		char error[1024];

		if (cluster_load(clusters[i], &cluster, error, sizeof(error)) != 0) {
			fprintf(stderr, "binderhub-gen: error: %s\n", error);
			batch_raise_status(&batch, EXIT_USAGE);
			continue;
		}
		check_cluster_hubs(request, cluster, chart_values, cluster->name, &batch);
		cluster_free(cluster);
	}
	infra_repo_free_clusters(clusters, cluster_count);
	return batch_finish(request, &batch, root);
}
