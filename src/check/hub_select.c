/* The choice of binderhub-ui hubs for --all-hubs and --repo; documented in hub_run.h. */
#include "hub_run.h"

#include "check.h"

/* True when the value at path in the effective values is true or sops
 * ciphertext, which counts as any boolean. */
static bool is_on(const struct rule_context *ctx, const char *path)
{
	const struct node *value = check_get(ctx, path);

	return value && (tree_is_true(value) || check_is_encrypted(value));
}

bool hub_select_is_binderhub_ui(const struct effective *effective)
{
	struct rule_context ctx = {0};

	effective_fill_context(effective, &ctx);
	if (is_on(&ctx, "jupyterhub.custom.binderhubUI.enabled") ||
	    is_on(&ctx, "binderhub-service.enabled"))
		return true;
	for (size_t i = 0; i < ctx.layer_count; i++) {
		const struct layer *layer = &ctx.layers[i];

		if (!layer->emulated && layer->values &&
		    tree_get_path(layer->values, "jupyterhub.custom.binderhubUI"))
			return true;
	}
	return false;
}


void hub_select_print_skipped(FILE *out, const char *cluster_name, const char *hub_name)
{
	fprintf(out,
		"%s%sskipped hub %s: not a binderhub-ui hub (binderhub-service "
		"and binderhubUI are off)\n",
		cluster_name ? cluster_name : "", cluster_name ? ": " : "",
		hub_name);
}
