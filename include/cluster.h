/*
 * A cluster's cluster.yaml from 2i2c's infrastructure repository
 * (config/clusters/<cluster>/cluster.yaml), read through libcyaml, and the
 * values files each hub layers on top of the deployer's own layer.
 *
 * Only the keys the checker needs are read: the cluster's name and
 * provider, and each hub's name, domain, helm_chart and
 * helm_chart_values_files.  Every other key is ignored.
 */
#ifndef BHG_CLUSTER_H
#define BHG_CLUSTER_H

#include <stddef.h>

#include "tree.h"

/** The chart a hub is deployed with (cluster.yaml `helm_chart`). */
enum cluster_chart {
	CLUSTER_CHART_BASEHUB,
	CLUSTER_CHART_DASKHUB, /**< Legacy chart: basehub's values sit under a `basehub:` key. */
};

/** One entry of cluster.yaml `hubs`. */
struct cluster_hub {
	char *name;   /**< Also the hub's Kubernetes namespace. */
	char *domain; /**< Domain the deployer serves JupyterHub at. */
	enum cluster_chart chart;
	char **values_files; /**< helm_chart_values_files as written, relative to cluster.yaml's folder. */
	size_t values_file_count;
	struct mark mark;               /**< Start of the hub's entry in cluster.yaml. */
	struct mark domain_mark;        /**< Where the domain is written. */
	struct mark *values_file_marks; /**< Where each values file is named. */
};

/** A loaded cluster.yaml; every string is owned by it.  Marks name path as their file. */
struct cluster {
	char *path;     /**< The path cluster_load() was given. */
	char *name;     /**< Cluster name. */
	char *provider; /**< gcp, aws, azure, kubeconfig, or whatever else the file says. */
	struct cluster_hub *hubs; /**< In file order. */
	size_t hub_count;
};

/**
 * Read and validate the cluster.yaml at path.  A cluster needs `name` and
 * `provider`, and `hubs` may be left out.  Each hub needs a non-empty
 * `name` (unique in the file), `domain`, `helm_chart` (basehub or daskhub)
 * and a list `helm_chart_values_files`.
 *
 * Returns 0 with *out set to a new cluster, or -1 with *out untouched and
 * error holding "PATH[:LINE:COLUMN]: [KEY PATH: ]what is wrong; what to do"
 * (no "binderhub-gen: error: " prefix), e.g.
 * "config/clusters/x/cluster.yaml:8:3: hubs[1]: missing key 'helm_chart_values_files'; ...".
 * Indexes in key paths count from 0.
 */
int cluster_load(const char *path, struct cluster **out, char *error, size_t size);

/** cluster_load() on text already in memory; name is used as the path in messages and marks. */
int cluster_parse(const char *text, size_t length, const char *name, struct cluster **out,
		  char *error, size_t size);

/** Free a cluster from cluster_load(); NULL is allowed. */
void cluster_free(struct cluster *cluster);

/** The hub called name, or NULL when the cluster has no such hub. */
const struct cluster_hub *cluster_find_hub(const struct cluster *cluster, const char *name);

/**
 * Write the hub names, in file order, as "a, b, c" into buffer, for
 * messages such as "unknown hub 'x'; this cluster has: a, b, c".  Writes
 * "(none)" for a cluster without hubs.  When the list does not fit, it ends
 * after the last whole name that fits, followed by ", ...".
 */
void cluster_format_hub_names(const struct cluster *cluster, char *buffer, size_t size);

/**
 * Build the paths of hub's values files in helm --values order: each
 * relative name is joined to the folder of cluster->path, absolute names
 * are kept.  Every file must exist as a regular file; secret files are
 * included as they are (still sops-encrypted).
 *
 * Returns 0 with *paths_out a malloc'ed array of *count_out malloc'ed
 * strings (free it with cluster_free_paths()), or -1 with the outputs
 * untouched and error naming the missing file, its hub and where
 * cluster.yaml lists it.
 */
int cluster_resolve_files(const struct cluster *cluster, const struct cluster_hub *hub,
			  char ***paths_out, size_t *count_out, char *error, size_t size);

/** Free an array from cluster_resolve_files(); NULL is allowed. */
void cluster_free_paths(char **paths, size_t count);

#endif
