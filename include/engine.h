/*
 * The rule engine of `binderhub-gen check`: derives what kind of hub the
 * effective values describe, runs the rules that apply to it, and
 * post-processes their findings (disable comments in the values files,
 * --disable, --severity, sorting).
 *
 * The table of rule functions is a parameter, so tests can run a few rules
 * of their own.  The command passes engine_rule_table, which contains every
 * rule of the catalogue.
 */
#ifndef BHG_ENGINE_H
#define BHG_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "check.h"
#include "rules.h"
#include "tree.h"

/** A rule's function; a NULL entry in a table is a rule that is not run. */
typedef void (*engine_rule_fn)(const struct rule_context *ctx);

/** Every rule's function, indexed by enum rule_id (src/check/rule_table.c). */
extern const engine_rule_fn engine_rule_table[RULE__COUNT];

/* ------------------------------------------------------------------------
 * Derivation of the hub's mode, provider, registry and domains (derive.c)
 * ------------------------------------------------------------------------ */

/** Facts about the hub given on the command line; derive_context() derives the others from the values. */
struct derive_options {
	bool mode_given;            /**< --auth or --no-auth was given. */
	enum hub_mode mode;         /**< The mode given, when mode_given. */
	enum hub_provider provider; /**< HUB_PROVIDER_UNKNOWN: guess from instance types. */
	enum hub_registry registry; /**< HUB_REGISTRY_UNKNOWN: take it from the registry host. */
	const char *namespace_name; /**< --namespace, or NULL. */
	const char *cluster_name;   /**< cluster.yaml name, or NULL without cluster.yaml. */
	const char *hub_name;       /**< The hub's name in cluster.yaml, or NULL. */
	const char *cluster_domain; /**< The hub's domain in cluster.yaml, or NULL. */
};

/** Phrases for the summary line, one per derived fact, each naming where the fact came from. */
struct derivation {
	char mode[160];     /**< e.g. "unauthenticated hub (authenticator_class 'null')" */
	char provider[160]; /**< e.g. "provider aws (guessed from instance type 'r5.xlarge')" */
	char registry[160]; /**< e.g. "registry quay (from image_prefix)" */
};

/**
 * Fill ctx's mode, provider, registry, domains and namespace from options
 * and from ctx->values, which must be set (effective_fill_context()).
 * Mode: from options, else from jupyterhub.hub.config.JupyterHub.authenticator_class
 * (null and tmp authenticators are unauthenticated, any other non-empty
 * text authenticated), else authenticated exactly when
 * jupyterhub.hub.config.BinderSpawnerMixin.auth_enabled is true.
 * Provider: from options, else guessed from the node.kubernetes.io/instance-type
 * node selectors, else unknown.  Registry: from options, else from the host
 * of binderhub-service.config.BinderHub.image_prefix, else of
 * DockerRegistry.url.  JH: the first jupyterhub.ingress.hosts entry, else
 * options->cluster_domain.  BH: the first binderhub-service.ingress.hosts
 * entry.  The namespace and cluster fields are copied from options.  When
 * notes is not NULL, it
 * receives a phrase for each fact saying where it came from.
 */
void derive_context(struct rule_context *ctx, const struct derive_options *options,
		    struct derivation *notes);

/** Classify an image registry host such as "quay.io" or "us-central1-docker.pkg.dev". */
enum hub_registry derive_registry_of_host(const char *host);

/** Guess the provider from a node instance type such as "n2-highmem-4" or "r5.xlarge". */
enum hub_provider derive_provider_of_instance_type(const char *instance_type);

/** Return "gcp", "aws", "azure", "other" or "unknown". */
const char *derive_provider_name(enum hub_provider provider);

/**
 * Write the summary line's "derived" text into buffer: notes' three phrases,
 * the namespace when known and which chart defaults were used, joined by
 * ", ".  Returns buffer.
 */
const char *derive_describe(const struct rule_context *ctx, const struct derivation *notes,
			    char *buffer, size_t size);

/* ------------------------------------------------------------------------
 * Disable comments in values files (pragma.c)
 * ------------------------------------------------------------------------ */

/**
 * One `# binderhub-gen: disable=ID[,ID...]` comment.  Above a key it covers
 * the lines of the key and its value.  It also covers the key's path and
 * every path below it, in any file.  In the comment block at the top of a
 * file, above its first key, it covers the whole file.
 */
struct pragma {
	const char *file;   /**< File the lines are in. */
	bool whole_file;
	size_t first_line;  /**< Line of the key; 0 when the key has no position. */
	size_t last_line;   /**< Last line of the key's value. */
	char *path;         /**< Dotted path of the key below the values root, or NULL; malloc'ed. */
	bool rules[RULE__COUNT];
};

struct pragma_list {
	struct pragma *items;
	size_t count;
	size_t capacity;
};

/**
 * Collect the disable comments of every layer into list.  A rule id or name
 * that does not exist, or a directive other than disable, is reported on
 * warnings (when not NULL) as "binderhub-gen: warning: FILE:LINE: ..." and
 * otherwise ignored, so that files written for a newer version still check.
 */
void pragma_collect_layers(const struct layer *layers, size_t layer_count,
			   struct pragma_list *list, FILE *warnings);

/** True when a pragma of list covers finding's rule at its place or path. */
bool pragma_suppresses_finding(const struct pragma_list *list, const struct finding *finding);

void pragma_list_release(struct pragma_list *list);

/* ------------------------------------------------------------------------
 * Running the rules (engine.c)
 * ------------------------------------------------------------------------ */

/** Choices from the command line that change which findings are kept and how serious they are. */
struct engine_settings {
	bool disabled[RULE__COUNT];     /**< --disable: the rule is not run. */
	bool severity_set[RULE__COUNT]; /**< --severity was given for the rule. */
	enum severity severity[RULE__COUNT];
	bool strict;                    /**< Warnings make the exit status 1 too. */
};

/** True when rule applies to the hub that ctx describes; an unknown provider or registry applies to nothing specific. */
bool engine_rule_applies(const struct rule_info *rule, const struct rule_context *ctx);

/**
 * Run every rule of table that is not disabled and applies to ctx, appending
 * to ctx->findings; then drop the findings that a disable comment of
 * ctx->layers covers, apply settings' severities, and sort the findings by
 * file, line, column and rule id, dropping exact repeats.  settings may be
 * NULL.  Warnings about disable comments go to warnings when not NULL.
 * When a layer is not a mapping (an uncovered BH007 finding), only the
 * file-level rules run, because every other finding would follow from it.
 */
void engine_run(const struct rule_context *ctx, const engine_rule_fn table[RULE__COUNT],
		const struct engine_settings *settings, FILE *warnings);

/** Sort findings by file, line, column, rule id, path and message, as findings_sort() does. */
void engine_sort_findings(struct findings *findings);

/**
 * Return the exit status for findings: 1 when one is an error, or with
 * strict a warning; else 0.
 */
int engine_exit_status(const struct findings *findings, bool strict);

/* ------------------------------------------------------------------------
 * Checking a generated document (document.c)
 * ------------------------------------------------------------------------ */

/** Facts about the hub that the generator's options fix. */
struct engine_hub {
	bool mode_known;
	enum hub_mode mode;
	enum hub_provider provider; /**< HUB_PROVIDER_UNKNOWN: guess. */
	enum hub_registry registry; /**< HUB_REGISTRY_UNKNOWN: derive. */
};

/**
 * Check doc, a hub's values file built in memory, as the only layer over
 * the built-in chart defaults with every rule of engine_rule_table.  hub and
 * namespace_name may be NULL.  Findings are appended to out, sorted; their
 * mark.file points into doc, so doc must outlive them.
 * Returns the exit status engine_exit_status() gives (0 or 1), or 2 with
 * nothing appended when the built-in defaults or doc cannot be layered.
 */
int engine_check_document(const struct tree_doc *doc, const struct engine_hub *hub,
			  const char *namespace_name, struct findings *out);

#endif
