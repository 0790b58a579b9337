/*
 * The rule catalogue of `binderhub-gen check`: one entry per rule, declared
 * once in rules_catalogue.def, plus the printers behind `binderhub-gen rules`
 * and `binderhub-gen explain`.
 */
#ifndef BHG_RULES_H
#define BHG_RULES_H

#include <stddef.h>
#include <stdio.h>

/** Severity of a finding, ordered so that a larger value is more serious. */
enum severity {
	SEVERITY_INFO,    /**< Advice that the values alone cannot settle. */
	SEVERITY_WARNING, /**< The runbook asks for it, but the hub works without it. */
	SEVERITY_ERROR,   /**< The hub breaks, fails to deploy or leaks a secret. */
};

/** Hubs that a rule is evaluated for. */
enum rule_applies {
	APPLIES_ALL,
	APPLIES_AUTHENTICATED,     /**< Hubs where users log in. */
	APPLIES_UNAUTHENTICATED,   /**< Hubs with the null or tmp authenticator. */
	APPLIES_PROVIDER_GCP_AWS,  /**< Hubs on a GCP or AWS cluster. */
	APPLIES_REGISTRY_GAR,      /**< Hubs whose image_prefix is on Google Artifact Registry. */
	APPLIES_REGISTRY_QUAY,     /**< Hubs whose image_prefix is on quay.io. */
	APPLIES_REGISTRY_GAR_QUAY, /**< Hubs pushing to either of the two registries above. */
};

/** One value per rule, RULE_BH001 first, in the catalogue's (ascending code) order. */
enum rule_id {
#define RULE(id, name, severity, section, applies, summary, reason, fix) RULE_##id,
#include "rules_catalogue.def"
#undef RULE
	RULE__COUNT /**< Number of rules; not a rule. */
};

/** A rule as `rules`, `explain` and the checker's reports describe it. */
struct rule_info {
	enum rule_id id;
	const char *code;    /**< "BH040": BH and three digits. */
	const char *name;    /**< Stable kebab-case name, e.g. "binderhub-base-url". */
	enum severity severity; /**< Default severity. */
	const char *section; /**< Runbook step, e.g. "I.5", "III.1/derived", "Reg.2". */
	enum rule_applies applies;
	const char *summary; /**< What must be true; one line, lower-case start, no full stop. */
	const char *reason;  /**< Why, in one or two sentences. */
	const char *fix;     /**< Values-file fragment in YAML that satisfies the rule; ends with '\n'. */
};

/** Every rule, indexed by enum rule_id. */
extern const struct rule_info rule_catalogue[RULE__COUNT];

/**
 * Look a rule up by its code or its name, in any letter case ("BH024",
 * "bh024", "TLS-Secret-Names-Differ").  Returns NULL when no rule
 * matches or code_or_name is NULL.
 */
const struct rule_info *rules_find(const char *code_or_name);

/**
 * Find the rule that the user most likely meant by an unknown code or name,
 * for a "did you mean" hint.  A code-shaped text ("BH" and digits) must be one
 * edit away from a code.  Other text may be two edits away from a name, where
 * letter case is ignored and '_' counts as '-'.  An edit is an insertion,
 * deletion, substitution or swap of two neighbours.  Among equally close
 * codes, one that starts with text wins, then the lower code.  Returns NULL
 * when nothing is that close.
 */
const struct rule_info *rules_suggest(const char *text);

/** Return "error", "warning" or "info"; "unknown" for a value outside the enum. */
const char *severity_name(enum severity severity);

/**
 * Parse "error", "warning" or "info" (any letter case) into *out.
 * Returns 0 on success, or -1 with *out untouched for any other text.
 */
int severity_parse(const char *text, enum severity *out);

/**
 * Return the stable token of applies used in JSON output: "all",
 * "authenticated", "unauthenticated", "provider-gcp-aws", "registry-gar",
 * "registry-quay" or "registry-gar-quay"; "unknown" outside the enum.
 */
const char *rules_applies_name(enum rule_applies applies);

/** Return a short phrase for people, e.g. "authenticated hubs"; "unknown" outside the enum. */
const char *rules_applies_description(enum rule_applies applies);

/** Output format of `binderhub-gen rules`. */
enum rules_format {
	RULES_FORMAT_TEXT,     /**< Aligned columns: code, severity, name, summary. */
	RULES_FORMAT_MARKDOWN, /**< The page committed as docs/rules.md. */
	RULES_FORMAT_JSON,     /**< {"version": 1, "rules": [...]}. */
};

/**
 * Parse "text", "markdown" or "json" (exact, lower case) into *out.
 * Returns 0 on success, or -1 with *out untouched otherwise.
 */
int rules_format_parse(const char *text, enum rules_format *out);

/** Write the whole catalogue to out in format. */
void rules_print_list(FILE *out, enum rules_format format);

/**
 * Write count rules from rules to out in format, exactly as rules_print_list
 * writes the catalogue; lets tests print small fixtures.
 */
void rules_print_set(FILE *out, enum rules_format format, const struct rule_info *rules,
		     size_t count);

/**
 * Write one rule for `binderhub-gen explain`: what must be true, severity,
 * which hubs, runbook section, why (wrapped to 79 columns) and the fix,
 * indented by four spaces.
 */
void rules_print_explain(FILE *out, const struct rule_info *rule);

#endif
