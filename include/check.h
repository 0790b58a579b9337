/*
 * The input of a rule and the functions it reports through.
 *
 * The checker reads the user's layers, merges them as helm does and
 * coalesces them onto the chart defaults (include/effective.h).  Each rule
 * is a function check_<ID>() that reads only the rule_context below and
 * reports through check_report() or check_report_missing(); no rule reads
 * files or prints.  The engine calls a rule only for hubs its catalogue
 * entry applies to (mode, provider, registry), so a rule does not test that
 * itself.
 *
 * Adding a rule: add its RULE() line to include/rules_catalogue.def, write
 * check_<ID>() in the src/rules/ file of its runbook section, add a failing
 * and a passing case to that section's test, and regenerate docs/rules.md.
 */
#ifndef BHG_CHECK_H
#define BHG_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "rules.h"
#include "tree.h"

enum hub_mode {
	HUB_AUTHENTICATED,
	HUB_UNAUTHENTICATED,
};

enum hub_provider {
	HUB_PROVIDER_UNKNOWN,
	HUB_PROVIDER_GCP,
	HUB_PROVIDER_AWS,
	HUB_PROVIDER_AZURE,
	HUB_PROVIDER_OTHER, /**< kubeconfig clusters such as Jetstream2. */
};

enum hub_registry {
	HUB_REGISTRY_UNKNOWN,
	HUB_REGISTRY_QUAY, /**< quay.io */
	HUB_REGISTRY_GAR,  /**< <region>-docker.pkg.dev */
	HUB_REGISTRY_GCR,  /**< gcr.io */
	HUB_REGISTRY_OTHER,
};

/** One values file as the user layered it. */
struct layer {
	const char *name;            /**< Path as the user wrote it ("stdin" for -). */
	struct tree_doc *doc;        /**< Parsed file; root may be NULL or not a mapping. */
	const struct node *values;   /**< Root that reaches basehub (the basehub: subtree for daskhub), or NULL. */
	const struct node *sops;     /**< The file's top-level sops metadata mapping, or NULL. */
	bool secret;                 /**< Basename contains "secret", the deployer's own test. */
	bool emulated;               /**< Deployer layer (emulated or rendered), not a file the user edits. */
};

/** A key deleted by a null in a user layer; kept so findings can point at the null. */
struct deletion {
	char *path;       /**< Dotted path with '.' inside keys escaped as "\.". */
	struct mark mark; /**< Where the null was written. */
};

struct finding {
	enum rule_id rule;
	enum severity severity;
	struct mark mark;        /**< Where to point: line 0 when no better place exists. */
	char *path;              /**< Dotted key path the finding is about; malloc'ed. */
	char *message;           /**< Complete sentence-like message without the rule id; malloc'ed. */
	bool from_emulated;      /**< The deciding value came from the emulated deployer layer. */
};

struct findings {
	struct finding *items;
	size_t count;
	size_t capacity;
};

struct rule_context {
	const struct node *values;  /**< Effective values at basehub level, chart defaults included. */
	const struct deletion *deletions;
	size_t deletion_count;
	const struct layer *layers; /**< User layers in helm --values order (emulated one first if any). */
	size_t layer_count;
	const char *defaults_name;  /**< mark.file of nodes that came from the chart defaults, or NULL. */
	bool have_defaults;         /**< Chart defaults were coalesced underneath. */

	enum hub_mode mode;
	enum hub_provider provider;
	enum hub_registry registry;
	const char *jupyterhub_domain; /**< JH: first jupyterhub.ingress.hosts entry, else cluster.yaml domain; or NULL. */
	const char *binderhub_domain;  /**< BH: first binderhub-service.ingress.hosts entry, or NULL. */
	const char *namespace_name;    /**< NS: the hub name when known, else NULL. */
	const char *cluster_name;      /**< cluster.yaml name, or NULL without cluster.yaml. */
	const char *hub_name;          /**< cluster.yaml hub name, or NULL. */
	const char *cluster_domain;    /**< cluster.yaml hub domain, or NULL. */
	bool daskhub;                  /**< helm_chart is daskhub: values live under basehub:. */

	struct findings *findings; /**< Where check_report() appends; rules only append. */
};

/** Effective value at a dotted path (see tree_get_path), aliases resolved; NULL when absent. */
const struct node *check_get(const struct rule_context *ctx, const char *path);

/** True when node is present and not null, "", [] or {} (rules.md "set"). */
bool check_is_set(const struct node *node);

/** True when node is absent or null.  Unlike for check_is_set(), "", [] and {} count as present. */
bool check_is_absent(const struct node *node);

/** True when the node is a scalar "ENC[...]" string: sops ciphertext, present but opaque. */
bool check_is_encrypted(const struct node *node);

/** True when the node came from the chart defaults rather than a user layer. */
bool check_from_defaults(const struct rule_context *ctx, const struct node *node);

/** The scalar's text, or NULL when node is not a scalar (aliases resolved). */
const char *check_text(const struct node *node);

/** Compare two URLs ignoring one trailing '/' on either. */
bool check_url_equal(const char *a, const char *b);

/** True when the last key of path names a secret (password, client_secret, api_token ...). */
bool check_is_secret_key(const char *key);

/**
 * Report a finding of rule at node (its mark is used).  path is the dotted
 * key path the finding is about.  format is printf-style, lower-case start,
 * no full stop, naming the value in '...' and what it should be.  Pass
 * values of secret keys through check_display_value() so they are masked.
 */
void check_report(const struct rule_context *ctx, enum rule_id rule, const struct node *node,
		  const char *path, const char *format, ...)
	__attribute__((format(printf, 5, 6)));

/**
 * Report that something at path is missing.  The finding points at the null
 * that deleted it when a user layer did, else at the nearest existing parent
 * key in a user layer, else has no line.  The message should name the key to
 * add, e.g. "missing binderhub-service.config.BinderHub.base_url; set it to '/'".
 */
void check_report_missing(const struct rule_context *ctx, enum rule_id rule, const char *path,
			  const char *format, ...) __attribute__((format(printf, 4, 5)));

/**
 * Report a finding about the value node at path.  When a user layer wrote
 * node, the finding points at it as check_report() does.  When node is NULL
 * or only the chart defaults supply it, the user has no line of it to edit,
 * so the finding points where check_report_missing() would point.
 */
void check_report_value(const struct rule_context *ctx, enum rule_id rule, const struct node *node,
			const char *path, const char *format, ...)
	__attribute__((format(printf, 5, 6)));

/** True when a null in a user layer deleted path or one of its parents. */
bool check_is_deleted(const struct rule_context *ctx, const char *path);

/**
 * Write a short printable form of node into buffer: a scalar's text (cut at
 * 60 bytes), "null", "a list", "a mapping", or "(masked)" when secret_key.
 * Returns buffer.
 */
const char *check_display_value(const struct node *node, bool secret_key, char *buffer,
				size_t size);

/* One function per rule, named after its id: check_BH040 and so on. */
#define RULE(id, name, severity, section, applies, summary, reason, fix) \
	void check_##id(const struct rule_context *ctx);
#include "rules_catalogue.def"
#undef RULE

void findings_release(struct findings *findings);

/**
 * Compare two findings by file name (byte order, a NULL file first), line,
 * column and rule id, then by path and message (NULL first). Severity is not
 * compared. Returns a negative number, 0 or a positive number, as strcmp()
 * does.
 */
int findings_compare(const struct finding *a, const struct finding *b);

/**
 * Sort findings into findings_compare() order, so that the output does not
 * depend on the order the rules ran in. Findings that compare equal differ at
 * most in severity and from_emulated, and qsort() may leave them in either
 * order.
 */
void findings_sort(struct findings *findings);

#endif
