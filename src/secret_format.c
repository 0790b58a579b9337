/* Shape checks of secrets; documented in include/secret_format.h. */
#include "secret_format.h"

#include <stdio.h>

#include "load.h"
#include "tree.h"

bool secret_is_service_account_key(const struct secret *secret, char *reason,
				   size_t reason_size)
{
	static const char *const required[] = {"client_email", "private_key"};
	struct tree_doc *doc = NULL;
	struct load_error err;
	bool valid = false;

	/* JSON is YAML, so the loader reads a key file as it is. */
	if (load_buffer(secret->data, secret->length, "key", NULL, &doc, &err) != LOAD_OK ||
	    !doc->root || doc->root->kind != NODE_MAPPING) {
		snprintf(reason, reason_size, "is not a JSON object");
		goto done;
	}
	if (!tree_scalar_equals(tree_mapping_get(doc->root, "type"), "service_account")) {
		snprintf(reason, reason_size, "has no 'type' of 'service_account'");
		goto done;
	}
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		const struct node *value = tree_mapping_get(doc->root, required[i]);

		if (!value || value->kind != NODE_SCALAR || value->as.scalar.length == 0) {
			snprintf(reason, reason_size, "has no '%s'", required[i]);
			goto done;
		}
	}
	valid = true;
done:
	tree_doc_free_wiped(doc);
	return valid;
}
