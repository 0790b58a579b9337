/*
 * Run single rules on YAML text in unit tests, without the engine: the text
 * is taken as the hub's effective values (no chart defaults), in one layer
 * named "values.yaml".
 */
#ifndef BHG_TEST_RULE_FIXTURE_H
#define BHG_TEST_RULE_FIXTURE_H

#include "check.h"

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
size_t rule_fixture_run(struct rule_fixture *fixture, void (*check)(const struct rule_context *));

/** The last finding, or NULL when there is none. */
const struct finding *rule_fixture_last(const struct rule_fixture *fixture);

void rule_fixture_release(struct rule_fixture *fixture);

#endif
