/*
 * Run single rules on YAML text in unit tests, without the engine: the text
 * is taken as the hub's effective values (no chart defaults), in one layer
 * named "values.yaml". The rule_expect_ macros assert what a run reported.
 */
#ifndef BHG_TEST_RULE_FIXTURE_H
#define BHG_TEST_RULE_FIXTURE_H

#include "check.h"

/** A rule's check function such as check_BH001(). */
typedef void (*rule_fixture_check)(const struct rule_context *ctx);

struct rule_fixture {
	struct tree_doc *doc;
	struct layer layer;
	struct rule_context ctx; /**< Adjust fields (domains, provider ...) before running. */
	struct findings findings;
};

/**
 * Parse yaml (which must load) as the effective values of a hub in mode.
 * JH and BH are taken from the first ingress hosts when present; provider,
 * registry and the cluster fields start unknown.
 */
void rule_fixture_init(struct rule_fixture *fixture, const char *yaml, enum hub_mode mode);

/** Run check and return how many findings it added; findings accumulate. */
size_t rule_fixture_run(struct rule_fixture *fixture, rule_fixture_check check);

/** Initialise fixture as rule_fixture_init() does, run check and return its finding count. */
size_t rule_fixture_run_yaml(struct rule_fixture *fixture, const char *yaml, enum hub_mode mode,
			     rule_fixture_check check);

/** The last finding, or NULL when there is none. */
const struct finding *rule_fixture_last(const struct rule_fixture *fixture);

/** Free the parsed YAML and the findings. */
void rule_fixture_release(struct rule_fixture *fixture);

/*
 * Assertions on findings. Each one is a macro so that a failure message names
 * the line of the test that called it, not a line of rule_fixture.c.
 */

/** Assert that finding is not NULL and is rule with severity at line:column of any file. */
#define rule_expect_finding(finding, rule, severity, line, column)                                 \
	rule_expect_finding_at(__FILE__, __LINE__, (finding), (rule), (severity), NULL, (line),    \
			       (column))

/** Assert what rule_expect_finding() asserts and that the finding points into file. */
#define rule_expect_finding_in(finding, rule, severity, file, line, column)                        \
	rule_expect_finding_at(__FILE__, __LINE__, (finding), (rule), (severity), (file), (line),  \
			       (column))

/** Assert that finding is not NULL and that its message contains part. */
#define rule_expect_message_contains(finding, part)                                                \
	rule_expect_message_contains_at(__FILE__, __LINE__, (finding), (part))

/** Run check, assert that it added one finding as rule_expect_finding() does, and return it. */
#define rule_expect_one(fixture, check, rule, severity, line, column)                              \
	rule_expect_one_at(__FILE__, __LINE__, (fixture), (check), (rule), (severity), (line),     \
			   (column))

/** Assert what rule_expect_one() asserts and part in the message, or no finding if part is NULL. */
#define rule_expect_one_or_none(fixture, check, rule, severity, line, column, part)                \
	rule_expect_one_or_none_at(__FILE__, __LINE__, (fixture), (check), (rule), (severity),     \
				   (line), (column), (part))

/** Run check on yaml for a hub in mode and assert rule_expect_one() with part in the message. */
#define rule_expect_reports(yaml, mode, check, rule, severity, line, column, part)                 \
	rule_expect_reports_at(__FILE__, __LINE__, (yaml), (mode), (check), (rule), (severity),    \
			       (line), (column), (part))

/** Run check on yaml for a hub in mode and assert that it adds no finding. */
#define rule_expect_passes(yaml, mode, check)                                                      \
	rule_expect_passes_at(__FILE__, __LINE__, (yaml), (mode), (check))

/** Implement rule_expect_finding() and rule_expect_finding_in(), where a NULL file matches any. */
void rule_expect_finding_at(const char *caller_file, int caller_line, const struct finding *finding,
			    enum rule_id rule, enum severity severity, const char *file,
			    size_t line, size_t column);

/** Implement rule_expect_message_contains(). */
void rule_expect_message_contains_at(const char *caller_file, int caller_line,
				     const struct finding *finding, const char *part);

/** Implement rule_expect_one(). */
const struct finding *rule_expect_one_at(const char *caller_file, int caller_line,
					 struct rule_fixture *fixture, rule_fixture_check check,
					 enum rule_id rule, enum severity severity, size_t line,
					 size_t column);

/** Implement rule_expect_one_or_none(). */
void rule_expect_one_or_none_at(const char *caller_file, int caller_line,
				struct rule_fixture *fixture, rule_fixture_check check,
				enum rule_id rule, enum severity severity, size_t line,
				size_t column, const char *part);

/** Implement rule_expect_reports(). */
void rule_expect_reports_at(const char *caller_file, int caller_line, const char *yaml,
			    enum hub_mode mode, rule_fixture_check check, enum rule_id rule,
			    enum severity severity, size_t line, size_t column, const char *part);

/** Implement rule_expect_passes(). */
void rule_expect_passes_at(const char *caller_file, int caller_line, const char *yaml,
			   enum hub_mode mode, rule_fixture_check check);

#endif
