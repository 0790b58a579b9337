/*
 * The output of `binderhub-gen check`: turns a list of findings into text for
 * people, JSON for scripts, GitHub Actions annotations or a SARIF 2.1.0 log,
 * and decides whether the text gets ANSI colour.
 *
 * The JSON and SARIF layouts are documented in docs/output-formats.md.
 */
#ifndef BHG_REPORT_H
#define BHG_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "check.h"
#include "rules.h"

/** Output format of `binderhub-gen check --format`. */
enum report_format {
	REPORT_TEXT,   /**< gcc-style lines, each followed by the rule's fix. */
	REPORT_JSON,   /**< One JSON document with a versioned layout. */
	REPORT_GITHUB, /**< GitHub Actions workflow commands (::error and so on). */
	REPORT_SARIF,  /**< SARIF 2.1.0 log for code scanning. */
};

/**
 * Parse "text", "json", "github", "sarif" or "auto" (exact, lower case) into
 * *out. "auto" selects github when github_actions (the caller passes
 * getenv("GITHUB_ACTIONS")) is set and not empty, and text otherwise.
 * Returns 0 on success, or -1 with *out untouched when text is NULL or none
 * of the names.
 */
int report_format_parse(const char *text, const char *github_actions, enum report_format *out);

/** Value of `--color`. */
enum color_mode {
	COLOR_AUTO,   /**< Colour when writing to a terminal and the environment allows it. */
	COLOR_ALWAYS, /**< Colour even into a pipe and even with NO_COLOR set. */
	COLOR_NEVER,
};

/**
 * Parse "auto", "always" or "never" (exact, lower case) into *out.
 * Returns 0 on success, or -1 with *out untouched otherwise.
 */
int report_color_parse(const char *text, enum color_mode *out);

/**
 * Decide whether the text format gets ANSI colour. never gives false and
 * always gives true: an explicit --color=always overrides NO_COLOR, which
 * no-color.org allows. auto gives true only when is_terminal is true,
 * no_color (getenv("NO_COLOR")) is NULL or empty, and term (getenv("TERM"))
 * is not "dumb".
 */
bool report_use_color(enum color_mode mode, bool is_terminal, const char *no_color,
		      const char *term);

/** Extent of a check run: one hub, a cluster's hubs, or a checkout's. */
enum report_scope {
	REPORT_SCOPE_ONE_HUB,  /**< Files given as arguments, or --hub. */
	REPORT_SCOPE_CLUSTER,  /**< --all-hubs: the hubs of one cluster.yaml. */
	REPORT_SCOPE_CHECKOUT, /**< --repo: hub lines start with the cluster's name. */
};

/** Facts about the run that the formats print besides the findings. */
struct report_summary {
	/** Description of the derived hub settings, e.g. "unauthenticated hub,
	 * provider aws, registry quay, chart defaults (built-in, 9ad7cd0fc)", or
	 * NULL. With several hubs each has its own, in struct report_hub. */
	const char *derived;
	/** Files checked, the emulated deployer layer not counted, and a file
	 * that several hubs layer counted once. */
	size_t file_count;
	/** Exit status of the run, recorded in the SARIF invocation, which reports
	 * executionSuccessful false from 2 (EXIT_USAGE) up. */
	int exit_status;
	/** Extent of the run.  For the hubs of a cluster.yaml or checkout the
	 * text format writes each hub's part, a line per hub and the total. */
	enum report_scope scope;
};

/** One hub's part of a report: its findings and what is known about it. */
struct report_hub {
	const char *name;    /**< Hub name in cluster.yaml, or NULL for files given as arguments. */
	const char *cluster; /**< Cluster name in cluster.yaml, or NULL. */
	const char *derived; /**< The hub's "checking as" text, or NULL. */
	const struct findings *findings; /**< Sorted as report_sort() sorts them. */
	size_t file_count;   /**< Files checked for this hub. */
};

/**
 * Sort findings by file name (byte order, a NULL file first), line, column
 * and rule id. Findings equal in all four are ordered by path and message so
 * that the output does not depend on the order the rules ran in. The order is
 * findings_sort()'s (include/check.h), the one the engine sorts in as well.
 */
void report_sort(struct findings *findings);

/**
 * Write findings to out in format, with the rule texts of rule_catalogue.
 * Findings are written in the order given (see report_sort), except that the
 * github format writes errors, then warnings, then notices. color adds ANSI
 * colour to the text format and is ignored by the others. summary may be
 * NULL: then nothing derived is printed, the file count is the number of
 * distinct files among the findings and the exit status is 1 when there is an
 * error finding, else 0.
 *
 * Returns 0 on success. Returns -1 with errno EINVAL, without writing
 * anything, when a finding's rule is outside the catalogue, its severity is
 * not an enum severity value or format is not a report_format. Returns -1
 * with errno set by stdio when writing or flushing out failed.
 */
int report_write(FILE *out, enum report_format format, const struct findings *findings,
		 const struct report_summary *summary, bool color);

/**
 * Write as report_write() does, but take the rule texts from rules, which
 * finding.rule indexes, instead of rule_catalogue. The SARIF format lists all
 * rule_count rules. Lets tests use a small, stable catalogue.
 */
int report_write_with_catalogue(FILE *out, enum report_format format,
				const struct findings *findings,
				const struct report_summary *summary, bool color,
				const struct rule_info *rules, size_t rule_count);

/**
 * Write the findings of hub_count hubs to out in format, as report_write()
 * does for one. A finding equal (findings_compare()) to a finding of an
 * earlier hub can come from a file that several hubs layer. The github and
 * sarif formats write it once and every summary counts it once, but json
 * lists it for each hub with the hub's name. summary may not be NULL.
 * Returns as report_write() does.
 */
int report_write_hubs(FILE *out, enum report_format format, const struct report_hub *hubs,
		      size_t hub_count, const struct report_summary *summary, bool color);

/** report_write_hubs() with the rule texts of rules, as report_write_with_catalogue(). */
int report_write_hubs_with_catalogue(FILE *out, enum report_format format,
				     const struct report_hub *hubs, size_t hub_count,
				     const struct report_summary *summary, bool color,
				     const struct rule_info *rules, size_t rule_count);

#endif
