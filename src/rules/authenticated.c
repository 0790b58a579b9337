/*
 * Rules of the runbook's section II, "Configuration specific to
 * authenticated hubs": the homepage users log in on, OAuth between
 * JupyterHub and the binder service, roles, and hub authentication of the
 * user servers.  BH102, BH117 and BH120 apply to every hub but are about
 * the same settings, so they live here too.
 */
#include "check.h"
#include "rules_util.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define HOMEPAGE "jupyterhub.custom.homepage"
#define STAFF "jupyterhub.custom.2i2c"
#define BINDER_SERVICE "jupyterhub.hub.services.binder"
#define ROLES "jupyterhub.hub.loadRoles"
#define HUB_CONFIG "jupyterhub.hub.config"
#define SPAWNER HUB_CONFIG ".BinderSpawnerMixin"
#define EXTRA_ENV "binderhub-service.extraEnv"

/* basehub's jupyterhub.custom.homepage.gitRepoUrl (helm-charts/basehub/values.yaml,
 * 2i2c-org/infrastructure 9ad7cd0fc). */
#define DEFAULT_HOMEPAGE_REPO "https://github.com/2i2c-org/default-hub-homepage"

/* Sized for a dotted path, or a list of a few display values of at most 60 bytes. */
#define TEXT_SIZE 512
#define DISPLAY_SIZE 128

/*
 * True when url is "https://<host><path>" (one trailing '/' ignored) with a
 * host that has no path of its own.  The host is copied into host.
 */
static bool url_has_shape(const char *url, const char *path, char *host, size_t host_size)
{
	const char *start, *slash;
	size_t length;

	if (!url || strncmp(url, "https://", 8) != 0)
		return false;
	start = url + 8;
	slash = strchr(start, '/');
	if (!slash || slash == start)
		return false;
	length = (size_t)(slash - start);
	if (!check_url_equal(slash, path) || length >= host_size)
		return false;
	memcpy(host, start, length);
	host[length] = '\0';
	return true;
}

/* "https://github.com/org/repo", ".../repo/" and ".../repo.git" name one repository. */
static bool repository_url_equal(const char *url, const char *repository)
{
	size_t length = strlen(url);

	if (length && url[length - 1] == '/')
		length--;
	if (length > 4 && strncmp(url + length - 4, ".git", 4) == 0)
		length -= 4;
	/* GitHub owner and repository names are case-insensitive. */
	return length == strlen(repository) && strncasecmp(url, repository, length) == 0;
}

/*
 * True when the homepage comes from basehub's default repository.  An
 * absent URL means that basehub's default applies.  Ciphertext could be any
 * URL, so it counts as another repository and the homepage rules pass.
 */
static bool homepage_uses_default_repo(const struct rule_context *ctx)
{
	const struct node *url = check_get(ctx, HOMEPAGE ".gitRepoUrl");
	const char *text = check_text(url);

	if (!check_is_set(url))
		return true;
	if (check_is_encrypted(url) || !text)
		return false;
	return repository_url_equal(text, DEFAULT_HOMEPAGE_REPO);
}

void check_BH100(const struct rule_context *ctx)
{
	static const char *const simple[] = {"no-homepage-subsections", "no-homepage-subsection",
					     "bootstrap5-no-homepage-subsection", NULL};
	const struct node *branch;
	char display[DISPLAY_SIZE];

	/* A redirect or another repository means the default homepage is never display. */
	if (check_is_set(check_get(ctx, HOMEPAGE ".templateVars.redirect_to")) ||
	    !homepage_uses_default_repo(ctx))
		return;
	branch = check_get(ctx, HOMEPAGE ".gitRepoBranch");
	if (check_is_encrypted(branch) || rules_text_in(check_text(branch), simple))
		return;
	if (!check_is_set(branch)) {
		check_report_missing(ctx, RULE_BH100, HOMEPAGE ".gitRepoBranch",
				     "missing " HOMEPAGE ".gitRepoBranch, so users log in on the full "
				     "default homepage; set it to 'no-homepage-subsections'");
		return;
	}
	check_report_value(ctx, RULE_BH100, branch, HOMEPAGE ".gitRepoBranch",
			   HOMEPAGE ".gitRepoBranch is '%s'; set it to 'no-homepage-subsections' "
				    "so that users log in on the simpler landing page",
			   check_display_value(branch, false, display, sizeof(display)));
}

void check_BH101(const struct rule_context *ctx)
{
	static const char *const old_spellings[] = {"no-homepage-subsection",
						    "bootstrap5-no-homepage-subsection", NULL};
	const struct node *branch = check_get(ctx, HOMEPAGE ".gitRepoBranch");
	const char *text = check_text(branch);

	/* Another repository may well have a branch of either name. */
	if (!rules_text_in(text, old_spellings) || !homepage_uses_default_repo(ctx))
		return;
	check_report_value(ctx, RULE_BH101, branch, HOMEPAGE ".gitRepoBranch",
			   HOMEPAGE ".gitRepoBranch is '%s', a spelling from older runbook text; "
				    "set it to 'no-homepage-subsections', the branch that live "
				    "hubs use",
			   text);
}

/* Whether a templateVars field is a string, as basehub's schema requires. */
static bool field_is_string(const struct node *template_vars, const char *field)
{
	const struct node *node = tree_get_path(template_vars, field);

	node = tree_resolve(node);
	return node && node->kind == NODE_SCALAR && !tree_is_null(node) &&
	       (check_is_encrypted(node) || tree_scalar_type(node) == SCALAR_TYPE_STRING);
}

void check_BH102(const struct rule_context *ctx)
{
	static const char *const fields[] = {
		"org.name",	      "org.logo_url",	    "org.url",
		"designed_by.name",   "designed_by.url",    "operated_by.name",
		"operated_by.url",    "funded_by.name",	    "funded_by.url",
	};
	const struct node *vars = check_get(ctx, HOMEPAGE ".templateVars");
	const struct node *enabled;
	char missing[TEXT_SIZE] = "";
	size_t used = 0;
	char display[DISPLAY_SIZE];

	if (check_is_encrypted(vars))
		return;
	if (!vars) {
		/* basehub's default enables templateVars without any of the fields. */
		check_report_missing(ctx, RULE_BH102, HOMEPAGE ".templateVars",
				     "missing " HOMEPAGE ".templateVars, and basehub's default "
				     "enables it without the required fields; set "
				     "templateVars.enabled to false, set redirect_to, or fill in "
				     "org, designed_by, operated_by and funded_by");
		return;
	}
	if (vars->kind != NODE_MAPPING) {
		check_report_value(ctx, RULE_BH102, vars, HOMEPAGE ".templateVars",
				   HOMEPAGE ".templateVars is '%s'; make it a mapping with "
					    "enabled: false, a redirect_to, or org, designed_by, "
					    "operated_by and funded_by",
				   check_display_value(vars, false, display, sizeof(display)));
		return;
	}
	enabled = tree_mapping_get(vars, "enabled");
	if (tree_is_false(enabled) || check_is_encrypted(enabled) ||
	    check_is_set(tree_mapping_get(vars, "redirect_to")))
		return;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (field_is_string(vars, fields[i]))
			continue;
		int written = snprintf(missing + used, sizeof(missing) - used, "%s%s",
				       used ? ", " : "", fields[i]);

		if (written > 0 && (size_t)written < sizeof(missing) - used)
			used += (size_t)written;
	}
	if (!used)
		return;
	check_report_value(ctx, RULE_BH102, enabled ? enabled : vars,
			   enabled ? HOMEPAGE ".templateVars.enabled" : HOMEPAGE ".templateVars",
			   HOMEPAGE ".templateVars is enabled without redirect_to and has no "
				    "string %s; set enabled to false, set redirect_to, or fill in "
				    "those fields",
			   missing);
}

void check_BH110(const struct rule_context *ctx)
{
	const struct node *redirect = check_get(ctx, "jupyterhub.hub.redirectToServer");
	char display[DISPLAY_SIZE];

	if (tree_is_false(redirect) || check_is_encrypted(redirect))
		return;
	if (!redirect) {
		/* JupyterHub's redirect_to_server defaults to true. */
		check_report_missing(ctx, RULE_BH110, "jupyterhub.hub.redirectToServer",
				     "missing jupyterhub.hub.redirectToServer, so users are sent to "
				     "a server after login instead of the BinderHub page; set it to "
				     "false");
		return;
	}
	check_report_value(ctx, RULE_BH110, redirect, "jupyterhub.hub.redirectToServer",
			   "jupyterhub.hub.redirectToServer is '%s'; set it to false so that users "
			   "reach the BinderHub page after login",
			   check_display_value(redirect, false, display, sizeof(display)));
}

/* Write BinderHub's OAuth callback URL, with a placeholder for an unknown BinderHub domain. */
/*
 * The BinderHub domain, or NULL when it is unknown or is the JupyterHub
 * domain too.  A shared host is wrong for one of the two ingresses and BH025
 * reports it, so a URL built from it would spread the mistake.
 */
static const char *distinct_binderhub_domain(const struct rule_context *ctx)
{
	if (ctx->binderhub_domain && ctx->jupyterhub_domain &&
	    strcasecmp(ctx->binderhub_domain, ctx->jupyterhub_domain) == 0)
		return NULL;
	return ctx->binderhub_domain;
}

static void binder_callback_url(const struct rule_context *ctx, char *buffer, size_t size)
{
	const char *domain = distinct_binderhub_domain(ctx);

	snprintf(buffer, size, "https://%s/oauth_callback", domain ? domain : "<binderhub-domain>");
}

void check_BH112(const struct rule_context *ctx)
{
	const char *path = BINDER_SERVICE ".oauth_redirect_uri";
	const struct node *uri = check_get(ctx, path);
	const char *text = check_text(uri);
	char expected[DISPLAY_SIZE * 2];
	char host[DISPLAY_SIZE];
	char display[DISPLAY_SIZE];

	binder_callback_url(ctx, expected, sizeof(expected));
	if (check_is_encrypted(uri))
		return;
	if (!check_is_set(uri)) {
		check_report_missing(ctx, RULE_BH112, path, "missing %s; set it to '%s'", path,
				     expected);
		return;
	}
	if (distinct_binderhub_domain(ctx) ? check_url_equal(text, expected)
				  : url_has_shape(text, "/oauth_callback", host, sizeof(host)))
		return;
	check_report_value(ctx, RULE_BH112, uri, path,
			   "%s is '%s'; set it to '%s', the callback on the BinderHub domain", path,
			   check_display_value(uri, false, display, sizeof(display)), expected);
}

void check_BH113(const struct rule_context *ctx)
{
	const char *path = BINDER_SERVICE ".oauth_no_confirm";
	const struct node *no_confirm = check_get(ctx, path);
	char display[DISPLAY_SIZE];

	if (tree_is_true(no_confirm) || check_is_encrypted(no_confirm))
		return;
	if (!no_confirm) {
		/* Without chart defaults underneath, an absent key still gets basehub's
		 * true at deploy time.  With them, absence means a null deleted it. */
		if (ctx->have_defaults)
			check_report_missing(ctx, RULE_BH113, path,
					     "missing %s, so JupyterHub asks every user to "
					     "authorize the binder service; set it to true",
					     path);
		return;
	}
	check_report_value(ctx, RULE_BH113, no_confirm, path,
			   "%s is '%s'; set it to true so that users are not asked to authorize "
			   "the binder service",
			   path, check_display_value(no_confirm, false, display, sizeof(display)));
}

void check_BH114(const struct rule_context *ctx)
{
	const struct node *env = check_get(ctx, EXTRA_ENV);
	const struct node *item, *value, *uri;
	const char *text, *uri_text;
	char expected[DISPLAY_SIZE * 2];
	char host[DISPLAY_SIZE];
	char display[DISPLAY_SIZE];

	binder_callback_url(ctx, expected, sizeof(expected));
	/* BH060 reports a map instead of a list, and a map has no named items to check here. */
	if (env && env->kind != NODE_SEQUENCE)
		return;
	item = rules_env_find(env, "JUPYTERHUB_OAUTH_CALLBACK_URL");
	if (!item) {
		/* Point at the list in effect, not at one of an earlier layer it replaced. */
		check_report_value(ctx, RULE_BH114, check_is_absent(env) ? NULL : env, EXTRA_ENV,
				   "no JUPYTERHUB_OAUTH_CALLBACK_URL in " EXTRA_ENV "; add it "
				   "with value '%s'",
				   expected);
		return;
	}
	value = tree_mapping_get(item, "value");
	text = check_text(value);
	if (check_is_encrypted(value))
		return;
	if (!check_is_set(value) || !text) {
		check_report_value(ctx, RULE_BH114, item, EXTRA_ENV,
				   "JUPYTERHUB_OAUTH_CALLBACK_URL in " EXTRA_ENV " has no literal "
				   "value; set value to '%s'",
				   expected);
		return;
	}
	if (distinct_binderhub_domain(ctx)) {
		if (!check_url_equal(text, expected))
			check_report_value(ctx, RULE_BH114, value, EXTRA_ENV,
					   "JUPYTERHUB_OAUTH_CALLBACK_URL in " EXTRA_ENV " is "
					   "'%s'; set it to '%s'",
					   check_display_value(value, false, display,
							       sizeof(display)),
					   expected);
		return;
	}
	/* Without the BinderHub domain, the registered redirect URI is the reference. */
	uri = check_get(ctx, BINDER_SERVICE ".oauth_redirect_uri");
	uri_text = check_text(uri);
	if (check_is_encrypted(uri))
		return;
	if (check_is_set(uri) && uri_text) {
		if (!check_url_equal(text, uri_text))
			check_report_value(ctx, RULE_BH114, value, EXTRA_ENV,
					   "JUPYTERHUB_OAUTH_CALLBACK_URL in " EXTRA_ENV " is '%s' "
					   "but " BINDER_SERVICE ".oauth_redirect_uri is '%s'; set "
					   "both to '%s'",
					   check_display_value(value, false, display,
							       sizeof(display)),
					   uri_text, expected);
		return;
	}
	if (!url_has_shape(text, "/oauth_callback", host, sizeof(host)))
		check_report_value(ctx, RULE_BH114, value, EXTRA_ENV,
				   "JUPYTERHUB_OAUTH_CALLBACK_URL in " EXTRA_ENV " is '%s'; set it "
				   "to '%s'",
				   check_display_value(value, false, display, sizeof(display)),
				   expected);
}

void check_BH115(const struct rule_context *ctx)
{
	static const char *const read_users[] = {"read:users", "users", "admin:users", NULL};

	rules_check_binder_role(ctx, RULE_BH115, read_users, "read:users",
				"start servers and read users");
}

void check_BH116(const struct rule_context *ctx)
{
	const struct node *scopes = tree_resolve(check_get(ctx, ROLES ".binder.scopes"));

	if (!scopes || scopes->kind != NODE_SEQUENCE)
		return;
	for (size_t i = 0; i < scopes->as.sequence.count; i++) {
		const struct node *item = scopes->as.sequence.items[i];

		if (tree_scalar_equals(item, "admin:users"))
			check_report_value(ctx, RULE_BH116, item, ROLES ".binder.scopes",
					   ROLES ".binder.scopes has 'admin:users'; replace it "
						 "with 'read:users', because on a hub with login "
						 "BinderHub only reads users");
	}
}

void check_BH117(const struct rule_context *ctx)
{
	static const char *const self[] = {"self", NULL};
	static const char *const access[] = {"access:services!service=binder", "access:services",
					     NULL};
	const char *path = ROLES ".user.scopes";
	const struct node *scopes = check_get(ctx, path);
	bool has_self, has_access;
	char display[TEXT_SIZE];

	if (check_is_encrypted(scopes))
		return;
	if (!scopes) {
		/* Report this without chart defaults too, because basehub's own user
		 * role lacks access to the binder service. */
		check_report_missing(ctx, RULE_BH117, path,
				     "missing %s; set it to [self, access:services!service=binder]",
				     path);
		return;
	}
	if (scopes->kind != NODE_SEQUENCE) {
		check_report_value(ctx, RULE_BH117, scopes, path,
				   "%s is '%s'; set it to [self, access:services!service=binder]",
				   path, rules_display_list(scopes, display, sizeof(display)));
		return;
	}
	has_self = rules_list_contains(scopes, self);
	has_access = rules_list_contains(scopes, access);
	if (has_self && has_access)
		return;
	check_report_value(ctx, RULE_BH117, scopes, path,
			   "%s is '%s'; the list replaces basehub's user role, so add %s", path,
			   rules_display_list(scopes, display, sizeof(display)),
			   !has_self && !has_access ? "self and access:services!service=binder"
			   : !has_self		 ? "self"
						       : "access:services!service=binder");
}

void check_BH118(const struct rule_context *ctx)
{
	const char *path = SPAWNER ".auth_enabled";
	const struct node *enabled = check_get(ctx, path);
	char display[DISPLAY_SIZE];

	if (tree_is_true(enabled) || check_is_encrypted(enabled))
		return;
	if (!enabled) {
		/* BinderSpawnerMixin.auth_enabled defaults to false. */
		check_report_missing(ctx, RULE_BH118, path,
				     "missing %s, so user servers do not require hub "
				     "authentication; set it to true",
				     path);
		return;
	}
	check_report_value(ctx, RULE_BH118, enabled, path,
			   "%s is '%s'; set it to true so that only the user who launched a server "
			   "can open it",
			   path, check_display_value(enabled, false, display, sizeof(display)));
}

void check_BH119(const struct rule_context *ctx)
{
	const struct node *config = check_get(ctx, HUB_CONFIG);
	char expected[DISPLAY_SIZE * 2];
	char host[DISPLAY_SIZE];
	char display[DISPLAY_SIZE];
	char path[TEXT_SIZE];

	snprintf(expected, sizeof(expected), "https://%s/hub/oauth_callback",
		 ctx->jupyterhub_domain ? ctx->jupyterhub_domain : "<jupyterhub-domain>");
	if (!config || config->kind != NODE_MAPPING)
		return;
	for (size_t i = 0; i < config->as.mapping.count; i++) {
		const struct pair *pair = &config->as.mapping.pairs[i];
		const struct node *url = tree_mapping_get(pair->value, "oauth_callback_url");
		const char *text = check_text(url);
		bool good;

		if (!check_is_set(url) || check_is_encrypted(url) || !check_text(pair->key))
			continue;
		if (ctx->jupyterhub_domain)
			good = check_url_equal(text, expected);
		else
			/* Without the JupyterHub domain, check the form and that the
			 * host is not the BinderHub domain. */
			good = url_has_shape(text, "/hub/oauth_callback", host, sizeof(host)) &&
			       !(ctx->binderhub_domain && strcmp(host, ctx->binderhub_domain) == 0);
		if (good)
			continue;
		snprintf(path, sizeof(path), HUB_CONFIG ".%s.oauth_callback_url",
			 check_text(pair->key));
		check_report_value(ctx, RULE_BH119, url, path,
				   "%s is '%s'; set it to '%s', the authenticator's callback on "
				   "the JupyterHub domain",
				   path, check_display_value(url, false, display, sizeof(display)),
				   expected);
	}
}

void check_BH120(const struct rule_context *ctx)
{
	/* basehub's values.yaml lists staff ids for these types only. */
	static const char *const basehub_types[] = {"github", "google", NULL};
	const char *type_path = STAFF ".add_staff_user_ids_of_type";
	const struct node *type = check_get(ctx, type_path);
	const char *text = check_text(type);
	char key[DISPLAY_SIZE];

	/* An encrypted flag does not count as true, because ciphertext may make a
	 * rule pass but never trigger it. */
	if (!tree_is_true(check_get(ctx, STAFF ".add_staff_user_ids_to_admin_users")) ||
	    check_is_encrypted(type))
		return;
	if (!check_is_set(type) || !text) {
		check_report_value(ctx, RULE_BH120, type, type_path,
				   "%s is not set while add_staff_user_ids_to_admin_users is true, "
				   "so no 2i2c staff become admins; set it to github or google",
				   type_path);
		return;
	}
	snprintf(key, sizeof(key), "staff_%s_ids", text);
	if (check_is_set(tree_mapping_get(check_get(ctx, STAFF), key)))
		return;
	/* Without chart defaults underneath, basehub's lists are not in the values. */
	if (!ctx->have_defaults && rules_text_in(text, basehub_types))
		return;
	check_report_value(ctx, RULE_BH120, type, type_path,
			   "%s is '%.60s' but " STAFF " has no %.60s list, so no 2i2c staff become "
			   "admins; set it to github or google",
			   type_path, text, key);
}

void check_BH121(const struct rule_context *ctx)
{
	const char *path = "jupyterhub.singleuser.cmd";
	const struct node *cmd = check_get(ctx, path);
	char display[TEXT_SIZE];

	if (!check_is_set(cmd) || check_is_encrypted(cmd) || rules_cmd_runs_singleuser(cmd))
		return;
	check_report_value(ctx, RULE_BH121, cmd, path,
			   "%s is '%s', which does not run jupyterhub-singleuser, so user servers "
			   "skip hub authentication; remove cmd from every file or make it run "
			   "jupyterhub-singleuser",
			   path, rules_display_list(cmd, display, sizeof(display)));
}

void check_BH142(const struct rule_context *ctx)
{
	const char *path = SPAWNER ".cors_allow_origin";
	const struct node *origin = check_get(ctx, path);
	char display[DISPLAY_SIZE];

	if (!check_is_set(origin))
		return;
	check_report_value(ctx, RULE_BH142, origin, path,
			   "%s is '%s', which BinderSpawnerMixin ignores when auth_enabled is "
			   "true; remove it and set CORS on binderhub-service.config.BinderHub "
			   "only",
			   path, check_display_value(origin, false, display, sizeof(display)));
}
