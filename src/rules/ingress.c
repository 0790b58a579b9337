/*
 * Ingress rules for every binderhub-ui hub: JupyterHub and BinderHub each
 * have their own enabled ingress, domain and TLS secret, and cluster.yaml
 * names the JupyterHub domain.
 */
#include "check.h"
#include "rules_util.h"

#include <stdio.h>
#include <string.h>

#define PATH_SIZE 128

static const char jupyterhub_ingress[] = "jupyterhub.ingress";
static const char binderhub_ingress[] = "binderhub-service.ingress";

/* The TLS secret names of the runbook's values snippets. */
#define JUPYTERHUB_TLS_SECRET "https-auto-tls"
#define BINDERHUB_TLS_SECRET "binder-https-auto-tls"

static const struct node *ingress_get(const struct rule_context *ctx, const char *ingress,
				      const char *key, char *path, size_t size)
{
	snprintf(path, size, "%s.%s", ingress, key);
	return check_get(ctx, path);
}

/* True when hosts lists host.  Sops ciphertext matches any host. */
static bool hosts_contain(const struct node *hosts, const char *host)
{
	size_t count = rules_sequence_count(hosts);

	for (size_t i = 0; i < count; i++) {
		const struct node *item = rules_sequence_item(hosts, i);
		const char *text = check_text(item);

		if (check_is_encrypted(item) || (text && strcmp(text, host) == 0))
			return true;
	}
	return false;
}

/* The secretName of item i of an ingress's tls list, or NULL when it has none. */
static const struct node *tls_secret_name(const struct node *tls, size_t i)
{
	return tree_mapping_get(rules_sequence_item(tls, i), "secretName");
}

/* ---- BH020, BH022: enabled with hosts ------------------------------------------ */

static void require_enabled_with_hosts(const struct rule_context *ctx, enum rule_id rule,
				       const char *ingress, const char *domain_placeholder)
{
	char path[PATH_SIZE];
	char shown[RULES_QUOTED_SIZE];
	const struct node *enabled = ingress_get(ctx, ingress, "enabled", path, sizeof(path));
	const struct node *hosts;

	if (check_is_absent(enabled))
		check_report_missing(ctx, rule, path, "missing %s; set it to true", path);
	else if (!tree_is_true(enabled) && !check_is_encrypted(enabled))
		check_report(ctx, rule, enabled, path, "%s is %s%s; set it to true", path,
			     rules_display_quoted(enabled, shown, sizeof(shown)),
			     rules_default_suffix(ctx, enabled));

	hosts = ingress_get(ctx, ingress, "hosts", path, sizeof(path));
	if (check_is_absent(hosts))
		check_report_missing(ctx, rule, path, "missing %s; set it to [%s]", path,
				     domain_placeholder);
	else if (!check_is_encrypted(hosts) &&
		 (!check_is_set(hosts) || tree_resolve(hosts)->kind != NODE_SEQUENCE))
		check_report(ctx, rule, hosts, path, "%s is %s%s; set it to [%s]", path,
			     rules_display_quoted(hosts, shown, sizeof(shown)),
			     rules_default_suffix(ctx, hosts), domain_placeholder);
}

void check_BH020(const struct rule_context *ctx)
{
	require_enabled_with_hosts(ctx, RULE_BH020, jupyterhub_ingress, "<jupyterhub-domain>");
}

void check_BH022(const struct rule_context *ctx)
{
	require_enabled_with_hosts(ctx, RULE_BH022, binderhub_ingress, "<binderhub-domain>");
}

/* ---- BH021, BH023: every host has a certificate --------------------------------- */

static void require_tls_for_hosts(const struct rule_context *ctx, enum rule_id rule,
				  const char *ingress, const char *secret_name)
{
	char hosts_path[PATH_SIZE];
	char tls_path[PATH_SIZE];
	const struct node *hosts = ingress_get(ctx, ingress, "hosts", hosts_path,
					       sizeof(hosts_path));
	const struct node *tls = ingress_get(ctx, ingress, "tls", tls_path, sizeof(tls_path));
	size_t host_count = rules_sequence_count(hosts);
	size_t tls_count = rules_sequence_count(tls);

	for (size_t h = 0; h < host_count; h++) {
		const struct node *host = rules_sequence_item(hosts, h);
		const char *text = check_text(host);
		const struct node *unnamed_entry = NULL;
		bool covered = false;

		if (!text || check_is_encrypted(host))
			continue;
		for (size_t t = 0; t < tls_count && !covered; t++) {
			const struct node *entry = rules_sequence_item(tls, t);

			if (!hosts_contain(tree_mapping_get(entry, "hosts"), text))
				continue;
			if (check_is_set(tree_mapping_get(entry, "secretName")))
				covered = true;
			else if (!unnamed_entry)
				unnamed_entry = entry;
		}
		if (covered)
			continue;
		if (unnamed_entry)
			check_report(ctx, rule, unnamed_entry, tls_path,
				     "the %s entry for host '%s' has no secretName; set secretName "
				     "to '%s'",
				     tls_path, text, secret_name);
		else
			check_report(ctx, rule, host, hosts_path,
				     "host '%s' of %s is in no %s entry, so it gets no certificate; "
				     "add an entry with hosts ['%s'] and secretName '%s'",
				     text, ingress, tls_path, text, secret_name);
	}
}

void check_BH021(const struct rule_context *ctx)
{
	require_tls_for_hosts(ctx, RULE_BH021, jupyterhub_ingress, JUPYTERHUB_TLS_SECRET);
}

void check_BH023(const struct rule_context *ctx)
{
	require_tls_for_hosts(ctx, RULE_BH023, binderhub_ingress, BINDERHUB_TLS_SECRET);
}

/* ---- BH024, BH025, BH026: the two ingresses apart ---------------------------------- */

/* The secretName node of the first JupyterHub tls entry that uses name, or NULL. */
static const struct node *jupyterhub_secret_named(const struct rule_context *ctx, const char *name)
{
	const struct node *tls = check_get(ctx, "jupyterhub.ingress.tls");
	size_t count = rules_sequence_count(tls);

	for (size_t i = 0; i < count; i++) {
		const struct node *secret = tls_secret_name(tls, i);

		if (tree_scalar_equals(secret, name))
			return secret;
	}
	return NULL;
}

/*
 * Report the shared name at the ingress whose name differs from the runbook
 * convention (BH026's names), with that ingress's conventional name as the
 * fix.  When both differ, BinderHub's is the one to rename.
 */
void check_BH024(const struct rule_context *ctx)
{
	static const char path[] = "binderhub-service.ingress.tls";
	static const char jupyterhub_path[] = "jupyterhub.ingress.tls";
	const struct node *tls = check_get(ctx, path);
	size_t count = rules_sequence_count(tls);

	for (size_t i = 0; i < count; i++) {
		const struct node *secret = tls_secret_name(tls, i);
		const char *name = check_text(secret);
		const struct node *jupyterhub_secret;

		if (!check_is_set(secret) || check_is_encrypted(secret))
			continue;
		jupyterhub_secret = jupyterhub_secret_named(ctx, name);
		if (!jupyterhub_secret)
			continue;
		if (strcmp(name, BINDERHUB_TLS_SECRET) == 0)
			check_report(ctx, RULE_BH024, jupyterhub_secret, jupyterhub_path,
				     "%s uses secretName '%s', which %s uses too; rename it to '%s'",
				     jupyterhub_path, name, path, JUPYTERHUB_TLS_SECRET);
		else
			check_report(ctx, RULE_BH024, secret, path,
				     "%s uses secretName '%s', which %s uses too; rename it to '%s'",
				     path, name, jupyterhub_path, BINDERHUB_TLS_SECRET);
	}
}

void check_BH025(const struct rule_context *ctx)
{
	static const char path[] = "binderhub-service.ingress.hosts";
	const struct node *hosts = check_get(ctx, path);
	const struct node *jupyterhub_hosts = check_get(ctx, "jupyterhub.ingress.hosts");
	size_t count = rules_sequence_count(hosts);

	for (size_t i = 0; i < count; i++) {
		const struct node *host = rules_sequence_item(hosts, i);
		const char *text = check_text(host);

		if (!text || check_is_encrypted(host) || !hosts_contain(jupyterhub_hosts, text))
			continue;
		check_report(ctx, RULE_BH025, host, path,
			     "host '%s' is in both binderhub-service.ingress.hosts and "
			     "jupyterhub.ingress.hosts; give BinderHub a domain of its own",
			     text);
	}
}

static void check_secret_names(const struct rule_context *ctx, const char *ingress,
			       const char *expected)
{
	char path[PATH_SIZE];
	const struct node *tls = ingress_get(ctx, ingress, "tls", path, sizeof(path));
	size_t count = rules_sequence_count(tls);

	for (size_t i = 0; i < count; i++) {
		const struct node *secret = tls_secret_name(tls, i);
		const char *name = check_text(secret);

		if (!check_is_set(secret) || check_is_encrypted(secret) || strcmp(name, expected) == 0)
			continue;
		check_report(ctx, RULE_BH026, secret, path,
			     "%s uses secretName '%s'; the runbook names it '%s'", path, name,
			     expected);
	}
}

void check_BH026(const struct rule_context *ctx)
{
	check_secret_names(ctx, jupyterhub_ingress, JUPYTERHUB_TLS_SECRET);
	check_secret_names(ctx, binderhub_ingress, BINDERHUB_TLS_SECRET);
}

/* ---- BH027, BH028: cluster.yaml's domain ----------------------------------------- */

/*
 * Report that cluster.yaml's domain is the BinderHub domain.  The line to
 * change is the hub's domain in cluster.yaml, because adding that domain to
 * jupyterhub.ingress.hosts would give both ingresses one host (BH025).
 */
static void report_cluster_domain_is_binderhub(const struct rule_context *ctx, enum rule_id rule,
					       const struct node *hosts, const char *path)
{
	const char *domain = ctx->cluster_domain;
	const char *effect = rule == RULE_BH028 ?
				     "; without login no OAuth callback uses it, so this is harmless, "
				     "but the deployer's health check tests the BinderHub domain "
				     "instead of JupyterHub's" :
				     ", so the deployer builds the login callback on BinderHub's host";
	const char *jupyterhub_host = check_text(rules_sequence_item(hosts, 0));
	char target[RULES_QUOTED_SIZE + 64];

	if (jupyterhub_host && !check_is_encrypted(rules_sequence_item(hosts, 0)) &&
	    strcmp(jupyterhub_host, domain) != 0)
		snprintf(target, sizeof(target), "the JupyterHub domain '%s'", jupyterhub_host);
	else
		snprintf(target, sizeof(target), "the JupyterHub domain");
	if (check_is_absent(hosts))
		check_report_missing(ctx, rule, path,
				     "the hub's domain in cluster.yaml, '%s', is the BinderHub "
				     "domain%s; change that domain in cluster.yaml to %s and set %s "
				     "to it, not to '%s'",
				     domain, effect, target, path, domain);
	else
		check_report(ctx, rule, hosts, path,
			     "the hub's domain in cluster.yaml, '%s', is the BinderHub domain%s; "
			     "change that domain in cluster.yaml to %s, and leave %s as it is",
			     domain, effect, target, path);
}

static void require_cluster_domain_is_jupyterhub(const struct rule_context *ctx,
						 enum rule_id rule)
{
	static const char path[] = "jupyterhub.ingress.hosts";
	const struct node *hosts = check_get(ctx, path);
	const char *domain = ctx->cluster_domain;

	if (!domain || hosts_contain(hosts, domain))
		return;
	if (hosts_contain(check_get(ctx, "binderhub-service.ingress.hosts"), domain)) {
		report_cluster_domain_is_binderhub(ctx, rule, hosts, path);
		return;
	}
	if (check_is_absent(hosts)) {
		check_report_missing(ctx, rule, path,
				     "the hub's domain in cluster.yaml, '%s', is not in %s, which "
				     "is not set; add it there",
				     domain, path);
		return;
	}
	check_report(ctx, rule, hosts, path,
		     "the hub's domain in cluster.yaml, '%s', is not in %s; set one of them to "
		     "the JupyterHub domain",
		     domain, path);
}

void check_BH027(const struct rule_context *ctx)
{
	require_cluster_domain_is_jupyterhub(ctx, RULE_BH027);
}

void check_BH028(const struct rule_context *ctx)
{
	require_cluster_domain_is_jupyterhub(ctx, RULE_BH028);
}
