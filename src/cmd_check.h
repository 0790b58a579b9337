/*
 * Internal to `binderhub-gen check`: the request that src/cmd_check.c
 * parses from the command line, and the runs in src/cmd_check_hubs.c that
 * carry it out.  A run checks the files that the request names, one hub of
 * a cluster.yaml, or the binderhub-ui hubs of a cluster.yaml or of every
 * cluster of an infrastructure checkout.
 */
#ifndef BHG_CMD_CHECK_H
#define BHG_CMD_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"
#include "report.h"

/* Everything the command line chose. */
struct check_request {
	const char *format;
	enum color_mode color;
	struct engine_settings settings;
	struct derive_options derive;
	bool daskhub;
	const char *chart_values;
	bool no_chart_values;
	const char **files;
	size_t file_count;
	bool stdin_given;

	const char *cluster_file;    /* --cluster-file: the hubs come from this cluster.yaml. */
	const char *hub;             /* --hub */
	bool all_hubs;               /* --all-hubs */
	const char *repo;            /* --repo: a folder inside an infrastructure checkout. */
	const char *deployer_values; /* --deployer-values: the rendered deployer layer. */
	bool no_deployer_layer;      /* --no-deployer-layer */
};

/* The provider that a --provider value or cluster.yaml's provider names:
 * gcp, aws and azure are themselves, anything else (kubeconfig) is other. */
enum hub_provider check_provider_of_name(const char *name);

/* Check the values files given as arguments.  Returns the exit status. */
int check_run_files(const struct check_request *request);

/* Check request->hub, or with request->all_hubs every binderhub-ui hub, of
 * request->cluster_file.  Returns the exit status. */
int check_run_cluster(const struct check_request *request);

/* Check every binderhub-ui hub of every cluster of the checkout around
 * request->repo.  Returns the exit status. */
int check_run_repo(const struct check_request *request);

#endif
