/* Discovery of an infrastructure checkout and of its clusters. */
#define _XOPEN_SOURCE 700 /* realpath */

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "infra_repo.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static bool is_folder(const char *path)
{
	struct stat info;

	return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

static bool is_regular_file(const char *path)
{
	struct stat info;

	return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

static bool is_checkout(const char *folder)
{
	char path[PATH_MAX];

	/* "/" + "config/clusters" would read "//config/clusters", harmless but ugly. */
	const char *separator = strcmp(folder, "/") == 0 ? "" : "/";

	if ((size_t)snprintf(path, sizeof(path), "%s%sconfig/clusters", folder, separator) >=
		    sizeof(path) ||
	    !is_folder(path))
		return false;
	if ((size_t)snprintf(path, sizeof(path), "%s%shelm-charts/basehub/values.yaml", folder,
			     separator) >= sizeof(path))
		return false;
	return is_regular_file(path);
}

/* Cut the last component off an absolute, canonical path; "/" stays "/". */
static void cut_last_component(char *path)
{
	char *slash = strrchr(path, '/');

	if (slash == path)
		path[1] = '\0';
	else if (slash)
		*slash = '\0';
}

/* Number of components in rest, the "/b/c" that follows a folder in a canonical path. */
static size_t count_components(const char *rest)
{
	size_t count = 0;

	for (; *rest; rest++)
		if (*rest == '/' && rest[1] != '\0')
			count++;
	return count;
}

/* True when folder equals base or lies below it (both canonical and absolute). */
static bool is_within(const char *folder, const char *base)
{
	size_t length = strlen(base);

	if (strcmp(base, "/") == 0)
		return true;
	return strncmp(folder, base, length) == 0 && (folder[length] == '\0' || folder[length] == '/');
}

/* Write found (canonical, absolute) as seen from the working folder. */
static int write_relative(const char *found, char *root, size_t size)
{
	char working[PATH_MAX];
	size_t written;

	if (!getcwd(working, sizeof(working)))
		return snprintf(root, size, "%s", found) < (int)size ? 0 : -1;

	if (strcmp(found, working) == 0) {
		written = (size_t)snprintf(root, size, ".");
	} else if (is_within(found, working)) {
		size_t skip = strcmp(working, "/") == 0 ? 1 : strlen(working) + 1;

		written = (size_t)snprintf(root, size, "%s", found + skip);
	} else if (is_within(working, found)) {
		/* The working folder is below the checkout: one ".." per extra component. */
		size_t base = strcmp(found, "/") == 0 ? 0 : strlen(found);
		size_t levels = count_components(working + base);
		size_t used = 0;

		if (size == 0)
			return -1;
		root[0] = '\0';
		for (size_t i = 0; i < levels; i++) {
			int step = snprintf(root + used, size - used, "%s..", i ? "/" : "");

			if (step < 0 || (size_t)step >= size - used)
				return -1;
			used += (size_t)step;
		}
		return 0;
	} else {
		written = (size_t)snprintf(root, size, "%s", found);
	}
	return written < size ? 0 : -1;
}

int infra_repo_find_root(const char *start_path, char *root, size_t size)
{
	char folder[PATH_MAX];

	if (!realpath(start_path, folder))
		return -1;
	if (!is_folder(folder))
		cut_last_component(folder);

	for (;;) {
		if (is_checkout(folder))
			return write_relative(folder, root, size);
		if (strcmp(folder, "/") == 0)
			return -1;
		cut_last_component(folder);
	}
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void *grow(void *memory, size_t size)
{
	void *grown = realloc(memory, size);

	if (!grown) {
		fputs("binderhub-gen: error: out of memory\n", stderr);
		abort();
	}
	return grown;
}

/* "ROOT/rest", or just "rest" for a root of "." so paths stay repository-relative. */
static char *join_root(const char *root, const char *rest)
{
	bool bare = strcmp(root, ".") == 0;
	bool slash = !bare && root[strlen(root) - 1] != '/';
	size_t length = (bare ? 0 : strlen(root)) + slash + strlen(rest) + 1;
	char *path = grow(NULL, length);

	snprintf(path, length, "%s%s%s", bare ? "" : root, slash ? "/" : "", rest);
	return path;
}

int infra_repo_list_clusters(const char *root, char ***paths, size_t *count)
{
	char *clusters_folder = join_root(root, "config/clusters");
	DIR *folder = opendir(clusters_folder);
	char **found = NULL;
	size_t found_count = 0;
	struct dirent *entry;

	if (!folder) {
		int saved = errno;

		free(clusters_folder);
		errno = saved;
		return -1;
	}
	while ((entry = readdir(folder)) != NULL) {
		size_t length;
		char *path;

		if (entry->d_name[0] == '.')
			continue;
		length = strlen(clusters_folder) + strlen(entry->d_name) + sizeof("//cluster.yaml");
		path = grow(NULL, length);
		snprintf(path, length, "%s/%s/cluster.yaml", clusters_folder, entry->d_name);
		if (!is_regular_file(path)) {
			free(path);
			continue;
		}
		found = grow(found, (found_count + 1) * sizeof(*found));
		found[found_count++] = path;
	}
	closedir(folder);
	free(clusters_folder);

	if (found_count > 1)
		qsort(found, found_count, sizeof(*found), compare_paths);
	*paths = found;
	*count = found_count;
	return 0;
}

void infra_repo_free_clusters(char **paths, size_t count)
{
	if (!paths)
		return;
	for (size_t i = 0; i < count; i++)
		free(paths[i]);
	free(paths);
}

int infra_repo_chart_defaults_path(const char *root, char *path, size_t size)
{
	char *joined = join_root(root, "helm-charts/basehub/values.yaml");
	int written = snprintf(path, size, "%s", joined);

	free(joined);
	return written >= 0 && (size_t)written < size ? 0 : -1;
}
