/* Checking a values file built in memory; documented in include/engine.h. */
#include "engine.h"

#include "effective.h"

/* Exported function, documented in include/engine.h */
int engine_check_document(const struct tree_doc *doc, const struct engine_hub *hub,
			  const char *namespace_name, struct findings *out)
{
	struct derive_options options = {.namespace_name = namespace_name};
	struct rule_context ctx = {0};
	struct effective effective;
	struct load_error err;
	struct tree_doc *copy;
	int status = 2;

	if (hub) {
		options.mode_given = hub->mode_known;
		options.mode = hub->mode;
		options.provider = hub->provider;
		options.registry = hub->registry;
	}
	effective_init(&effective, false);
	if (effective_load_builtin_defaults(&effective, &err) != LOAD_OK)
		goto done;

	/* Layering expands merge keys and drops sops metadata in place, and
	 * doc belongs to the caller. */
	copy = tree_doc_new(doc->file);
	/* Borrow the caller's name, which outlives this call, so that copied
	 * marks and findings keep pointing at it rather than into the copy. */
	copy->file = doc->file;
	copy->root = tree_copy(copy, doc->root);
	if (effective_add_layer(&effective, copy, &err) != LOAD_OK)
		goto done;
	/* Copied nodes keep marks that name doc->file, the caller's string;
	 * the layer is named by it too, so every finding's file outlives this call. */
	effective.layers[0].name = doc->file ? doc->file : "";
	if (effective_build(&effective, &err) != LOAD_OK)
		goto done;

	effective_fill_context(&effective, &ctx);
	derive_context(&ctx, &options, NULL);
	ctx.findings = out;
	engine_run(&ctx, engine_rule_table, NULL, NULL);
	status = engine_exit_status(out, false);
done:
	effective_release(&effective);
	return status;
}
