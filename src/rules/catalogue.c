/* The rule table, expanded from rules_catalogue.def, and lookups in it. */
#include "rules.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

const struct rule_info rule_catalogue[RULE__COUNT] = {
#define RULE(id_, name_, severity_, section_, applies_, summary_, reason_, fix_)               \
	[RULE_##id_] = {                                                                       \
		.id = RULE_##id_,                                                              \
		.code = #id_,                                                                  \
		.name = name_,                                                                 \
		.severity = severity_,                                                         \
		.section = section_,                                                           \
		.applies = applies_,                                                           \
		.summary = summary_,                                                           \
		.reason = reason_,                                                             \
		.fix = fix_,                                                                   \
	},
#include "rules_catalogue.def"
#undef RULE
};

const struct rule_info *rules_find(const char *code_or_name)
{
	if (!code_or_name)
		return NULL;
	for (size_t i = 0; i < RULE__COUNT; i++) {
		const struct rule_info *rule = &rule_catalogue[i];

		if (strcasecmp(rule->code, code_or_name) == 0 ||
		    strcasecmp(rule->name, code_or_name) == 0)
			return rule;
	}
	return NULL;
}

/* Longer input cannot be a typo of a code or name, and the bound keeps the
 * distance rows on the stack. */
#define SUGGEST_MAX_LENGTH 64

static char fold_for_suggestion(char c)
{
	if (c == '_')
		return '-';
	return (char)tolower((unsigned char)c);
}

/*
 * Optimal string alignment distance (Levenshtein plus transposition of two
 * neighbours) after folding case and '_'.  Both lengths must be at most
 * SUGGEST_MAX_LENGTH.
 */
static size_t edit_distance(const char *a, size_t a_length, const char *b, size_t b_length)
{
	size_t before[SUGGEST_MAX_LENGTH + 1];
	size_t previous[SUGGEST_MAX_LENGTH + 1];
	size_t current[SUGGEST_MAX_LENGTH + 1];

	for (size_t j = 0; j <= b_length; j++)
		previous[j] = j;
	for (size_t i = 1; i <= a_length; i++) {
		char a_char = fold_for_suggestion(a[i - 1]);

		current[0] = i;
		for (size_t j = 1; j <= b_length; j++) {
			char b_char = fold_for_suggestion(b[j - 1]);
			size_t cost = a_char == b_char ? 0 : 1;
			size_t best = previous[j - 1] + cost;

			if (previous[j] + 1 < best)
				best = previous[j] + 1;
			if (current[j - 1] + 1 < best)
				best = current[j - 1] + 1;
			if (i > 1 && j > 1 && a_char == fold_for_suggestion(b[j - 2]) &&
			    fold_for_suggestion(a[i - 2]) == b_char && before[j - 2] + 1 < best)
				best = before[j - 2] + 1;
			current[j] = best;
		}
		memcpy(before, previous, (b_length + 1) * sizeof(previous[0]));
		memcpy(previous, current, (b_length + 1) * sizeof(current[0]));
	}
	return previous[b_length];
}

static bool looks_like_code(const char *text)
{
	if (tolower((unsigned char)text[0]) != 'b' || tolower((unsigned char)text[1]) != 'h' ||
	    text[2] == '\0')
		return false;
	for (const char *c = text + 2; *c; c++) {
		if (!isdigit((unsigned char)*c))
			return false;
	}
	return true;
}

const struct rule_info *rules_suggest(const char *text)
{
	if (!text)
		return NULL;

	size_t length = strlen(text);

	if (length == 0 || length > SUGGEST_MAX_LENGTH)
		return NULL;

	/* Every code is "BH" and three digits, so any code is two edits from
	 * dozens of others: only a single slip picks out the one meant. */
	bool by_code = looks_like_code(text);
	size_t limit = by_code ? 1 : 2;
	const struct rule_info *best = NULL;
	size_t best_distance = limit + 1;
	bool best_is_completion = false;

	for (size_t i = 0; i < RULE__COUNT; i++) {
		const char *candidate = by_code ? rule_catalogue[i].code : rule_catalogue[i].name;
		size_t candidate_length = strlen(candidate);

		if (candidate_length > SUGGEST_MAX_LENGTH)
			continue;

		size_t distance = edit_distance(text, length, candidate, candidate_length);
		/* "BH04" is as close to BH014 as to BH040, but a cut-off code is
		 * the likelier slip, so among equally close codes the first one
		 * that starts with the text wins. */
		bool is_completion = by_code && strncasecmp(candidate, text, length) == 0;

		if (distance > limit)
			continue;
		if (distance < best_distance ||
		    (distance == best_distance && is_completion && !best_is_completion)) {
			best = &rule_catalogue[i];
			best_distance = distance;
			best_is_completion = is_completion;
		}
	}
	return best;
}

static const char *const severity_names[] = {
	[SEVERITY_INFO] = "info",
	[SEVERITY_WARNING] = "warning",
	[SEVERITY_ERROR] = "error",
};

#define SEVERITY_COUNT (sizeof(severity_names) / sizeof(severity_names[0]))

const char *severity_name(enum severity severity)
{
	if ((size_t)severity >= SEVERITY_COUNT)
		return "unknown";
	return severity_names[severity];
}

int severity_parse(const char *text, enum severity *out)
{
	if (!text)
		return -1;
	for (size_t i = 0; i < SEVERITY_COUNT; i++) {
		if (strcasecmp(text, severity_names[i]) == 0) {
			*out = (enum severity)i;
			return 0;
		}
	}
	return -1;
}

static const struct {
	const char *name;
	const char *description;
} applies_texts[] = {
	[APPLIES_ALL] = {"all", "all hubs"},
	[APPLIES_AUTHENTICATED] = {"authenticated", "authenticated hubs"},
	[APPLIES_UNAUTHENTICATED] = {"unauthenticated", "unauthenticated hubs"},
	[APPLIES_PROVIDER_GCP_AWS] = {"provider-gcp-aws", "hubs on GCP or AWS"},
	[APPLIES_REGISTRY_GAR] = {"registry-gar", "hubs pushing to Google Artifact Registry"},
	[APPLIES_REGISTRY_QUAY] = {"registry-quay", "hubs pushing to quay.io"},
	[APPLIES_REGISTRY_GAR_QUAY] = {"registry-gar-quay",
				       "hubs pushing to Google Artifact Registry or quay.io"},
};

#define APPLIES_COUNT (sizeof(applies_texts) / sizeof(applies_texts[0]))

const char *rules_applies_name(enum rule_applies applies)
{
	if ((size_t)applies >= APPLIES_COUNT)
		return "unknown";
	return applies_texts[applies].name;
}

const char *rules_applies_description(enum rule_applies applies)
{
	if ((size_t)applies >= APPLIES_COUNT)
		return "unknown";
	return applies_texts[applies].description;
}
