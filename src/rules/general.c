/*
 * General rules for every binderhub-ui hub about BinderHub itself: the
 * binderhubUI spawner, the binderhub-service chart and its network policy,
 * BinderHub's URLs, mode and authentication, and the opt-in to sending
 * launch events to 2i2c.  Storage, ingress, node placement and extraEnv
 * rules of the same runbook section have files of their own.
 */
#include "check.h"
#include "rules_util.h"

#include <stdio.h>
#include <strings.h>

#define URL_SIZE 512

/* A quoted "true" is a string, and Helm templates treat any non-empty string,
 * "false" included, as true. */
static bool is_quoted_boolean(const struct node *node)
{
	static const char *const words[] = {"true", "false", "yes", "no", "on", "off", NULL};
	const char *text = check_text(node);

	if (!text || tree_scalar_type(node) != SCALAR_TYPE_STRING)
		return false;
	return rules_text_in_ignoring_case(text, words);
}

/* Report unless the value at path is the boolean expected or sops ciphertext. */
static void require_boolean(const struct rule_context *ctx, enum rule_id rule, const char *path,
			    bool expected)
{
	const struct node *node = check_get(ctx, path);
	const char *expected_text = expected ? "true" : "false";
	char shown[RULES_QUOTED_SIZE];

	if (check_is_encrypted(node) || (expected ? tree_is_true(node) : tree_is_false(node)))
		return;
	if (check_is_absent(node)) {
		check_report_missing(ctx, rule, path, "missing %s; set it to %s", path,
				     expected_text);
		return;
	}
	if (is_quoted_boolean(node)) {
		check_report(ctx, rule, node, path,
			     "%s is the quoted string %s; set it to %s without quotes", path,
			     rules_display_quoted(node, shown, sizeof(shown)), expected_text);
		return;
	}
	check_report(ctx, rule, node, path, "%s is %s%s; set it to %s", path,
		     rules_display_quoted(node, shown, sizeof(shown)),
		     rules_default_suffix(ctx, node), expected_text);
}

void check_BH001(const struct rule_context *ctx)
{
	require_boolean(ctx, RULE_BH001, "jupyterhub.custom.binderhubUI.enabled", true);
}

void check_BH002(const struct rule_context *ctx)
{
	require_boolean(ctx, RULE_BH002, "binderhub-service.enabled", true);
}

/* ---- network policy (BH030, BH031) ---------------------------------------- */

void check_BH030(const struct rule_context *ctx)
{
	static const char path[] = "binderhub-service.networkPolicy.enabled";
	const struct node *node = check_get(ctx, path);

	if (tree_is_false(node))
		check_report(ctx, RULE_BH030, node, path,
			     "%s is false%s; set it to true so that the policy limits what the "
			     "BinderHub pod can reach",
			     path, rules_default_suffix(ctx, node));
}

void check_BH031(const struct rule_context *ctx)
{
	static const char path[] = "binderhub-service.networkPolicy.enabled";
	const struct node *node = check_get(ctx, path);

	if (!check_is_absent(node) && !check_from_defaults(ctx, node))
		return;
	check_report_missing(ctx, RULE_BH031, path,
			     "%s is not set, so the binderhub-service chart's default decides; set "
			     "it to true",
			     path);
}

/* ---- BinderHub settings (BH040-BH044) -------------------------------------- */

void check_BH040(const struct rule_context *ctx)
{
	static const char path[] = "binderhub-service.config.BinderHub.base_url";
	const struct node *node = check_get(ctx, path);
	char shown[RULES_QUOTED_SIZE];

	if (check_is_encrypted(node) || tree_scalar_equals(node, "/"))
		return;
	if (check_is_absent(node)) {
		check_report_missing(ctx, RULE_BH040, path, "missing %s; set it to '/'", path);
		return;
	}
	check_report(ctx, RULE_BH040, node, path, "%s is %s%s; set it to '/'", path,
		     rules_display_quoted(node, shown, sizeof(shown)),
		     rules_default_suffix(ctx, node));
}

/* Require path to be https:// followed by domain.  Any set value passes when
 * the domain is unknown, because there is nothing to compare it with. */
static void require_domain_url(const struct rule_context *ctx, enum rule_id rule, const char *path,
			       const char *domain, const char *placeholder)
{
	const struct node *node = check_get(ctx, path);
	char expected[URL_SIZE];
	char shown[RULES_QUOTED_SIZE];

	snprintf(expected, sizeof(expected), "https://%s", domain ? domain : placeholder);
	if (check_is_encrypted(node))
		return;
	if (check_is_absent(node)) {
		check_report_missing(ctx, rule, path, "missing %s; set it to '%s'", path,
				     expected);
		return;
	}
	if (!domain || check_url_equal(check_text(node), expected))
		return;
	check_report(ctx, rule, node, path, "%s is %s%s; set it to '%s'", path,
		     rules_display_quoted(node, shown, sizeof(shown)),
		     rules_default_suffix(ctx, node), expected);
}

void check_BH041(const struct rule_context *ctx)
{
	require_domain_url(ctx, RULE_BH041, "binderhub-service.config.BinderHub.hub_url",
			   ctx->jupyterhub_domain, "<jupyterhub-domain>");
}

void check_BH042(const struct rule_context *ctx)
{
	const char *domain = ctx->binderhub_domain;

	/* A host that both ingresses share is wrong for one of them, and BH025
	 * reports it, so the badge URL is compared with no host then. */
	if (domain && ctx->jupyterhub_domain && strcasecmp(domain, ctx->jupyterhub_domain) == 0)
		domain = NULL;
	require_domain_url(ctx, RULE_BH042, "binderhub-service.config.BinderHub.badge_base_url",
			   domain, "<binderhub-domain>");
}

void check_BH043(const struct rule_context *ctx)
{
	require_boolean(ctx, RULE_BH043, "binderhub-service.config.BinderHub.enable_api_only_mode",
			false);
}

void check_BH044(const struct rule_context *ctx)
{
	static const char path[] = "binderhub-service.config.BinderHub.auth_enabled";
	const struct node *node = check_get(ctx, path);
	bool authenticated = ctx->mode == HUB_AUTHENTICATED;
	const char *mode = authenticated ? "authenticated" : "unauthenticated";
	const char *suffix;
	char shown[RULES_QUOTED_SIZE];

	if (check_is_encrypted(node))
		return;
	if (authenticated ? tree_is_true(node) : tree_is_false(node))
		return;
	/* BinderHub's own default is false, so leaving it out is right only
	 * without login. */
	if (check_is_absent(node)) {
		if (authenticated)
			check_report_missing(ctx, RULE_BH044, path,
					     "%s is not set, so BinderHub does not require a login "
					     "on this authenticated hub; set it to true",
					     path);
		return;
	}
	suffix = rules_default_suffix(ctx, node);
	check_report(ctx, RULE_BH044, node, path, "%s is %s%s%s on an %s hub; set it to %s", path,
		     rules_display_quoted(node, shown, sizeof(shown)), suffix, suffix[0] ? "," : "",
		     mode, authenticated ? "true" : "false");
}

/* ---- launch events (BH070, BH071) ----------------------------------------- */

void check_BH070(const struct rule_context *ctx)
{
	require_boolean(ctx, RULE_BH070, "binderhub-service.custom.sendLogsOfLaunchEventsTo2i2c",
			true);
}

void check_BH071(const struct rule_context *ctx)
{
	static const char flag_path[] = "binderhub-service.custom.sendLogsOfLaunchEventsTo2i2c";
	static const char key_path[] = "binderhub-service.extraCredentials.googleServiceAccountKey";
	const struct node *flag = check_get(ctx, flag_path);
	const struct node *key = check_get(ctx, key_path);

	if (!tree_is_true(flag) && !check_is_encrypted(flag))
		return;
	if (check_is_set(key))
		return;
	/* Point at what the user wrote: an empty key, the null that deleted
	 * it, or else the opt-in that makes the key necessary. */
	if (key)
		check_report(ctx, RULE_BH071, key, key_path,
			     "%s is empty while %s is true; put the service account key in the "
			     "hub's sops-encrypted secret values file",
			     key_path, flag_path);
	else if (check_is_deleted(ctx, key_path))
		check_report_missing(ctx, RULE_BH071, key_path,
				     "%s is deleted while %s is true; put the service account key "
				     "in the hub's sops-encrypted secret values file",
				     key_path, flag_path);
	else
		check_report(ctx, RULE_BH071, flag, flag_path,
			     "%s is true but %s is not set; put the service account key in the "
			     "hub's sops-encrypted secret values file, or set the flag to false",
			     flag_path, key_path);
}
