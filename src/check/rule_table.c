/*
 * The function of every rule, expanded from rules_catalogue.def so that a
 * rule added to the catalogue without its check_<ID>() fails to link.
 */
#include "engine.h"

const engine_rule_fn engine_rule_table[RULE__COUNT] = {
#define RULE(id, name, severity, section, applies, summary, reason, fix) [RULE_##id] = check_##id,
#include "rules_catalogue.def"
#undef RULE
};
