/*
 * Finding a checkout of 2i2c's infrastructure repository and the clusters
 * in it.  A folder is taken for a checkout when it has both
 * config/clusters/ and helm-charts/basehub/values.yaml.
 */
#ifndef BHG_INFRA_REPO_H
#define BHG_INFRA_REPO_H

#include <stddef.h>

/**
 * Walk up from start_path (a file or a folder) to the nearest folder that
 * is a checkout, start_path's own folder included, and write it into root.
 * root is relative to the current working folder when the checkout is that
 * folder ("."), below it ("a/b") or above it ("../.."), and absolute
 * otherwise, so that paths built on it read well in reports.
 *
 * Returns 0, or -1 when no folder above start_path is a checkout, when
 * start_path does not exist, or when root does not fit in size bytes.
 */
int infra_repo_find_root(const char *start_path, char *root, size_t size);

/**
 * List every config/clusters/<name>/cluster.yaml under root, sorted by
 * byte order.  Folders whose name starts with '.' and folders without a
 * cluster.yaml are skipped.  A root of "." gives "config/clusters/...".
 *
 * Returns 0 with *paths a malloc'ed array of *count malloc'ed paths (free
 * it with infra_repo_free_clusters()), or -1 with errno set and the
 * outputs untouched when root/config/clusters cannot be read.
 */
int infra_repo_list_clusters(const char *root, char ***paths, size_t *count);

/** Free an array from infra_repo_list_clusters(); NULL is allowed. */
void infra_repo_free_clusters(char **paths, size_t count);

/**
 * Write root's chart defaults, ROOT/helm-charts/basehub/values.yaml ("helm-charts/..."
 * for a root of "."), into path.  Returns 0, or -1 when it does not fit.
 */
int infra_repo_chart_defaults_path(const char *root, char *path, size_t size);

#endif
