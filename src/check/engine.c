/* Running the rules and post-processing their findings; documented in include/engine.h. */
#include "engine.h"

#include <stdlib.h>

/* Exported function, documented in include/engine.h */
bool engine_rule_applies(const struct rule_info *rule, const struct rule_context *ctx)
{
	switch (rule->applies) {
	case APPLIES_ALL:
		return true;
	case APPLIES_AUTHENTICATED:
		return ctx->mode == HUB_AUTHENTICATED;
	case APPLIES_UNAUTHENTICATED:
		return ctx->mode == HUB_UNAUTHENTICATED;
	case APPLIES_PROVIDER_GCP_AWS:
		return ctx->provider == HUB_PROVIDER_GCP || ctx->provider == HUB_PROVIDER_AWS;
	case APPLIES_REGISTRY_GAR:
		return ctx->registry == HUB_REGISTRY_GAR;
	case APPLIES_REGISTRY_QUAY:
		return ctx->registry == HUB_REGISTRY_QUAY;
	case APPLIES_REGISTRY_GAR_QUAY:
		return ctx->registry == HUB_REGISTRY_GAR || ctx->registry == HUB_REGISTRY_QUAY;
	}
	return false;
}

static void release_finding(struct finding *finding)
{
	free(finding->path);
	free(finding->message);
}

/* Drop the findings that a disable comment covers, keeping the order of the rest. */
static void filter_findings(struct findings *findings, const struct pragma_list *pragmas)
{
	size_t kept = 0;

	for (size_t i = 0; i < findings->count; i++) {
		if (pragma_suppresses_finding(pragmas, &findings->items[i])) {
			release_finding(&findings->items[i]);
			continue;
		}
		findings->items[kept++] = findings->items[i];
	}
	findings->count = kept;
}

/* Exported function, documented in include/engine.h */
void engine_sort_findings(struct findings *findings)
{
	findings_sort(findings);
}

/* A value merged into several places through anchors can make a rule report
 * the same thing twice; after sorting such repeats are neighbours. */
static void drop_repeats(struct findings *findings)
{
	size_t kept = 0;

	for (size_t i = 0; i < findings->count; i++) {
		if (kept && findings_compare(&findings->items[kept - 1], &findings->items[i]) == 0 &&
		    findings->items[kept - 1].severity == findings->items[i].severity) {
			release_finding(&findings->items[i]);
			continue;
		}
		findings->items[kept++] = findings->items[i];
	}
	findings->count = kept;
}

/* Rules that judge each file as written rather than the effective values,
 * so their findings stay accurate when a layer is not a mapping. */
static bool is_file_level_rule(enum rule_id id)
{
	return id == RULE_BH005 || id == RULE_BH006 || id == RULE_BH007 || id == RULE_BH009;
}

/* Run the rules of table whose file-level kind is file_level. */
static void run_rules(const struct rule_context *ctx, const engine_rule_fn table[RULE__COUNT],
		      const struct engine_settings *settings, bool file_level)
{
	for (size_t id = 0; id < RULE__COUNT; id++) {
		if (is_file_level_rule((enum rule_id)id) != file_level)
			continue;
		if (!table[id] || (settings && settings->disabled[id]))
			continue;
		if (!engine_rule_applies(&rule_catalogue[id], ctx))
			continue;
		table[id](ctx);
	}
}

/* True when findings has a BH007 finding that no disable comment covers. */
static bool has_top_level_finding(const struct findings *findings, const struct pragma_list *pragmas)
{
	for (size_t i = 0; i < findings->count; i++)
		if (findings->items[i].rule == RULE_BH007 &&
		    !pragma_suppresses_finding(pragmas, &findings->items[i]))
			return true;
	return false;
}

/* Exported function, documented in include/engine.h */
void engine_run(const struct rule_context *ctx, const engine_rule_fn table[RULE__COUNT],
		const struct engine_settings *settings, FILE *warnings)
{
	struct pragma_list pragmas = {0};

	pragma_collect_layers(ctx->layers, ctx->layer_count, &pragmas, warnings);

	/* A layer whose top level is not a mapping adds no values, so every
	 * other rule would report the keys it was meant to set, burying the one
	 * finding that matters.  When BH007 is disabled, or a disable comment
	 * covers its finding, every rule runs as usual. */
	run_rules(ctx, table, settings, true);
	if (!has_top_level_finding(ctx->findings, &pragmas))
		run_rules(ctx, table, settings, false);

	filter_findings(ctx->findings, &pragmas);
	pragma_list_release(&pragmas);

	if (settings) {
		for (size_t i = 0; i < ctx->findings->count; i++) {
			struct finding *finding = &ctx->findings->items[i];

			if (settings->severity_set[finding->rule])
				finding->severity = settings->severity[finding->rule];
		}
	}
	findings_sort(ctx->findings);
	drop_repeats(ctx->findings);
}

/* Exported function, documented in include/engine.h */
int engine_exit_status(const struct findings *findings, bool strict)
{
	for (size_t i = 0; i < findings->count; i++) {
		enum severity severity = findings->items[i].severity;

		if (severity == SEVERITY_ERROR || (strict && severity == SEVERITY_WARNING))
			return 1;
	}
	return 0;
}
