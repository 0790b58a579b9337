/*
 * The runs of `binderhub-gen check`.  Each layers one hub's values files
 * over its chart defaults and the deployer's layer, runs the rules and
 * writes the report.  The hub is the files given as arguments, one hub of a
 * cluster.yaml, or each binderhub-ui hub of a cluster.yaml or of a checkout
 * of 2i2c's infrastructure repository.  The steps that these runs share
 * live in src/check/ and are declared in src/check/hub_run.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "check/hub_run.h"
#include "cluster.h"
#include "cmd_check.h"
#include "commands.h"
#include "effective.h"
#include "infra_repo.h"
#include "load.h"
#include "options.h"
#include "report.h"

/* ------------------------------------------------------------------------
 * One hub
 * ------------------------------------------------------------------------ */

static const char *quote(const char *text, char *buffer)
{
	return options_quote(text, buffer, OPTIONS_QUOTE_SIZE);
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

/* Run the rules on a hub that hub_layers_build() has layered into result->effective. */
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

/* Layer, check and report one hub, and return the exit status. */
static int check_hub(const struct check_request *request, const struct hub_input *input)
{
	struct hub_result result = {0};
	struct hub_result *results[] = {&result};
	struct load_error err;
	bool wrong_hub = false;
	int status = hub_layers_build(request, input, &result.effective, &err, &wrong_hub);

	hub_result_set_names(input, &result);
	if (status == EXIT_OK) {
		run_rules(request, input, &result);
		status = hub_report_write(request, results, 1, REPORT_SCOPE_ONE_HUB, result.status);
	} else if (load_failure_is_reported(request) && !wrong_hub) {
		load_failure_report_file(request, input->hub ? input->hub->name : NULL, &err, &result);
		hub_report_write(request, results, 1, REPORT_SCOPE_ONE_HUB, result.status);
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

	input.chart_values = hub_layers_find_chart_values(request, first_named_file(request),
							  chart_values, sizeof(chart_values));
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

/* Report a file of the run that did not load, when the format gets a report
 * of it, and return EXIT_USAGE.  The caller has printed the error. */
static int write_unloaded_report(const struct check_request *request, struct hub_result *result)
{
	struct hub_result *results[] = {result};

	if (load_failure_is_reported(request))
		hub_report_write(request, results, 1, REPORT_SCOPE_ONE_HUB, result->status);
	return EXIT_USAGE;
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
		struct hub_result result = {0};

		fprintf(stderr, "binderhub-gen: error: %s\n", error);
		result.hub_name = hub_result_copy_text(hub->name);
		result.cluster_name = hub_result_copy_text(cluster->name);
		load_failure_report_missing_file(cluster, hub, error, &result);
		status = write_unloaded_report(request, &result);
		hub_result_release(&result);
		return status;
	}
	hub_input_of_cluster(request, cluster, hub, paths, path_count, chart_values, &input);
	status = check_hub(request, &input);
	cluster_free_paths(paths, path_count);
	return status;
}

/* The hubs of an --all-hubs or --repo run, kept until the end to be written
 * as one report. */
struct hub_batch {
	enum report_scope scope;
	struct hub_result **results;
	size_t result_count;
	size_t checked_count; /* Hubs checked, not counting those whose file did not load. */
	int status;           /* Highest exit status so far. */
};

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

/*
 * Keep result for the report, taking ownership of it.  The text format
 * writes a line per hub into the report.  The other formats keep standard
 * output one document (or annotations only), so the line goes to standard
 * error.  cluster_name starts the line when not NULL.
 */
static void batch_add(const struct check_request *request, struct hub_batch *batch,
		      const char *cluster_name, struct hub_result *result)
{
	struct hub_result **bigger =
		realloc(batch->results, (batch->result_count + 1) * sizeof(*bigger));

	if (!bigger)
		abort();
	batch->results = bigger;
	batch->results[batch->result_count++] = result;
	batch_raise_status(batch, result->status);
	if (!result->unloaded)
		batch->checked_count++;
	if (hub_report_format(request) != REPORT_TEXT && result->hub_name)
		print_hub_line(stderr, cluster_name, result->hub_name, &result->findings);
}

/* Check every binderhub-ui hub of cluster into batch.  cluster_name
 * starts each hub line when not NULL. */
static void check_cluster_hubs(const struct check_request *request,
			       const struct cluster *cluster, const char *chart_values,
			       const char *cluster_name, struct hub_batch *batch)
{
	for (size_t i = 0; i < cluster->hub_count; i++) {
		const struct cluster_hub *hub = &cluster->hubs[i];
		struct hub_result *result = hub_result_new();
		struct hub_input input;
		struct load_error err;
		char error[1024];
		char **paths = NULL;
		size_t path_count = 0;

		if (cluster_resolve_files(cluster, hub, &paths, &path_count, error,
					  sizeof(error)) != 0) {
			fprintf(stderr, "binderhub-gen: error: %s\n", error);
			batch_raise_status(batch, EXIT_USAGE);
			if (load_failure_is_reported(request)) {
				result->hub_name = hub_result_copy_text(hub->name);
				result->cluster_name = hub_result_copy_text(cluster->name);
				load_failure_report_missing_file(cluster, hub, error, result);
				batch_add(request, batch, cluster_name, result);
				result = NULL;
			}
		} else {
			hub_input_of_cluster(request, cluster, hub, paths, path_count, chart_values,
					     &input);
			hub_result_set_names(&input, result);
			bool wrong_hub = false;

			if (hub_layers_build(request, &input, &result->effective, &err, &wrong_hub) !=
			    EXIT_OK) {
				batch_raise_status(batch, EXIT_USAGE);
				/* Without its values, whether the hub is a binderhub-ui hub is
				 * unknown, so the file is reported for every hub that lists it. */
				if (load_failure_is_reported(request)) {
					load_failure_report_file(request, hub->name, &err, result);
					batch_add(request, batch, cluster_name, result);
					result = NULL;
				}
			} else if (hub_select_is_binderhub_ui(&result->effective)) {
				run_rules(request, &input, result);
				batch_add(request, batch, cluster_name, result);
				result = NULL;
			} else {
				hub_select_print_skipped(stderr, cluster_name, hub->name);
			}
		}
		if (result)
			hub_result_free(result);
		cluster_free_paths(paths, path_count);
	}
}

/* Note a cluster.yaml at path that did not load with error, which the
 * caller has printed, in batch. */
static void batch_add_unloaded_cluster(const struct check_request *request,
				       struct hub_batch *batch, const char *path,
				       const char *error)
{
	struct hub_result *result;

	batch_raise_status(batch, EXIT_USAGE);
	if (!load_failure_is_reported(request))
		return;
	result = hub_result_new();
	load_failure_report_cluster(path, error, result);
	batch_add(request, batch, NULL, result);
}

/* Write the report and return the run's exit status.  where names the
 * cluster.yaml or checkout in the message for a run that found no hub. */
static int batch_finish(const struct check_request *request, struct hub_batch *batch,
			const char *where)
{
	enum report_format format = hub_report_format(request);

	if (batch->checked_count == 0 && batch->status == EXIT_OK)
		fprintf(stderr,
			"binderhub-gen: warning: no hub in '%s' is a binderhub-ui hub (none turns on "
			"binderhub-service or jupyterhub.custom.binderhubUI), so none was checked\n",
			where);
	/* The text and github formats write nothing for no hubs, as a run on
	 * files writes nothing for no files.  json and sarif always write the
	 * one document that a script or upload step expects. */
	if (batch->result_count > 0 || format == REPORT_JSON || format == REPORT_SARIF)
		batch_raise_status(batch, hub_report_write(request, batch->results,
							   batch->result_count, batch->scope,
							   batch->status));
	for (size_t i = 0; i < batch->result_count; i++)
		hub_result_free(batch->results[i]);
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
	struct hub_batch batch = {.scope = REPORT_SCOPE_CLUSTER};
	char error[1024];
	int status;

	if (cluster_load(request->cluster_file, &cluster, error, sizeof(error)) != 0) {
		struct hub_result result = {0};

		fprintf(stderr, "binderhub-gen: error: %s\n", error);
		load_failure_report_cluster(request->cluster_file, error, &result);
		status = write_unloaded_report(request, &result);
		hub_result_release(&result);
		return status;
	}
	chart_values = hub_layers_find_chart_values(request, request->cluster_file,
						    chart_values_buffer, sizeof(chart_values_buffer));
	if (request->hub) {
		status = check_named_hub(request, cluster, chart_values);
	} else if (request->all_hubs) {
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
	struct hub_batch batch = {.scope = REPORT_SCOPE_CHECKOUT};

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
	chart_values = hub_layers_find_chart_values(request, root, chart_values_buffer,
						    sizeof(chart_values_buffer));

	for (size_t i = 0; i < cluster_count; i++) {
		struct cluster *cluster = NULL;
		char error[1024];

		if (cluster_load(clusters[i], &cluster, error, sizeof(error)) != 0) {
			fprintf(stderr, "binderhub-gen: error: %s\n", error);
			batch_add_unloaded_cluster(request, &batch, clusters[i], error);
			continue;
		}
		check_cluster_hubs(request, cluster, chart_values, cluster->name, &batch);
		cluster_free(cluster);
	}
	infra_repo_free_clusters(clusters, cluster_count);
	return batch_finish(request, &batch, root);
}
