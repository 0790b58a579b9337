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

	/* Malloc'ed copies, because a --repo run frees each cluster before it
	 * writes the report.  NULL for files given as arguments, and the hub
	 * also for a cluster.yaml that did not load. */
	char *hub_name;
	char *cluster_name;
	/* Malloc'ed copies of the names of the files checked (for a hub whose
	 * file did not load, that file), to count each file once. */
	char **files;
	size_t file_count;
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

/*
 * Find in node, part of a rendered deployer layer, a hub name other than
 * hub_name: the value of a `2i2c/hub-name` node selector key, or the
 * namespace in an in-cluster URL "://hub.NAMESPACE.svc", which the
 * deployer sets to the hub's name.  Returns the node that names it and
 * writes the name into other, or returns NULL.
 */
static const struct node *find_other_hub_name(const struct node *node, const char *hub_name,
					      char *other, size_t size)
{
	static const char url_start[] = "://hub.";
	const struct node *found = NULL;

	if (!node)
		return NULL;
	switch (node->kind) {
	case NODE_SCALAR: {
		const char *start = strstr(node->as.scalar.value, url_start);
		const char *end;

		if (!start)
			return NULL;
		start += strlen(url_start);
		end = strstr(start, ".svc");
		if (!end || memchr(start, '/', (size_t)(end - start)) ||
		    memchr(start, '.', (size_t)(end - start)))
			return NULL;
		if (strlen(hub_name) == (size_t)(end - start) &&
		    strncmp(start, hub_name, (size_t)(end - start)) == 0)
			return NULL;
		snprintf(other, size, "%.*s", (int)(end - start), start);
		return node;
	}
	case NODE_SEQUENCE:
		for (size_t i = 0; i < node->as.sequence.count && !found; i++)
			found = find_other_hub_name(node->as.sequence.items[i], hub_name, other,
						    size);
		return found;
	case NODE_MAPPING:
		for (size_t i = 0; i < node->as.mapping.count && !found; i++) {
			const struct pair *pair = &node->as.mapping.pairs[i];

			if (pair->key->kind == NODE_SCALAR && pair->value &&
			    pair->value->kind == NODE_SCALAR &&
			    strcmp(pair->key->as.scalar.value, "2i2c/hub-name") == 0) {
				if (strcmp(pair->value->as.scalar.value, hub_name) == 0)
					continue;
				snprintf(other, size, "%s", pair->value->as.scalar.value);
				return pair->value;
			}
			found = find_other_hub_name(pair->value, hub_name, other, size);
		}
		return found;
	case NODE_ALIAS:
	default:
		return NULL;
	}
}

/*
 * True, after printing an error, when doc, the rendered deployer layer of
 * --deployer-values, was rendered for another hub than input's.  Such a
 * layer would make the rules demand the other hub's URLs.
 */
static bool rendered_for_other_hub(const struct check_request *request,
				   const struct hub_input *input, const struct tree_doc *doc)
{
	char other[256];
	char quoted[OPTIONS_QUOTE_SIZE];
	char quoted_other[OPTIONS_QUOTE_SIZE];
	const struct node *found;

	if (!input->hub)
		return false;
	found = find_other_hub_name(doc->root, input->hub->name, other, sizeof(other));
	if (!found)
		return false;
	fprintf(stderr,
		"binderhub-gen: error: %s:%zu:%zu: the file of option '--deployer-values' was "
		"rendered for hub '%s', not for hub '%s' of option '--hub'; render "
		"helm-charts/basehub/values.jsonnet for hub '%s' or leave the option out\n",
		quote(request->deployer_values, quoted), found->mark.line, found->mark.column,
		quote(other, quoted_other), input->hub->name, input->hub->name);
	return true;
}

/* The deployer's layer goes first, as the deployer passes it to helm first.
 * Sets *wrong_hub, after printing an error, for a rendered layer of another hub. */
static enum load_status add_deployer_layer(const struct check_request *request,
					   const struct hub_input *input,
					   struct effective *effective, struct load_error *err,
					   bool *wrong_hub)
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
		if (rendered_for_other_hub(request, input, doc)) {
			*wrong_hub = true;
			tree_doc_free(doc);
			return LOAD_ERR_STRUCTURE;
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
		     struct effective *effective, struct load_error *err, bool *wrong_hub)
{
	enum load_status status = LOAD_OK;

	effective_init(effective, input->daskhub);
	if (input->chart_values)
		status = effective_load_defaults(effective, input->chart_values, err);
	else if (!request->no_chart_values)
		status = effective_load_builtin_defaults(effective, err);
	if (status == LOAD_OK)
		status = add_deployer_layer(request, input, effective, err, wrong_hub);
	for (size_t i = 0; status == LOAD_OK && i < input->file_count; i++)
		status = effective_load_layer(effective, input->files[i], err);
	if (status == LOAD_OK)
		status = effective_build(effective, err);
	if (status != LOAD_OK) {
		if (!*wrong_hub)
			print_load_error(err);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* True when the value at path in the effective values is true or sops
 * ciphertext, which counts as any boolean. */
static bool is_on(const struct rule_context *ctx, const char *path)
{
	const struct node *value = check_get(ctx, path);

	return value && (tree_is_true(value) || check_is_encrypted(value));
}

/*
 * True when --all-hubs and --repo check the hub as a binderhub-ui hub.
 * Selecting on binderhubUI.enabled alone would skip exactly the hubs that
 * BH001 is for, those that turn it off or misspell it.  So a hub also counts
 * when it turns binderhub-service on (basehub leaves it off, so only a
 * BinderHub hub turns it on) or when one of its own files names
 * jupyterhub.custom.binderhubUI at all.
 */
static bool is_binderhub_ui(const struct effective *effective)
{
	struct rule_context ctx = {0};

	effective_fill_context(effective, &ctx);
	if (is_on(&ctx, "jupyterhub.custom.binderhubUI.enabled") ||
	    is_on(&ctx, "binderhub-service.enabled"))
		return true;
	for (size_t i = 0; i < ctx.layer_count; i++) {
		const struct layer *layer = &ctx.layers[i];

		if (!layer->emulated && layer->values &&
		    tree_get_path(layer->values, "jupyterhub.custom.binderhubUI"))
			return true;
	}
	return false;
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

static char *copy_or_null(const char *text)
{
	char *copy;

	if (!text)
		return NULL;
	copy = strdup(text);
	if (!copy)
		abort();
	return copy;
}

static void add_result_file(struct hub_result *result, const char *file)
{
	char **bigger = realloc(result->files, (result->file_count + 1) * sizeof(*bigger));

	if (!bigger)
		abort();
	result->files = bigger;
	result->files[result->file_count++] = copy_or_null(file);
}

/* Record in result the names of input's hub and cluster and of its files. */
static void name_result(const struct hub_input *input, struct hub_result *result)
{
	result->hub_name = copy_or_null(input->hub ? input->hub->name : NULL);
	result->cluster_name = copy_or_null(input->cluster ? input->cluster->name : NULL);
	for (size_t i = 0; i < input->file_count; i++)
		add_result_file(result, input->files[i]);
}

static void hub_result_release(struct hub_result *result)
{
	findings_release(&result->findings);
	effective_release(&result->effective);
	free(result->unloaded_file);
	result->unloaded_file = NULL;
	free(result->hub_name);
	free(result->cluster_name);
	for (size_t i = 0; i < result->file_count; i++)
		free(result->files[i]);
	free(result->files);
	result->hub_name = NULL;
	result->cluster_name = NULL;
	result->files = NULL;
	result->file_count = 0;
}

/* The format that --format chose, with auto resolved. */
static enum report_format format_of(const struct check_request *request)
{
	enum report_format format = REPORT_TEXT;

	/* The option parser accepts only the choices, which all parse. */
	report_format_parse(request->format, getenv("GITHUB_ACTIONS"), &format);
	return format;
}

/* Files that the results checked, a file that several hubs layer counted once. */
static size_t count_distinct_files(struct hub_result *const *results, size_t count)
{
	size_t distinct = 0;

	for (size_t r = 0; r < count; r++) {
		for (size_t f = 0; f < results[r]->file_count; f++) {
			const char *file = results[r]->files[f];
			bool seen = false;

			for (size_t q = 0; q <= r && !seen; q++) {
				size_t end = q == r ? f : results[q]->file_count;

				for (size_t g = 0; g < end && !seen; g++)
					seen = strcmp(results[q]->files[g], file) == 0;
			}
			if (!seen)
				distinct++;
		}
	}
	return distinct;
}

/* Write the report of count results, whose run has exit_status, and return
 * that status, or EXIT_USAGE when standard output cannot be written. */
static int write_report(const struct check_request *request, struct hub_result *const *results,
			size_t count, enum report_scope scope, int exit_status)
{
	struct report_summary summary = {
		.file_count = count_distinct_files(results, count),
		.exit_status = exit_status,
		.scope = scope,
	};
	struct report_hub *hubs = calloc(count ? count : 1, sizeof(*hubs));
	enum report_format format = format_of(request);
	bool color;
	int written;

	if (!hubs)
		abort();
	for (size_t i = 0; i < count; i++) {
		hubs[i].name = results[i]->hub_name;
		hubs[i].cluster = results[i]->cluster_name;
		hubs[i].derived = results[i]->unloaded ? NULL : results[i]->derived;
		hubs[i].findings = &results[i]->findings;
		hubs[i].file_count = results[i]->file_count;
	}
	if (scope == REPORT_SCOPE_ONE_HUB && count == 1)
		summary.derived = hubs[0].derived;

	color = report_use_color(request->color, isatty(STDOUT_FILENO) == 1, getenv("NO_COLOR"),
				 getenv("TERM"));
	written = report_write_hubs(stdout, format, hubs, count, &summary, color);
	free(hubs);
	if (written != 0) {
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
 * and one BH007 (values-file-parses) finding with message at mark, which
 * may have no file.  --disable and --severity do not apply, because the
 * finding reports why the run failed rather than what a rule found.
 */
static void set_unloaded_finding(const struct mark *mark, char *message,
				 struct hub_result *result)
{
	struct finding *finding;

	result->findings.items = calloc(1, sizeof(*result->findings.items));
	if (!result->findings.items)
		abort();
	result->findings.capacity = 1;
	result->findings.count = 1;
	finding = &result->findings.items[0];
	finding->rule = RULE_BH007;
	finding->severity = SEVERITY_ERROR;

	/* The mark's name may point into a path list or cluster that a batch
	 * run frees before it writes the report, so the result keeps a copy.
	 * That file alone counts as checked. */
	result->unloaded_file = copy_or_null(mark->file);
	for (size_t i = 0; i < result->file_count; i++)
		free(result->files[i]);
	result->file_count = 0;
	if (result->unloaded_file)
		add_result_file(result, result->unloaded_file);

	finding->mark = *mark;
	finding->mark.file = result->unloaded_file;
	finding->path = format_text("%s", "");
	finding->message = message;
	result->unloaded = true;
	result->status = EXIT_USAGE;
}

/*
 * Make result the report of a hub whose values file did not load, at the
 * file, line and column of err.  hub_name names the hub in the message when
 * not NULL.  The message states that nothing else was checked, because helm
 * layers all of the hub's files together, so without this one no rule can
 * judge the values.
 */
static void report_unloaded_file(const struct check_request *request, const char *hub_name,
				 const struct load_error *err, struct hub_result *result)
{
	char *advice = load_advice(request, err);
	char quoted[OPTIONS_QUOTE_SIZE];
	char *unchecked;
	char *message;

	if (hub_name)
		unchecked = format_text("nothing else of hub '%s' was checked, because helm layers "
					"all of its values files together",
					quote(hub_name, quoted));
	else
		unchecked = format_text("nothing else was checked, because helm layers all of the "
					"hub's values files together");
	message = format_text("%s%s%s%s; %s", err->status == LOAD_ERR_SYNTAX ? "invalid YAML: " : "",
			      err->message, advice ? "; " : "", advice ? advice : "", unchecked);
	free(advice);
	free(unchecked);
	set_unloaded_finding(&err->mark, message, result);
}

/*
 * The cluster module's error text without its leading "FILE:LINE:COLUMN: "
 * or "FILE: ", where FILE is file.  Stores the line and column it names in
 * *mark, which keeps its values when the text names none.
 */
static const char *strip_error_location(const char *error, const char *file, struct mark *mark)
{
	size_t length = strlen(file);
	const char *rest = error + length;
	size_t line, column;
	int used = 0;

	if (strncmp(error, file, length) != 0)
		return error;
	if (sscanf(rest, ":%zu:%zu: %n", &line, &column, &used) == 2 && used > 0) {
		mark->line = line;
		mark->column = column;
		return rest + used;
	}
	if (strncmp(rest, ": ", 2) == 0)
		return rest + 2;
	return error;
}

/*
 * Make result the report of a cluster.yaml that did not load, at the
 * position that error (from cluster_load()) names in path.  The cluster's
 * hubs are unknown, so the finding belongs to none.
 */
static void report_unloaded_cluster(const char *path, const char *error,
				    struct hub_result *result)
{
	struct mark mark = {.file = path};
	const char *what = strip_error_location(error, path, &mark);

	set_unloaded_finding(&mark,
			     format_text("%s; no hub of this cluster.yaml was checked", what),
			     result);
}

/*
 * Make result the report of a hub one of whose values files is missing, at
 * the line of cluster.yaml that lists the file.  error comes from
 * cluster_resolve_files(), which names that line too.
 */
static void report_missing_values_file(const struct cluster *cluster,
				       const struct cluster_hub *hub, const char *error,
				       struct hub_result *result)
{
	struct mark mark = hub->mark;
	char quoted[OPTIONS_QUOTE_SIZE];
	const char *what;

	mark.file = cluster->path;
	what = strip_error_location(error, cluster->path, &mark);
	set_unloaded_finding(&mark,
			     format_text("%s; nothing else of hub '%s' was checked, because helm "
					 "layers all of its values files together",
					 what, quote(hub->name, quoted)),
			     result);
}

/* Layer, check and report one hub, and return the exit status. */
static int check_hub(const struct check_request *request, const struct hub_input *input)
{
	struct hub_result result = {0};
	struct hub_result *results[] = {&result};
	struct load_error err;
	bool wrong_hub = false;
	int status = layer_hub(request, input, &result.effective, &err, &wrong_hub);

	name_result(input, &result);
	if (status == EXIT_OK) {
		run_rules(request, input, &result);
		status = write_report(request, results, 1, REPORT_SCOPE_ONE_HUB, result.status);
	} else if (reports_unloaded_files(request) && !wrong_hub) {
		report_unloaded_file(request, input->hub ? input->hub->name : NULL, &err, &result);
		write_report(request, results, 1, REPORT_SCOPE_ONE_HUB, result.status);
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

/* Report a file of the run that did not load, when the format gets a report
 * of it, and return EXIT_USAGE.  The caller has printed the error. */
static int write_unloaded_report(const struct check_request *request, struct hub_result *result)
{
	struct hub_result *results[] = {result};

	if (reports_unloaded_files(request))
		write_report(request, results, 1, REPORT_SCOPE_ONE_HUB, result->status);
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
		result.hub_name = copy_or_null(hub->name);
		result.cluster_name = copy_or_null(cluster->name);
		report_missing_values_file(cluster, hub, error, &result);
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
 * writes a line per hub into the report; the others keep standard output
 * one document (or annotations only), so the line goes to standard error.
 * cluster_name starts the line when not NULL.
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
	if (format_of(request) != REPORT_TEXT && result->hub_name)
		print_hub_line(stderr, cluster_name, result->hub_name, &result->findings);
}

static struct hub_result *new_result(void)
{
	struct hub_result *result = calloc(1, sizeof(*result));

	if (!result)
		abort();
	return result;
}

static void free_result(struct hub_result *result)
{
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
		struct hub_result *result = new_result();
		struct hub_input input;
		struct load_error err;
		char error[1024];
		char **paths = NULL;
		size_t path_count = 0;

		if (cluster_resolve_files(cluster, hub, &paths, &path_count, error,
					  sizeof(error)) != 0) {
			fprintf(stderr, "binderhub-gen: error: %s\n", error);
			batch_raise_status(batch, EXIT_USAGE);
			if (reports_unloaded_files(request)) {
				result->hub_name = copy_or_null(hub->name);
				result->cluster_name = copy_or_null(cluster->name);
				report_missing_values_file(cluster, hub, error, result);
				batch_add(request, batch, cluster_name, result);
				result = NULL;
			}
		} else {
			hub_input_of_cluster(request, cluster, hub, paths, path_count, chart_values,
					     &input);
			name_result(&input, result);
			bool wrong_hub = false;

			if (layer_hub(request, &input, &result->effective, &err, &wrong_hub) !=
			    EXIT_OK) {
				batch_raise_status(batch, EXIT_USAGE);
				/* Without its values, whether the hub is a binderhub-ui hub is
				 * unknown, so the file is reported for every hub that lists it. */
				if (reports_unloaded_files(request)) {
					report_unloaded_file(request, hub->name, &err, result);
					batch_add(request, batch, cluster_name, result);
					result = NULL;
				}
			} else if (is_binderhub_ui(&result->effective)) {
				run_rules(request, &input, result);
				batch_add(request, batch, cluster_name, result);
				result = NULL;
			} else {
				fprintf(stderr,
					"%s%sskipped hub %s: not a binderhub-ui hub (binderhub-service "
					"and binderhubUI are off)\n",
					cluster_name ? cluster_name : "", cluster_name ? ": " : "",
					hub->name);
			}
		}
		if (result)
			free_result(result);
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
	if (!reports_unloaded_files(request))
		return;
	result = new_result();
	report_unloaded_cluster(path, error, result);
	batch_add(request, batch, NULL, result);
}

/* Write the report and return the run's exit status.  where names the
 * cluster.yaml or checkout in the message for a run that found no hub. */
static int batch_finish(const struct check_request *request, struct hub_batch *batch,
			const char *where)
{
	enum report_format format = format_of(request);

	if (batch->checked_count == 0 && batch->status == EXIT_OK)
		fprintf(stderr,
			"binderhub-gen: warning: no hub in '%s' is a binderhub-ui hub (none turns on "
			"binderhub-service or jupyterhub.custom.binderhubUI), so none was checked\n",
			where);
	/* The text and github formats write nothing for no hubs, as a run on
	 * files writes nothing for no files; json and sarif always write the
	 * one document that a script or upload step expects. */
	if (batch->result_count > 0 || format == REPORT_JSON || format == REPORT_SARIF)
		batch_raise_status(batch, write_report(request, batch->results,
						       batch->result_count, batch->scope, batch->status));
	for (size_t i = 0; i < batch->result_count; i++)
		free_result(batch->results[i]);
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
		report_unloaded_cluster(request->cluster_file, error, &result);
		status = write_unloaded_report(request, &result);
		hub_result_release(&result);
		return status;
	}
	chart_values = chart_values_near(request, request->cluster_file, chart_values_buffer,
					 sizeof(chart_values_buffer));
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
	chart_values = chart_values_near(request, root, chart_values_buffer,
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
