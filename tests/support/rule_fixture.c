/* Single-rule test fixture; documented in rule_fixture.h. */
#include "rule_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "load.h"

static const char *first_host(const struct node *root, const char *path)
{
	const struct node *hosts = tree_get_path(root, path);

	if (!hosts || hosts->kind != NODE_SEQUENCE || hosts->as.sequence.count == 0)
		return NULL;
	return check_text(hosts->as.sequence.items[0]);
}

void rule_fixture_init(struct rule_fixture *fixture, const char *yaml, enum hub_mode mode)
{
	struct load_options options = {.keep_comments = true};
	struct load_error err;

	memset(fixture, 0, sizeof(*fixture));
	if (load_buffer(yaml, strlen(yaml), "values.yaml", &options, &fixture->doc, &err) != LOAD_OK)
		fail_msg("fixture YAML does not load: %s (line %zu)", err.message, err.mark.line);
	fixture->layer.name = "values.yaml";
	fixture->layer.doc = fixture->doc;
	fixture->layer.values = fixture->doc->root;
	fixture->layer.secret = false;
	fixture->ctx.values = fixture->doc->root;
	fixture->ctx.layers = &fixture->layer;
	fixture->ctx.layer_count = 1;
	fixture->ctx.mode = mode;
	fixture->ctx.jupyterhub_domain = first_host(fixture->doc->root, "jupyterhub.ingress.hosts");
	fixture->ctx.binderhub_domain =
		first_host(fixture->doc->root, "binderhub-service.ingress.hosts");
	fixture->ctx.findings = &fixture->findings;
}

size_t rule_fixture_run(struct rule_fixture *fixture, void (*check)(const struct rule_context *))
{
	size_t before = fixture->findings.count;

	check(&fixture->ctx);
	return fixture->findings.count - before;
}

const struct finding *rule_fixture_last(const struct rule_fixture *fixture)
{
	return fixture->findings.count ? &fixture->findings.items[fixture->findings.count - 1] : NULL;
}

void rule_fixture_release(struct rule_fixture *fixture)
{
	findings_release(&fixture->findings);
	tree_doc_free(fixture->doc);
}
