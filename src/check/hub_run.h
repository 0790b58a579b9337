/*
 * The steps that the runs of `binderhub-gen check` in src/cmd_check_hubs.c
 * share: layering one hub, choosing the binderhub-ui hubs, catching a
 * --deployer-values render made for another hub, turning a file that does
 * not load into a BH007 finding, and writing the report.  Private to those
 * runs and to their unit tests.
 */
#ifndef BHG_CHECK_HUB_RUN_H
#define BHG_CHECK_HUB_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../cmd_check.h"
#include "cluster.h"
#include "effective.h"
#include "load.h"
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

/* ---- Layering one hub (hub_layers.c) ---- */

/**
 * Return the chart defaults file to coalesce onto: --chart-values, else the
 * helm-charts/basehub/values.yaml of the infrastructure checkout around
 * near (a file or folder, or NULL), written into buffer, because defaults
 * of the same revision as the values judge them best.  NULL means the
 * built-in defaults, or none with --no-chart-values.
 */
const char *hub_layers_find_chart_values(const struct check_request *request, const char *near,
					 char *buffer, size_t size);

/**
 * Layer input's files into effective: the chart defaults, then the
 * deployer's layer, then the values files.  On failure print the error,
 * leave it in err and return EXIT_USAGE.  *wrong_hub must start false.  It
 * becomes true when the --deployer-values render is for another hub, and
 * then the error printed is deployer_render_is_for_other_hub()'s.
 */
int hub_layers_build(const struct check_request *request, const struct hub_input *input,
		     struct effective *effective, struct load_error *err, bool *wrong_hub);

/* ---- A --deployer-values render made for another hub (deployer_render.c) ---- */

/**
 * Find in node, part of a rendered deployer layer, a hub name other than
 * hub_name: the value of a `2i2c/hub-name` node selector key, or the
 * namespace in an in-cluster URL "://hub.NAMESPACE.svc", which the
 * deployer sets to the hub's name.  Returns the node that names it and
 * writes the name into other, or returns NULL.
 */
const struct node *deployer_render_find_other_hub(const struct node *node, const char *hub_name,
						  char *other, size_t size);

/**
 * True, after printing an error, when doc, the rendered deployer layer of
 * --deployer-values, was rendered for another hub than input's.  Such a
 * layer would make the rules demand the other hub's URLs.  Always false
 * for files given as arguments, which name no hub.
 */
bool deployer_render_is_for_other_hub(const struct check_request *request,
				      const struct hub_input *input, const struct tree_doc *doc);

/* ---- Choosing the binderhub-ui hubs (hub_select.c) ---- */

/**
 * True when --all-hubs and --repo check the hub as a binderhub-ui hub.
 * Selecting on binderhubUI.enabled alone would skip exactly the hubs that
 * BH001 is for, those that turn it off or misspell it.  So a hub also counts
 * when it turns binderhub-service on (basehub leaves it off, so only a
 * BinderHub hub turns it on) or when one of its own files names
 * jupyterhub.custom.binderhubUI at all.
 */
bool hub_select_is_binderhub_ui(const struct effective *effective);

/** Print to out the line about a hub that hub_select_is_binderhub_ui() rejects.
 * cluster_name starts the line when not NULL. */
void hub_select_print_skipped(FILE *out, const char *cluster_name, const char *hub_name);

/* ---- The outcome of one hub (hub_result.c) ---- */

/** Return a malloc'ed copy of text, or NULL for NULL.  Aborts when out of memory. */
char *hub_result_copy_text(const char *text);

/** Append a copy of file to the names of the files that result checked. */
void hub_result_add_file(struct hub_result *result, const char *file);

/** Record in result the names of input's hub and cluster and of its files. */
void hub_result_set_names(const struct hub_input *input, struct hub_result *result);

/** Free what result owns and set its pointers to NULL; result itself is not freed. */
void hub_result_release(struct hub_result *result);

/** Return a new zeroed result on the heap.  Aborts when out of memory. */
struct hub_result *hub_result_new(void);

/** Release and free a result of hub_result_new(). */
void hub_result_free(struct hub_result *result);

/* ---- The report (hub_report.c) ---- */

/** Return the format that --format chose, with auto resolved. */
enum report_format hub_report_format(const struct check_request *request);

/**
 * Write the report of count results, whose run has exit_status, and return
 * that status, or EXIT_USAGE when standard output cannot be written.
 */
int hub_report_write(const struct check_request *request, struct hub_result *const *results,
		     size_t count, enum report_scope scope, int exit_status);

/* ---- A file that does not load (load_failure.c) ---- */

/**
 * True when a file that does not load gets a report on standard output
 * besides the error on standard error.  Programs read the json, sarif and
 * github formats, and an empty report would hide the error from them (an
 * empty SARIF file even fails to upload).  The text format gets no report:
 * people see both streams in one terminal, and the error line already names
 * the file, line, column and problem, so a text report would repeat it.
 */
bool load_failure_is_reported(const struct check_request *request);

/**
 * Make result the report of a hub whose values file did not load, at the
 * file, line and column of err.  hub_name names the hub in the message when
 * not NULL.  The message states that nothing else was checked, because helm
 * layers all of the hub's files together, so without this one no rule can
 * judge the values.
 */
void load_failure_report_file(const struct check_request *request, const char *hub_name,
			      const struct load_error *err, struct hub_result *result);

/**
 * Make result the report of a cluster.yaml that did not load, at the
 * position that error (from cluster_load()) names in path.  The cluster's
 * hubs are unknown, so the finding belongs to none.
 */
void load_failure_report_cluster(const char *path, const char *error, struct hub_result *result);

/**
 * Make result the report of a hub one of whose values files is missing, at
 * the line of cluster.yaml that lists the file.  error comes from
 * cluster_resolve_files(), which names that line too.
 */
void load_failure_report_missing_file(const struct cluster *cluster,
				      const struct cluster_hub *hub, const char *error,
				      struct hub_result *result);

#endif
