/*
 * Rules of the runbook's section III, "Configuration specific to
 * non-authenticated hubs": no redirect to a server after launch, the null
 * authenticator, no admins, a binder role that may create users, user
 * servers that do not ask the hub for authentication, restricted
 * repositories and CORS.  BH140 and BH141 apply to every hub but are about
 * the same settings, so they live here too.
 */
#include "check.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define AUTHENTICATOR_CLASS "jupyterhub.hub.config.JupyterHub.authenticator_class"
#define SPAWNER "jupyterhub.hub.config.BinderSpawnerMixin"
#define BINDER_ROLE "jupyterhub.hub.loadRoles.binder"
#define SINGLEUSER_CMD "jupyterhub.singleuser.cmd"
#define BINDERHUB_CONFIG "binderhub-service.config"

/* Sized for a path, two display values of at most 60 bytes and a sentence. */
#define MESSAGE_SIZE 1024
#define DISPLAY_SIZE 128

/*
 * Report at node when a user layer wrote it.  A value that only the chart
 * defaults supply has no line the user can edit, so the finding then points
 * at the nearest key the user wrote (or at the null that deleted the key).
 */
static void report_value(const struct rule_context *ctx, enum rule_id rule,
			 const struct node *node, const char *path, const char *format, ...)
	__attribute__((format(printf, 5, 6)));

static void report_value(const struct rule_context *ctx, enum rule_id rule,
			 const struct node *node, const char *path, const char *format, ...)
{
	char message[MESSAGE_SIZE];
	va_list args;

	va_start(args, format);
	vsnprintf(message, sizeof(message), format, args);
	va_end(args);
	if (node && !check_from_defaults(ctx, node))
		check_report(ctx, rule, node, path, "%s", message);
	else
		check_report_missing(ctx, rule, path, "%s", message);
}

/* A list as "a, b, c" (each item as check_display_value shows it), other nodes as they show. */
static const char *describe(const struct node *node, char *buffer, size_t size)
{
	size_t used = 0;

	node = tree_resolve(node);
	if (!node || node->kind != NODE_SEQUENCE || node->as.sequence.count == 0)
		return check_display_value(node, false, buffer, size);
	buffer[0] = '\0';
	for (size_t i = 0; i < node->as.sequence.count && used + 1 < size; i++) {
		char item[DISPLAY_SIZE];
		int written;

		check_display_value(node->as.sequence.items[i], false, item, sizeof(item));
		written = snprintf(buffer + used, size - used, "%s%s", i ? ", " : "", item);
		if (written < 0)
			break;
		used += (size_t)written;
	}
	if (used >= size && size > 4)
		strcpy(buffer + size - 4, "...");
	return buffer;
}

static bool text_in(const char *text, const char *const *words)
{
	for (size_t i = 0; text && words[i]; i++)
		if (strcmp(text, words[i]) == 0)
			return true;
	return false;
}

/*
 * True when list has one of words.  An item that is sops ciphertext could
 * be any of them, and ciphertext satisfies every comparison.
 */
static bool list_contains(const struct node *list, const char *const *words)
{
	list = tree_resolve(list);
	if (!list || list->kind != NODE_SEQUENCE)
		return false;
	for (size_t i = 0; i < list->as.sequence.count; i++) {
		const struct node *item = list->as.sequence.items[i];

		if (check_is_encrypted(item) || text_in(check_text(item), words))
			return true;
	}
	return false;
}

static bool text_in_ignoring_case(const char *text, const char *const *words)
{
	for (size_t i = 0; text && words[i]; i++)
		if (strcasecmp(text, words[i]) == 0)
			return true;
	return false;
}

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
	report_value(ctx, RULE_BH111, redirect, "jupyterhub.hub.redirectToServer",
		     "jupyterhub.hub.redirectToServer is '%s'; set it to false as the deployer's "
		     "template and the live hubs do",
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
	    (check_is_encrypted(class) || text_in_ignoring_case(text, null_authenticators) ||
	     text_in_ignoring_case(text, tmp_authenticators)))
		return;
	if (!class) {
		check_report_missing(ctx, RULE_BH130, AUTHENTICATOR_CLASS,
				     "missing " AUTHENTICATOR_CLASS "; set it to \"null\", quoted, "
				     "because an unquoted null deletes the setting");
		return;
	}
	if (tree_is_null(class)) {
		report_value(ctx, RULE_BH130, class, AUTHENTICATOR_CLASS,
			     AUTHENTICATOR_CLASS " is an unquoted null, which deletes the "
						 "setting; write it quoted: \"null\"");
		return;
	}
	report_value(ctx, RULE_BH130, class, AUTHENTICATOR_CLASS,
		     AUTHENTICATOR_CLASS " is '%s' on a hub without login; set it to \"null\"",
		     check_display_value(class, false, display, sizeof(display)));
}

void check_BH131(const struct rule_context *ctx)
{
	const struct node *class = check_get(ctx, AUTHENTICATOR_CLASS);
	const char *text = check_text(class);

	if (!text_in_ignoring_case(text, tmp_authenticators))
		return;
	report_value(ctx, RULE_BH131, class, AUTHENTICATOR_CLASS,
		     AUTHENTICATOR_CLASS " is '%s'; set it to \"null\" as the runbook does, or "
					 "keep tmp deliberately with TmpAuthenticator.auto_login "
					 "false",
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
	report_value(ctx, RULE_BH132, enabled, path,
		     "%s is '%s'; set it to false, because a hub without login shows no homepage",
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
	report_value(ctx, RULE_BH133, flag, path,
		     "%s is '%s'; set it to false, because nobody logs in to be an admin", path,
		     check_display_value(flag, false, display, sizeof(display)));
}

void check_BH134(const struct rule_context *ctx)
{
	static const char *const service[] = {"binder", NULL};
	static const char *const servers[] = {"servers", "admin:servers", NULL};
	static const char *const admin_users[] = {"admin:users", NULL};
	const struct node *role = check_get(ctx, BINDER_ROLE);
	const struct node *services, *scopes;
	char display[MESSAGE_SIZE / 2];
	const char *add;

	if (check_is_encrypted(role))
		return;
	if (!role || role->kind != NODE_MAPPING) {
		report_value(ctx, RULE_BH134, role, BINDER_ROLE,
			     "no binder role in jupyterhub.hub.loadRoles; add one with services "
			     "[binder] and scopes [servers, admin:users]");
		return;
	}
	services = tree_mapping_get(role, "services");
	if (!check_is_encrypted(services) && !list_contains(services, service))
		report_value(ctx, RULE_BH134, services, BINDER_ROLE ".services",
			     BINDER_ROLE ".services is '%s'; add binder so that the role is given "
					 "to the binder service",
			     describe(services, display, sizeof(display)));
	scopes = tree_mapping_get(role, "scopes");
	if (check_is_encrypted(scopes))
		return;
	if (!list_contains(scopes, servers))
		add = list_contains(scopes, admin_users) ? "servers" : "servers and admin:users";
	else if (!list_contains(scopes, admin_users))
		add = "admin:users";
	else
		return;
	report_value(ctx, RULE_BH134, scopes, BINDER_ROLE ".scopes",
		     BINDER_ROLE ".scopes is '%s'; add %s so that BinderHub can create a user "
				 "for each launch and start its server",
		     describe(scopes, display, sizeof(display)), add);
}

void check_BH135(const struct rule_context *ctx)
{
	const char *path = SPAWNER ".auth_enabled";
	const struct node *enabled = check_get(ctx, path);

	if (!tree_is_true(enabled))
		return;
	report_value(ctx, RULE_BH135, enabled, path,
		     "%s is '%s' on a hub without login, so nobody can open a server; set it to "
		     "false",
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
	report_value(ctx, RULE_BH136, enabled, path, "%s is '%s', not a boolean; set it to false",
		     path, check_display_value(enabled, false, display, sizeof(display)));
}

/* "/opt/conda/bin/jupyter-lab" runs jupyter-lab. */
static const char *program_name(const char *item)
{
	const char *slash = strrchr(item, '/');

	return slash ? slash + 1 : item;
}

/* The command's items; a string is one item, as JupyterHub's Command trait takes it. */
static const struct node *const *cmd_items(const struct node *cmd, const struct node **single,
					   size_t *count)
{
	if (cmd->kind == NODE_SEQUENCE) {
		*count = cmd->as.sequence.count;
		return (const struct node *const *)cmd->as.sequence.items;
	}
	*single = cmd;
	*count = 1;
	return single;
}

/*
 * True when the command line runs jupyterhub-singleuser: an item names the
 * program (any folder) or its module (python -m jupyterhub.singleuser), or
 * a shell or Python script item mentions it.
 */
static bool cmd_runs_singleuser(const struct node *cmd)
{
	const struct node *single;
	const struct node *const *items;
	size_t count;

	cmd = tree_resolve(cmd);
	if (!cmd)
		return false;
	items = cmd_items(cmd, &single, &count);
	for (size_t i = 0; i < count; i++) {
		const char *text = check_text(items[i]);

		if (!text)
			continue;
		if (strcmp(program_name(text), "jupyterhub-singleuser") == 0 ||
		    strcmp(text, "jupyterhub.singleuser") == 0)
			return true;
		if (strpbrk(text, " \t\n") && strstr(text, "jupyterhub-singleuser"))
			return true;
	}
	return false;
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
	items = cmd_items(cmd, &single, &count);
	if (count == 0)
		return false;
	for (size_t i = 0; i < count && i < 3; i++)
		if (check_is_encrypted(items[i]))
			return true;
	first = check_text(items[0]);
	if (!first)
		return false;
	if (text_in(program_name(first), servers))
		return true;
	if (count != 3 || !text_in(program_name(first), pythons) ||
	    !tree_scalar_equals(items[1], "-c"))
		return false;
	script = check_text(items[2]);
	return script && strstr(script, "jupyter-lab") && strstr(script, "jupyter-notebook") &&
	       strstr(script, "execvp");
}

void check_BH137(const struct rule_context *ctx)
{
	const struct node *cmd = check_get(ctx, SINGLEUSER_CMD);
	char display[MESSAGE_SIZE / 2];

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
		report_value(ctx, RULE_BH137, cmd, SINGLEUSER_CMD,
			     SINGLEUSER_CMD " is '%s', an empty command; set it to [jupyter-lab] "
					    "or the runbook's python3 -c launcher",
			     describe(cmd, display, sizeof(display)));
		return;
	}
	if (!cmd_runs_singleuser(cmd))
		return;
	report_value(ctx, RULE_BH137, cmd, SINGLEUSER_CMD,
		     SINGLEUSER_CMD " is '%s', so jupyterhub-singleuser runs and sends users to "
				    "/hub/login, which answers 403 without login; set it to "
				    "[jupyter-lab] or the runbook's python3 -c launcher",
		     describe(cmd, display, sizeof(display)));
}

void check_BH138(const struct rule_context *ctx)
{
	const struct node *cmd = check_get(ctx, SINGLEUSER_CMD);
	char display[MESSAGE_SIZE / 2];

	/* BH137 already reports a default or jupyterhub-singleuser command as an error. */
	if (!check_is_set(cmd) || check_from_defaults(ctx, cmd) || cmd_runs_singleuser(cmd) ||
	    cmd_is_lab_launcher(cmd))
		return;
	report_value(ctx, RULE_BH138, cmd, SINGLEUSER_CMD,
		     SINGLEUSER_CMD " is '%s'; start jupyter-lab or jupyter-notebook directly, or "
				    "use the runbook's python3 -c launcher that picks one of them",
		     describe(cmd, display, sizeof(display)));
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
	report_value(ctx, RULE_BH139, specs, path,
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
		report_value(ctx, RULE_BH140, specs, path,
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
			report_value(ctx, RULE_BH140, item, path,
				     "%s has '%s', which is not a string; write the regular "
				     "expression as a quoted string",
				     path, check_display_value(item, false, display, sizeof(display)));
			continue;
		}
		/* NOTE: BinderHub matches specs with Python's re, and PCRE2 stands in
		 * for it.  PCRE2 accepts a few patterns that re rejects, such as
		 * inline flags after the start, an error since Python 3.11. */
		code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &error,
				     &offset, NULL);
		if (code) {
			pcre2_code_free(code);
			continue;
		}
		if (pcre2_get_error_message(error, problem, sizeof(problem)) < 0)
			snprintf((char *)problem, sizeof(problem), "PCRE2 error %d", error);
		report_value(ctx, RULE_BH140, item, path,
			     "%s has '%s', which is not a valid regular expression (%s at offset "
			     "%zu); fix the pattern",
			     path, check_display_value(item, false, display, sizeof(display)),
			     (const char *)problem, (size_t)offset);
	}
}

void check_BH140(const struct rule_context *ctx)
{
	static const char *const keys[] = {"allowed_specs", "banned_specs", "high_quota_specs"};
	const struct node *config = check_get(ctx, BINDERHUB_CONFIG);
	char path[MESSAGE_SIZE / 2];

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
		report_value(ctx, RULE_BH141, binderhub, binderhub_path,
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
