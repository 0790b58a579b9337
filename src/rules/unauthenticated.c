/*
 * Rules of the runbook's section III, "Configuration specific to
 * non-authenticated hubs": no redirect to a server after launch, the null
 * authenticator, no admins, a binder role that may create users, user
 * servers that do not ask the hub for authentication, restricted
 * repositories and CORS.  BH140 and BH141 apply to every hub but are about
 * the same settings, so they live here too.
 */
#include "check.h"
#include "validate.h"
#include "rules_util.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>
#include <string.h>

#define AUTHENTICATOR_CLASS "jupyterhub.hub.config.JupyterHub.authenticator_class"
#define SPAWNER "jupyterhub.hub.config.BinderSpawnerMixin"
#define SINGLEUSER_CMD "jupyterhub.singleuser.cmd"
#define BINDERHUB_CONFIG "binderhub-service.config"

/* Sized for a dotted path, or a list of a few display values of at most 60 bytes. */
#define TEXT_SIZE 512
#define DISPLAY_SIZE 128

void check_BH111(const struct rule_context *ctx)
{
	const struct node *redirect = check_get(ctx, "jupyterhub.hub.redirectToServer");
	char display[DISPLAY_SIZE];

	if (tree_is_false(redirect) || check_is_encrypted(redirect))
		return;
	if (!redirect) {
		/* JupyterHub's redirect_to_server defaults to true. */
		check_report_missing(ctx, RULE_BH111, "jupyterhub.hub.redirectToServer",
				     "missing jupyterhub.hub.redirectToServer; set it to false as the "
				     "deployer's template and the live hubs do");
		return;
	}
	check_report_value(ctx, RULE_BH111, redirect, "jupyterhub.hub.redirectToServer",
			   "jupyterhub.hub.redirectToServer is '%s'; set it to false as the "
			   "deployer's template and the live hubs do",
			   check_display_value(redirect, false, display, sizeof(display)));
}

/* Authenticator spellings that make a hub unauthenticated, compared ignoring case. */
static const char *const null_authenticators[] = {"null", "nullauthenticator",
						  "jupyterhub.auth.NullAuthenticator", NULL};
static const char *const tmp_authenticators[] = {"tmp", "tmpauthenticator", NULL};

void check_BH130(const struct rule_context *ctx)
{
	const struct node *class = check_get(ctx, AUTHENTICATOR_CLASS);
	const char *text = check_text(class);
	char display[DISPLAY_SIZE];

	/* An unquoted null reads as the text "null" too, so rule it out first. */
	if (!tree_is_null(class) &&
	    (check_is_encrypted(class) || rules_text_in_ignoring_case(text, null_authenticators) ||
	     rules_text_in_ignoring_case(text, tmp_authenticators)))
		return;
	if (!class) {
		check_report_missing(ctx, RULE_BH130, AUTHENTICATOR_CLASS,
				     "missing " AUTHENTICATOR_CLASS "; set it to \"null\", quoted, "
				     "because an unquoted null deletes the setting");
		return;
	}
	if (tree_is_null(class)) {
		check_report_value(ctx, RULE_BH130, class, AUTHENTICATOR_CLASS,
				   AUTHENTICATOR_CLASS " is an unquoted null, which deletes the "
						       "setting; write it quoted: \"null\"");
		return;
	}
	check_report_value(ctx, RULE_BH130, class, AUTHENTICATOR_CLASS,
			   AUTHENTICATOR_CLASS " is '%s' on a hub without login; set it to "
					       "\"null\"",
			   check_display_value(class, false, display, sizeof(display)));
}

void check_BH131(const struct rule_context *ctx)
{
	const struct node *class = check_get(ctx, AUTHENTICATOR_CLASS);
	const char *text = check_text(class);

	if (!rules_text_in_ignoring_case(text, tmp_authenticators))
		return;
	check_report_value(ctx, RULE_BH131, class, AUTHENTICATOR_CLASS,
			   AUTHENTICATOR_CLASS " is '%s'; set it to \"null\" as the runbook does, "
					       "or keep tmp deliberately with "
					       "TmpAuthenticator.auto_login false",
			   text);
}

void check_BH132(const struct rule_context *ctx)
{
	const char *path = "jupyterhub.custom.homepage.templateVars.enabled";
	const struct node *enabled = check_get(ctx, path);
	char display[DISPLAY_SIZE];

	if (tree_is_false(enabled) || check_is_encrypted(enabled))
		return;
	if (!enabled) {
		check_report_missing(ctx, RULE_BH132, path,
				     "missing %s; set it to false, because a hub without login "
				     "shows no homepage",
				     path);
		return;
	}
	check_report_value(ctx, RULE_BH132, enabled, path,
			   "%s is '%s'; set it to false, because a hub without login shows no "
			   "homepage",
			   path, check_display_value(enabled, false, display, sizeof(display)));
}

void check_BH133(const struct rule_context *ctx)
{
	const char *path = "jupyterhub.custom.2i2c.add_staff_user_ids_to_admin_users";
	const struct node *flag = check_get(ctx, path);
	char display[DISPLAY_SIZE];

	if (tree_is_false(flag) || check_is_encrypted(flag))
		return;
	if (!flag) {
		/* Without chart defaults underneath, an absent key still gets basehub's
		 * false at deploy time.  With them, absence means a null deleted it. */
		if (ctx->have_defaults)
			check_report_missing(ctx, RULE_BH133, path,
					     "missing %s; set it to false, because nobody logs in "
					     "to be an admin",
					     path);
		return;
	}
	check_report_value(ctx, RULE_BH133, flag, path,
			   "%s is '%s'; set it to false, because nobody logs in to be an admin",
			   path, check_display_value(flag, false, display, sizeof(display)));
}

void check_BH134(const struct rule_context *ctx)
{
	static const char *const admin_users[] = {"admin:users", NULL};

	rules_check_binder_role(ctx, RULE_BH134, admin_users, "admin:users",
				"create a user for each launch and start its server");
}

void check_BH135(const struct rule_context *ctx)
{
	const char *path = SPAWNER ".auth_enabled";
	const struct node *enabled = check_get(ctx, path);

	if (!tree_is_true(enabled))
		return;
	check_report_value(ctx, RULE_BH135, enabled, path,
			   "%s is '%s' on a hub without login, so nobody can open a server; set it "
			   "to false",
			   path, check_text(enabled));
}

void check_BH136(const struct rule_context *ctx)
{
	const char *path = SPAWNER ".auth_enabled";
	const struct node *enabled = check_get(ctx, path);
	char display[DISPLAY_SIZE];

	/* BH135 reports a true value as an error, so this rule reports only a
	 * missing or non-boolean value. */
	if (tree_is_false(enabled) || tree_is_true(enabled) || check_is_encrypted(enabled))
		return;
	if (!enabled) {
		check_report_missing(ctx, RULE_BH136, path,
				     "missing %s; set it to false so that the values show the "
				     "hub's mode",
				     path);
		return;
	}
	check_report_value(ctx, RULE_BH136, enabled, path,
			   "%s is '%s', not a boolean; set it to false",
			   path, check_display_value(enabled, false, display, sizeof(display)));
}

/*
 * True when the command is one of the runbook's launchers: it starts with
 * jupyter-lab or jupyter-notebook, or it is [python3|python, -c, script]
 * whose script picks one of the two and execs it.
 */
static bool cmd_is_lab_launcher(const struct node *cmd)
{
	static const char *const servers[] = {"jupyter-lab", "jupyter-notebook", NULL};
	static const char *const pythons[] = {"python3", "python", NULL};
	const struct node *single;
	const struct node *const *items;
	const char *first, *script;
	size_t count;

	cmd = tree_resolve(cmd);
	if (!cmd)
		return false;
	items = rules_cmd_items(cmd, &single, &count);
	if (count == 0)
		return false;
	for (size_t i = 0; i < count && i < 3; i++)
		if (check_is_encrypted(items[i]))
			return true;
	first = check_text(items[0]);
	if (!first)
		return false;
	if (rules_text_in(rules_program_name(first), servers))
		return true;
	if (count != 3 || !rules_text_in(rules_program_name(first), pythons) ||
	    !tree_scalar_equals(items[1], "-c"))
		return false;
	script = check_text(items[2]);
	return script && strstr(script, "jupyter-lab") && strstr(script, "jupyter-notebook") &&
	       strstr(script, "execvp");
}

void check_BH137(const struct rule_context *ctx)
{
	const struct node *cmd = check_get(ctx, SINGLEUSER_CMD);
	char display[TEXT_SIZE];

	if (check_is_encrypted(cmd))
		return;
	if (!cmd) {
		/* Unset, basehub's or z2jh's default command runs jupyterhub-singleuser. */
		check_report_missing(ctx, RULE_BH137, SINGLEUSER_CMD,
				     "missing " SINGLEUSER_CMD ", so the default "
				     "jupyterhub-singleuser sends users to /hub/login, which answers "
				     "403 without login; set it to [jupyter-lab] or the runbook's "
				     "python3 -c launcher");
		return;
	}
	if (!check_is_set(cmd)) {
		check_report_value(ctx, RULE_BH137, cmd, SINGLEUSER_CMD,
				   SINGLEUSER_CMD " is '%s', an empty command; set it to "
						  "[jupyter-lab] or the runbook's python3 -c "
						  "launcher",
				   rules_display_list(cmd, display, sizeof(display)));
		return;
	}
	if (!rules_cmd_runs_singleuser(cmd))
		return;
	check_report_value(ctx, RULE_BH137, cmd, SINGLEUSER_CMD,
			   SINGLEUSER_CMD " is '%s', so jupyterhub-singleuser runs and sends users "
					  "to /hub/login, which answers 403 without login; set it "
					  "to [jupyter-lab] or the runbook's python3 -c launcher",
			   rules_display_list(cmd, display, sizeof(display)));
}

void check_BH138(const struct rule_context *ctx)
{
	const struct node *cmd = check_get(ctx, SINGLEUSER_CMD);
	char display[TEXT_SIZE];

	/* BH137 already reports a default or jupyterhub-singleuser command as an error. */
	if (!check_is_set(cmd) || check_from_defaults(ctx, cmd) || rules_cmd_runs_singleuser(cmd) ||
	    cmd_is_lab_launcher(cmd))
		return;
	check_report_value(ctx, RULE_BH138, cmd, SINGLEUSER_CMD,
			   SINGLEUSER_CMD " is '%s'; start jupyter-lab or jupyter-notebook "
					  "directly, or use the runbook's python3 -c launcher that "
					  "picks one of them",
			   rules_display_list(cmd, display, sizeof(display)));
}

void check_BH139(const struct rule_context *ctx)
{
	const char *path = BINDERHUB_CONFIG ".GitHubRepoProvider.allowed_specs";
	const struct node *specs = check_get(ctx, path);
	char display[DISPLAY_SIZE];

	if (check_is_set(specs))
		return;
	if (!specs) {
		check_report_missing(ctx, RULE_BH139, path,
				     "missing %s, so anyone can build any GitHub repository; set "
				     "it to the regular expressions of the repositories to allow",
				     path);
		return;
	}
	check_report_value(ctx, RULE_BH139, specs, path,
			   "%s is '%s', so anyone can build any GitHub repository; set it to the "
			   "regular expressions of the repositories to allow",
			   path, check_display_value(specs, false, display, sizeof(display)));
}

/* Report every item of one *_specs list that is not a pattern PCRE2 compiles. */
static void check_spec_list(const struct rule_context *ctx, const struct node *specs,
			    const char *path)
{
	char display[DISPLAY_SIZE];

	specs = tree_resolve(specs);
	if (!specs || tree_is_null(specs) || check_is_encrypted(specs))
		return;
	if (specs->kind != NODE_SEQUENCE) {
		check_report_value(ctx, RULE_BH140, specs, path,
				   "%s is '%s'; make it a list of regular expressions", path,
				   check_display_value(specs, false, display, sizeof(display)));
		return;
	}
	for (size_t i = 0; i < specs->as.sequence.count; i++) {
		const struct node *item = tree_resolve(specs->as.sequence.items[i]);
		const char *pattern = check_text(item);
		pcre2_code *code;
		PCRE2_UCHAR problem[256];
		PCRE2_SIZE offset;
		int error;

		if (check_is_encrypted(item))
			continue;
		/* BinderHub's specs are lists of strings, and YAML reads an unquoted
		 * 123 or true as another type. */
		if (!pattern || tree_scalar_type(item) != SCALAR_TYPE_STRING) {
			check_report_value(ctx, RULE_BH140, item, path,
					   "%s has '%s', which is not a string; write the regular "
					   "expression as a quoted string",
					   path,
					   check_display_value(item, false, display,
							       sizeof(display)));
			continue;
		}
		/* BinderHub matches specs with Python's re: PCRE2 compiles them,
		 * then the known differences between the two are checked. */
		code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &error,
				     &offset, NULL);
		if (code) {
			char reason[160];

			pcre2_code_free(code);
			if (!validate_python_regex_syntax(pattern, reason, sizeof(reason)))
				check_report_value(ctx, RULE_BH140, item, path,
						   "%s has '%s', which %s; fix the pattern", path,
						   check_display_value(item, false, display,
								       sizeof(display)),
						   reason);
			continue;
		}
		if (pcre2_get_error_message(error, problem, sizeof(problem)) < 0)
			snprintf((char *)problem, sizeof(problem), "PCRE2 error %d", error);
		check_report_value(ctx, RULE_BH140, item, path,
				   "%s has '%s', which is not a valid regular expression (%s at "
				   "offset %zu); fix the pattern",
				   path, check_display_value(item, false, display, sizeof(display)),
				   (const char *)problem, (size_t)offset);
	}
}

void check_BH140(const struct rule_context *ctx)
{
	static const char *const keys[] = {"allowed_specs", "banned_specs", "high_quota_specs"};
	const struct node *config = check_get(ctx, BINDERHUB_CONFIG);
	char path[TEXT_SIZE];

	if (!config || config->kind != NODE_MAPPING)
		return;
	for (size_t i = 0; i < config->as.mapping.count; i++) {
		const struct pair *pair = &config->as.mapping.pairs[i];
		const char *class = check_text(pair->key);
		size_t length = class ? strlen(class) : 0;

		/* Every BinderHub repository provider (GitHubRepoProvider, ZenodoProvider
		 * ...) inherits the three lists from RepoProvider. */
		if (length < 8 || strcmp(class + length - 8, "Provider") != 0 ||
		    strchr(class, '.'))
			continue;
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			snprintf(path, sizeof(path), BINDERHUB_CONFIG ".%s.%s", class, keys[k]);
			check_spec_list(ctx, tree_mapping_get(pair->value, keys[k]), path);
		}
	}
}

void check_BH141(const struct rule_context *ctx)
{
	const char *spawner_path = SPAWNER ".cors_allow_origin";
	const char *binderhub_path = BINDERHUB_CONFIG ".BinderHub.cors_allow_origin";
	const struct node *spawner = check_get(ctx, spawner_path);
	const struct node *binderhub = check_get(ctx, binderhub_path);
	bool spawner_set = check_is_set(spawner), binderhub_set = check_is_set(binderhub);
	char display[DISPLAY_SIZE], other_display[DISPLAY_SIZE];

	if (!spawner_set && !binderhub_set)
		return;
	if (spawner_set && binderhub_set) {
		/* Browsers compare origins byte for byte, so no URL normalising here. */
		if (check_is_encrypted(spawner) || check_is_encrypted(binderhub) ||
		    (check_text(spawner) && check_text(binderhub) &&
		     strcmp(check_text(spawner), check_text(binderhub)) == 0))
			return;
		check_report_value(ctx, RULE_BH141, binderhub, binderhub_path,
				   "%s is '%s' but %s is '%s'; set both to the same origin",
				   binderhub_path,
				   check_display_value(binderhub, false, display, sizeof(display)),
				   spawner_path,
				   check_display_value(spawner, false, other_display,
						       sizeof(other_display)));
		return;
	}
	if (binderhub_set) {
		/* BinderSpawnerMixin ignores its CORS setting when servers require hub
		 * authentication, and BH142 warns when an authenticated hub sets it. */
		if (ctx->mode == HUB_AUTHENTICATED)
			return;
		check_report_missing(ctx, RULE_BH141, spawner_path,
				     "missing %s while %s is '%s'; set both to the same origin",
				     spawner_path, binderhub_path,
				     check_display_value(binderhub, false, display, sizeof(display)));
		return;
	}
	check_report_missing(ctx, RULE_BH141, binderhub_path,
			     "missing %s while %s is '%s'; set both to the same origin",
			     binderhub_path, spawner_path,
			     check_display_value(spawner, false, display, sizeof(display)));
}
