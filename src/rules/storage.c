/*
 * Storage rules for every binderhub-ui hub: no NFS server, no home volume,
 * and nothing left that mounts one (admin mounts, storage mounts, init
 * containers), plus the empty profile list that BinderHub launches need.
 *
 * z2jh accepts storage.extraVolumes and extraVolumeMounts as a list or as a
 * mapping whose values are the items (the keys only order them), and basehub
 * writes its defaults as mappings, so both forms are read here.
 */
#include "check.h"
#include "rules_util.h"

#include <stdio.h>
#include <string.h>

#define VALUE_SIZE 128
#define NAMES_SIZE 256
#define NAMES_SHOWN 3

static const char storage_type_path[] = "jupyterhub.singleuser.storage.type";
static const char volumes_path[] = "jupyterhub.singleuser.storage.extraVolumes";
static const char mounts_path[] = "jupyterhub.singleuser.storage.extraVolumeMounts";

/* ---- items of a list or of a z2jh mapping ---------------------------------- */

static size_t item_count(const struct node *node)
{
	node = tree_resolve(node);
	if (!node)
		return 0;
	if (node->kind == NODE_SEQUENCE)
		return node->as.sequence.count;
	if (node->kind == NODE_MAPPING)
		return node->as.mapping.count;
	return 0;
}

static const struct node *item_at(const struct node *node, size_t i)
{
	node = tree_resolve(node);
	if (node->kind == NODE_SEQUENCE)
		return tree_resolve(node->as.sequence.items[i]);
	return tree_resolve(node->as.mapping.pairs[i].value);
}

/* The item's name node, or NULL when the item has no scalar name. */
static const struct node *item_name(const struct node *item)
{
	const struct node *name = tree_mapping_get(item, "name");

	return check_text(name) && !tree_is_null(name) ? name : NULL;
}

/* Text naming item i: its name, the mapping key for an unnamed item of a
 * mapping, or "(unnamed)". */
static const char *item_label(const struct node *collection, size_t i)
{
	const struct node *name = item_name(item_at(collection, i));
	const char *text = name ? check_text(name) : NULL;

	if (!text && collection->kind == NODE_MAPPING)
		text = check_text(collection->as.mapping.pairs[i].key);
	return text ? text : "(unnamed)";
}

/* True when an item before item i has the same label, so that several
 * mounts of one volume (basehub's two admin mounts of 'home') are named once. */
static bool label_seen_before(const struct node *collection, size_t i)
{
	const char *label = item_label(collection, i);

	for (size_t j = 0; j < i; j++)
		if (strcmp(item_label(collection, j), label) == 0)
			return true;
	return false;
}

/* Write "'a', 'b', 'c' and 2 more" from the items' distinct labels
 * (item_label()) into buffer. */
static const char *item_names(const struct node *node, char *buffer, size_t size)
{
	const struct node *collection = tree_resolve(node);
	size_t count = item_count(collection);
	size_t shown = 0, hidden = 0, used = 0;

	buffer[0] = '\0';
	for (size_t i = 0; i < count; i++) {
		int written;

		if (label_seen_before(collection, i))
			continue;
		if (shown == NAMES_SHOWN) {
			hidden++;
			continue;
		}
		written = snprintf(buffer + used, size - used, "%s'%s'", shown ? ", " : "",
				   item_label(collection, i));
		if (written < 0 || (size_t)written >= size - used)
			return buffer;
		used += (size_t)written;
		shown++;
	}
	if (hidden)
		snprintf(buffer + used, size - used, " and %zu more", hidden);
	return buffer;
}

/* ---- volumes that a singleuser pod has -------------------------------------- */

/* The rules count a volume named home for every storage type except none. */
static bool has_home_volume(const struct rule_context *ctx)
{
	const struct node *type = check_get(ctx, storage_type_path);

	return check_is_encrypted(type) || !tree_scalar_equals(type, "none");
}

static bool volume_is_defined(const struct rule_context *ctx, const char *name)
{
	const struct node *volumes = check_get(ctx, volumes_path);
	size_t count = item_count(volumes);

	if (strcmp(name, "home") == 0 && has_home_volume(ctx))
		return true;
	for (size_t i = 0; i < count; i++) {
		const struct node *volume_name = item_name(item_at(volumes, i));

		if (volume_name && (check_is_encrypted(volume_name) ||
				    strcmp(check_text(volume_name), name) == 0))
			return true;
	}
	return false;
}

static const char *home_hint(const struct rule_context *ctx, const char *name)
{
	if (strcmp(name, "home") == 0 && !has_home_volume(ctx))
		return ", and storage.type 'none' creates no home volume";
	return "";
}

/* Report every mount of mounts whose volume no pod volume provides. */
static void check_mounts_resolve(const struct rule_context *ctx, enum rule_id rule,
				 const struct node *mounts, const char *path, const char *owner)
{
	size_t count = item_count(mounts);

	for (size_t i = 0; i < count; i++) {
		const struct node *name = item_name(item_at(mounts, i));
		const char *text = check_text(name);

		if (!name || check_is_encrypted(name) || volume_is_defined(ctx, text))
			continue;
		check_report(ctx, rule, name, path,
			     "%s mounts volume '%s', which storage.extraVolumes does not define%s; "
			     "delete the mount",
			     owner, text, home_hint(ctx, text));
	}
}

/* ---- rules -------------------------------------------------------------------- */

void check_BH010(const struct rule_context *ctx)
{
	static const char path[] = "jupyterhub-home-nfs.enabled";
	const struct node *node = check_get(ctx, path);
	char shown[RULES_QUOTED_SIZE];

	if (check_is_encrypted(node) || tree_is_false(node))
		return;
	if (check_is_absent(node)) {
		/* Charts from before 2025-12 have no NFS server to switch off. */
		if (ctx->have_defaults && !check_is_deleted(ctx, path))
			return;
		check_report_missing(ctx, RULE_BH010, path,
				     "%s is not set, and basehub deploys the NFS home server by "
				     "default; set it to false",
				     path);
		return;
	}
	check_report(ctx, RULE_BH010, node, path, "%s is %s%s; set it to false", path,
		     rules_display_quoted(node, shown, sizeof(shown)),
		     rules_default_suffix(ctx, node));
}

void check_BH011(const struct rule_context *ctx)
{
	static const char path[] = "jupyterhub.custom.singleuserAdmin.extraVolumeMounts";
	const struct node *node = check_get(ctx, path);
	const struct node *value = tree_resolve(node);
	char names[NAMES_SIZE];

	if (!check_is_set(node) || check_is_encrypted(node))
		return;
	if (value->kind == NODE_MAPPING)
		check_report(ctx, RULE_BH011, node, path,
			     "%s still mounts %s%s; write the key with no value to delete the "
			     "mounts, because an empty mapping {} keeps the chart's mounts",
			     path, item_names(node, names, sizeof(names)),
			     rules_default_suffix(ctx, node));
	else
		check_report(ctx, RULE_BH011, node, path,
			     "%s still mounts %s%s; write the key with no value to delete the "
			     "mounts",
			     path, item_names(node, names, sizeof(names)),
			     rules_default_suffix(ctx, node));
}

void check_BH012(const struct rule_context *ctx)
{
	const struct node *node = check_get(ctx, storage_type_path);
	char shown[RULES_QUOTED_SIZE];

	if (check_is_encrypted(node) || tree_scalar_equals(node, "none"))
		return;
	if (check_is_absent(node)) {
		check_report_missing(ctx, RULE_BH012, storage_type_path,
				     "missing %s; set it to 'none'", storage_type_path);
		return;
	}
	check_report(ctx, RULE_BH012, node, storage_type_path, "%s is %s%s; set it to 'none'",
		     storage_type_path, rules_display_quoted(node, shown, sizeof(shown)),
		     rules_default_suffix(ctx, node));
}

void check_BH013(const struct rule_context *ctx)
{
	check_mounts_resolve(ctx, RULE_BH013, check_get(ctx, mounts_path), mounts_path,
			     mounts_path);
}

void check_BH014(const struct rule_context *ctx)
{
	const struct node *mounts = check_get(ctx, mounts_path);
	const struct node *volumes = check_get(ctx, volumes_path);
	char mount_names[NAMES_SIZE];
	char volume_names[NAMES_SIZE];

	if (check_is_set(mounts) && check_is_set(volumes))
		check_report(ctx, RULE_BH014, mounts, mounts_path,
			     "%s keeps %s and storage.extraVolumes keeps %s; set both to null "
			     "unless these volumes work without home storage",
			     mounts_path, item_names(mounts, mount_names, sizeof(mount_names)),
			     item_names(volumes, volume_names, sizeof(volume_names)));
	else if (check_is_set(mounts))
		check_report(ctx, RULE_BH014, mounts, mounts_path,
			     "%s keeps %s; set it to null unless these mounts work without home "
			     "storage",
			     mounts_path, item_names(mounts, mount_names, sizeof(mount_names)));
	else if (check_is_set(volumes))
		check_report(ctx, RULE_BH014, volumes, volumes_path,
			     "%s keeps %s; set it to null unless these volumes work without home "
			     "storage",
			     volumes_path, item_names(volumes, volume_names, sizeof(volume_names)));
}

void check_BH015(const struct rule_context *ctx)
{
	static const char path[] = "jupyterhub.singleuser.initContainers";
	const struct node *containers = check_get(ctx, path);
	size_t count = item_count(containers);

	for (size_t i = 0; i < count; i++) {
		const struct node *container = item_at(containers, i);
		const struct node *name = item_name(container);
		char owner[VALUE_SIZE + 64];

		snprintf(owner, sizeof(owner), "init container '%s'",
			 name ? check_text(name) : "(unnamed)");
		check_mounts_resolve(ctx, RULE_BH015, tree_mapping_get(container, "volumeMounts"),
				     path, owner);
	}
}

void check_BH016(const struct rule_context *ctx)
{
	static const char path[] = "jupyterhub.singleuser.initContainers";
	const struct node *node = check_get(ctx, path);
	char names[NAMES_SIZE];

	if (!check_is_set(node) || check_is_encrypted(node))
		return;
	check_report(ctx, RULE_BH016, node, path, "%s still runs %s%s; set it to []", path,
		     item_names(node, names, sizeof(names)), rules_default_suffix(ctx, node));
}

void check_BH017(const struct rule_context *ctx)
{
	static const char path[] = "jupyterhub.singleuser.profileList";
	const struct node *node = check_get(ctx, path);

	if (!check_is_set(node) || check_is_encrypted(node))
		return;
	check_report(ctx, RULE_BH017, node, path,
		     "%s has %zu profile%s%s; set it to [] because BinderHub cannot launch "
		     "servers while a profile list is set",
		     path, item_count(node), item_count(node) == 1 ? "" : "s",
		     rules_default_suffix(ctx, node));
}
