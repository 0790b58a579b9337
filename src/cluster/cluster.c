/*
 * cluster.yaml through libcyaml.
 *
 * The file is parsed twice.  The project's own loader runs first: it reports
 * YAML syntax errors, duplicate keys and extra documents at their exact
 * line and column (libcyaml names libyaml's problem but not its position),
 * and its tree gives the positions stored in struct cluster.  libcyaml then
 * maps the file onto the schema below.  Its error log is captured and
 * rewritten as one message with a key path such as hubs[1].domain.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cyaml/cyaml.h>

#include "cluster.h"
#include "load.h"

/* The shape libcyaml fills in.  It is copied into struct cluster and freed
 * right away, so callers never depend on libcyaml's allocator. */
struct raw_hub {
	char *name;
	char *domain;
	char *helm_chart;
	char **helm_chart_values_files;
	unsigned helm_chart_values_files_count;
};

struct raw_cluster {
	char *name;
	char *provider;
	struct raw_hub *hubs;
	unsigned hubs_count;
};

/* Strings may be empty or null for libcyaml; validate_raw() then names the
 * key, which reads better than libcyaml's "string length < 1". */
#define STRING_FLAGS CYAML_FLAG_POINTER_NULL_STR

static const cyaml_schema_value_t values_file_schema = {
	CYAML_VALUE_STRING(STRING_FLAGS, char, 0, CYAML_UNLIMITED),
};

static const cyaml_schema_field_t hub_fields[] = {
	CYAML_FIELD_STRING_PTR("name", STRING_FLAGS, struct raw_hub, name, 0, CYAML_UNLIMITED),
	CYAML_FIELD_STRING_PTR("domain", STRING_FLAGS, struct raw_hub, domain, 0, CYAML_UNLIMITED),
	CYAML_FIELD_STRING_PTR("helm_chart", STRING_FLAGS, struct raw_hub, helm_chart, 0,
			       CYAML_UNLIMITED),
	CYAML_FIELD_SEQUENCE("helm_chart_values_files", CYAML_FLAG_POINTER, struct raw_hub,
			     helm_chart_values_files, &values_file_schema, 0, CYAML_UNLIMITED),
	CYAML_FIELD_END,
};

static const cyaml_schema_value_t hub_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_hub, hub_fields),
};

static const cyaml_schema_field_t cluster_fields[] = {
	CYAML_FIELD_STRING_PTR("name", STRING_FLAGS, struct raw_cluster, name, 0, CYAML_UNLIMITED),
	CYAML_FIELD_STRING_PTR("provider", STRING_FLAGS, struct raw_cluster, provider, 0,
			       CYAML_UNLIMITED),
	CYAML_FIELD_SEQUENCE("hubs", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct raw_cluster,
			     hubs, &hub_schema, 0, CYAML_UNLIMITED),
	CYAML_FIELD_END,
};

static const cyaml_schema_value_t cluster_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct raw_cluster, cluster_fields),
};

/* ---- libcyaml's log ---------------------------------------------------- */

/* libcyaml logs an error as one line "Load: <problem>", then "Load:
 * Backtrace:" and one line per open mapping field or sequence entry,
 * innermost first.  Our schema is four levels deep, so 16 lines leave
 * room to spare; later lines are dropped. */
#define LOG_MAX_LINES 16
#define LOG_LINE_SIZE 256

struct log_capture {
	char lines[LOG_MAX_LINES][LOG_LINE_SIZE];
	size_t count;
};

static void capture_log(cyaml_log_t level, void *context, const char *format, va_list args)
{
	struct log_capture *capture = context;
	char *line;
	size_t length;

	if (level < CYAML_LOG_ERROR || capture->count == LOG_MAX_LINES)
		return;
	line = capture->lines[capture->count++];
	vsnprintf(line, LOG_LINE_SIZE, format, args);
	length = strlen(line);
	while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
		line[--length] = '\0';
}

/* One backtrace line: a mapping field, a sequence entry or a bare mapping. */
struct frame {
	bool entry;
	char key[64];      /* field name; empty for an entry or a bare mapping */
	uint32_t number;   /* libcyaml's entry number, 1 for the first entry */
	size_t line;
	size_t column;
};

static bool parse_frame(const char *line, struct frame *frame)
{
	memset(frame, 0, sizeof(*frame));
	if (sscanf(line, " in mapping field '%63[^']' (line: %zu, column: %zu)", frame->key,
		   &frame->line, &frame->column) == 3)
		return true;
	if (sscanf(line, " in sequence entry '%" SCNu32 "' (line: %zu, column: %zu)",
		   &frame->number, &frame->line, &frame->column) == 3) {
		frame->entry = true;
		return true;
	}
	return sscanf(line, " in mapping (line: %zu, column: %zu)", &frame->line,
		      &frame->column) == 2;
}

/* libcyaml's event names, in the words of the YAML a user wrote. */
static const char *describe_event(const char *event)
{
	if (strncmp(event, "MAPPING", 7) == 0)
		return "a mapping";
	if (strncmp(event, "SEQUENCE", 8) == 0)
		return "a list";
	if (strncmp(event, "SCALAR", 6) == 0)
		return "a single value";
	if (strncmp(event, "ALIAS", 5) == 0)
		return "an alias";
	return event;
}

static const char *describe_type(const char *type)
{
	if (strcmp(type, "MAPPING") == 0)
		return "a mapping";
	if (strcmp(type, "SEQUENCE") == 0)
		return "a list";
	if (strcmp(type, "STRING") == 0)
		return "a string";
	return type;
}

static const char *type_hint(const char *type)
{
	if (strcmp(type, "MAPPING") == 0)
		return "write it as 'key: value' lines";
	if (strcmp(type, "SEQUENCE") == 0)
		return "write it as a list, one '- item' line per entry";
	return "write a single value";
}

/* Append "key" / ".key" / "[index]" for frames[from] down to frames[0]. */
static void format_key_path(const struct frame *frames, size_t from, char *buffer, size_t size)
{
	size_t used = 0;

	buffer[0] = '\0';
	for (size_t i = from; i-- > 0;) {
		const struct frame *frame = &frames[i];
		int written;

		if (frame->entry)
			/* libcyaml counts an entry as soon as it starts reading it. */
			written = snprintf(buffer + used, size - used, "[%" PRIu32 "]",
					   frame->number > 0 ? frame->number - 1 : 0);
		else if (frame->key[0])
			written = snprintf(buffer + used, size - used, "%s%s", used ? "." : "",
					   frame->key);
		else
			continue;
		if (written < 0 || (size_t)written >= size - used)
			return;
		used += (size_t)written;
	}
}

static void drop_innermost_field(struct frame *frames, size_t *count)
{
	if (*count == 0 || frames[0].entry)
		return;
	memmove(frames, frames + 1, (*count - 1) * sizeof(frames[0]));
	(*count)--;
}

/* Turn the captured log of a failed load into error. */
static void format_cyaml_error(const char *path, cyaml_err_t status,
			       const struct log_capture *capture, char *error, size_t size)
{
	struct frame frames[LOG_MAX_LINES];
	size_t frame_count = 0;
	const char *problem = NULL;
	char key_path[256];
	char what[384];
	char place[64] = "";
	const char *hint;
	char argument[128];
	char type[32], event[32];

	for (size_t i = 0; i < capture->count; i++) {
		const char *line = capture->lines[i];

		if (parse_frame(line, &frames[frame_count]))
			frame_count++;
		else if (!problem && strncmp(line, "Load: ", 6) == 0 &&
			 strcmp(line, "Load: Backtrace:") != 0)
			problem = line + 6;
	}
	if (!problem) {
		snprintf(error, size, "%s: cannot load the file: %s; check that it is a cluster.yaml",
			 path, cyaml_strerror(status));
		return;
	}

	if (sscanf(problem, "Missing required mapping field: %127s", argument) == 1) {
		/* The innermost field is the last key libcyaml read in the mapping
		 * that lacks the key, not the missing key itself. */
		drop_innermost_field(frames, &frame_count);
		format_key_path(frames, frame_count, key_path, sizeof(key_path));
		snprintf(what, sizeof(what), "missing key '%s'", argument);
		hint = key_path[0] ? "add it to that entry" : "add it at the top level";
	} else if (sscanf(problem, "Expecting %31[A-Z_], got event: %31[A-Z_]", type, event) == 2) {
		format_key_path(frames, frame_count, key_path, sizeof(key_path));
		snprintf(what, sizeof(what), "expected %s, found %s", describe_type(type),
			 describe_event(event));
		hint = type_hint(type);
	} else {
		/* Not seen with this schema: the loader reports duplicate keys and
		 * syntax errors before libcyaml runs. */
		format_key_path(frames, frame_count, key_path, sizeof(key_path));
		snprintf(what, sizeof(what), "%s", problem);
		if (what[0] >= 'A' && what[0] <= 'Z')
			what[0] = (char)(what[0] - 'A' + 'a');
		hint = "check the file against another cluster.yaml";
	}

	if (frame_count > 0)
		snprintf(place, sizeof(place), ":%zu:%zu", frames[0].line, frames[0].column);
	snprintf(error, size, "%s%s: %s%s%s; %s", path, place, key_path, key_path[0] ? ": " : "",
		 what, hint);
}

/* ---- positions from the project's own tree ----------------------------- */

static struct mark no_mark(const char *path)
{
	struct mark mark = {.file = path, .line = 0, .column = 0};

	return mark;
}

static struct mark node_mark(const struct node *node, const char *path)
{
	struct mark mark = no_mark(path);

	if (node) {
		mark.line = node->mark.line;
		mark.column = node->mark.column;
	}
	return mark;
}

/* The value written for key in mapping, or the key itself when nothing is
 * written after the colon (libyaml then places the empty value oddly). */
static const struct node *value_node(const struct node *mapping, const char *key)
{
	const struct pair *pair = mapping ? tree_mapping_find(mapping, key) : NULL;

	if (!pair)
		return NULL;
	if (pair->value && !(pair->value->kind == NODE_SCALAR &&
			     pair->value->as.scalar.style == SCALAR_PLAIN &&
			     pair->value->as.scalar.length == 0))
		return pair->value;
	return pair->key;
}

static const struct node *hub_node(const struct tree_doc *doc, size_t index)
{
	const struct node *hubs = doc->root ? tree_mapping_get(doc->root, "hubs") : NULL;

	if (!hubs || hubs->kind != NODE_SEQUENCE || index >= hubs->as.sequence.count)
		return NULL;
	return tree_resolve(hubs->as.sequence.items[index]);
}

static const struct node *values_file_node(const struct node *hub, size_t index)
{
	const struct node *files = hub ? tree_mapping_get(hub, "helm_chart_values_files") : NULL;

	if (!files || files->kind != NODE_SEQUENCE || index >= files->as.sequence.count)
		return NULL;
	return files->as.sequence.items[index];
}

static void format_at(char *error, size_t size, struct mark mark, const char *format, ...)
	__attribute__((format(printf, 4, 5)));

/* error = "PATH[:LINE:COLUMN]: " followed by the formatted text. */
static void format_at(char *error, size_t size, struct mark mark, const char *format, ...)
{
	va_list args;
	int used;

	if (mark.line)
		used = snprintf(error, size, "%s:%zu:%zu: ", mark.file, mark.line, mark.column);
	else
		used = snprintf(error, size, "%s: ", mark.file);
	if (used < 0 || (size_t)used >= size)
		return;
	va_start(args, format);
	vsnprintf(error + used, size - (size_t)used, format, args);
	va_end(args);
}

/* ---- validation and copying -------------------------------------------- */

static bool is_missing(const char *text)
{
	return text == NULL || text[0] == '\0';
}

/* Check what the schema cannot express.  Returns 0 or -1 with error set. */
static int validate_raw(const struct raw_cluster *raw, const struct tree_doc *doc,
			const char *path, char *error, size_t size)
{
	if (is_missing(raw->name)) {
		format_at(error, size, node_mark(value_node(doc->root, "name"), path),
			  "name: missing value (empty or null); set it to the cluster's name");
		return -1;
	}
	if (is_missing(raw->provider)) {
		format_at(error, size, node_mark(value_node(doc->root, "provider"), path),
			  "provider: missing value (empty or null); set it to gcp, aws, azure or "
			  "kubeconfig");
		return -1;
	}
	for (unsigned i = 0; i < raw->hubs_count; i++) {
		const struct raw_hub *hub = &raw->hubs[i];
		const struct node *node = hub_node(doc, i);

		if (is_missing(hub->name)) {
			format_at(error, size, node_mark(value_node(node, "name"), path),
				  "hubs[%u].name: missing value (empty or null); set it to the hub's "
				  "name, which is also its namespace",
				  i);
			return -1;
		}
		if (is_missing(hub->domain)) {
			format_at(error, size, node_mark(value_node(node, "domain"), path),
				  "hubs[%u].domain: missing value (empty or null) for hub '%s'; set it "
				  "to the domain JupyterHub is served at",
				  i, hub->name);
			return -1;
		}
		if (is_missing(hub->helm_chart) || (strcmp(hub->helm_chart, "basehub") != 0 &&
						    strcmp(hub->helm_chart, "daskhub") != 0)) {
			format_at(error, size, node_mark(value_node(node, "helm_chart"), path),
				  "hubs[%u].helm_chart: invalid chart '%s' for hub '%s'; use basehub "
				  "or daskhub",
				  i, hub->helm_chart ? hub->helm_chart : "", hub->name);
			return -1;
		}
		for (unsigned j = 0; j < hub->helm_chart_values_files_count; j++) {
			if (!is_missing(hub->helm_chart_values_files[j]))
				continue;
			format_at(error, size, node_mark(values_file_node(node, j), path),
				  "hubs[%u].helm_chart_values_files[%u]: missing file name (empty or "
				  "null) for hub '%s'; name a values file or remove the entry",
				  i, j, hub->name);
			return -1;
		}
		for (unsigned j = 0; j < i; j++) {
			if (strcmp(raw->hubs[j].name, hub->name) != 0)
				continue;
			format_at(error, size, node_mark(value_node(node, "name"), path),
				  "hubs[%u].name: duplicate hub name '%s', also used by hubs[%u]; give "
				  "each hub its own name",
				  i, hub->name, j);
			return -1;
		}
	}
	return 0;
}

static void *allocate(size_t count, size_t size)
{
	void *memory = calloc(count ? count : 1, size);

	if (!memory) {
		fputs("binderhub-gen: error: out of memory\n", stderr);
		abort();
	}
	return memory;
}

static char *copy_text(const char *text)
{
	size_t length = strlen(text) + 1;
	char *copy = allocate(length, 1);

	memcpy(copy, text, length);
	return copy;
}

static struct cluster *copy_raw(const struct raw_cluster *raw, const struct tree_doc *doc,
				const char *path)
{
	struct cluster *cluster = allocate(1, sizeof(*cluster));

	cluster->path = copy_text(path);
	cluster->name = copy_text(raw->name);
	cluster->provider = copy_text(raw->provider);
	cluster->hub_count = raw->hubs_count;
	cluster->hubs = allocate(raw->hubs_count, sizeof(*cluster->hubs));
	for (unsigned i = 0; i < raw->hubs_count; i++) {
		const struct raw_hub *from = &raw->hubs[i];
		struct cluster_hub *hub = &cluster->hubs[i];
		const struct node *node = hub_node(doc, i);

		hub->name = copy_text(from->name);
		hub->domain = copy_text(from->domain);
		hub->chart = strcmp(from->helm_chart, "daskhub") == 0 ? CLUSTER_CHART_DASKHUB
								      : CLUSTER_CHART_BASEHUB;
		hub->mark = node_mark(node, cluster->path);
		hub->domain_mark = node_mark(value_node(node, "domain"), cluster->path);
		hub->values_file_count = from->helm_chart_values_files_count;
		hub->values_files = allocate(hub->values_file_count, sizeof(char *));
		hub->values_file_marks = allocate(hub->values_file_count, sizeof(struct mark));
		for (size_t j = 0; j < hub->values_file_count; j++) {
			hub->values_files[j] = copy_text(from->helm_chart_values_files[j]);
			hub->values_file_marks[j] =
				node_mark(values_file_node(node, j), cluster->path);
		}
	}
	return cluster;
}

/* ---- public functions --------------------------------------------------- */

static const char *load_hint(enum load_status status)
{
	switch (status) {
	case LOAD_ERR_SYNTAX:
		return "fix the YAML syntax there";
	case LOAD_ERR_STRUCTURE:
		return "a cluster.yaml is one YAML document with unique keys, and every alias "
		       "needs an anchor defined before it";
	case LOAD_ERR_LIMIT:
		return "a cluster.yaml is far smaller and flatter";
	case LOAD_ERR_IO:
	case LOAD_OK:
	default:
		return "check the path";
	}
}

int cluster_parse(const char *text, size_t length, const char *name, struct cluster **out,
		  char *error, size_t size)
{
	struct load_options options = {.reject_duplicates = true};
	struct load_error load_error;
	struct tree_doc *doc = NULL;
	struct log_capture capture = {.count = 0};
	cyaml_config_t config = {
		.log_fn = capture_log,
		.log_ctx = &capture,
		.mem_fn = cyaml_mem,
		.log_level = CYAML_LOG_ERROR,
		.flags = CYAML_CFG_IGNORE_UNKNOWN_KEYS,
	};
	struct raw_cluster *raw = NULL;
	cyaml_err_t status;
	int result = -1;

	if (load_buffer(text, length, name, &options, &doc, &load_error) != LOAD_OK) {
		char where[768];
		char *semicolon;

		/* The loader's own advice is written for values files. */
		semicolon = strstr(load_error.message, "; ");
		if (semicolon)
			*semicolon = '\0';
		load_error_format(&load_error, where, sizeof(where));
		snprintf(error, size, "%s; %s", where, load_hint(load_error.status));
		return -1;
	}
	if (!doc->root) {
		snprintf(error, size,
			 "%s: empty file; a cluster.yaml needs at least 'name' and 'provider'", name);
		goto done;
	}

	status = cyaml_load_data((const uint8_t *)text, length, &config, &cluster_schema,
				 (cyaml_data_t **)&raw, NULL);
	if (status != CYAML_OK) {
		format_cyaml_error(name, status, &capture, error, size);
		goto done;
	}
	if (!raw) {
		snprintf(error, size,
			 "%s: empty file; a cluster.yaml needs at least 'name' and 'provider'", name);
		goto done;
	}
	if (validate_raw(raw, doc, name, error, size) == 0) {
		*out = copy_raw(raw, doc, name);
		result = 0;
	}
	cyaml_free(&config, &cluster_schema, raw, 0);
done:
	tree_doc_free(doc);
	return result;
}

int cluster_load(const char *path, struct cluster **out, char *error, size_t size)
{
	FILE *file = fopen(path, "rb");
	char *text = NULL;
	size_t length = 0, capacity = 0;
	int result;

	if (!file) {
		snprintf(error, size, "cannot open '%s': %s; check the path of the cluster.yaml",
			 path, strerror(errno));
		return -1;
	}
	for (;;) {
		size_t got;

		if (length == capacity) {
			if (capacity >= LOAD_DEFAULT_MAX_BYTES) {
				snprintf(error, size,
					 "%s: file is larger than %zu bytes; a cluster.yaml is far "
					 "smaller, check the path",
					 path, (size_t)LOAD_DEFAULT_MAX_BYTES);
				free(text);
				fclose(file);
				return -1;
			}
			capacity = capacity ? capacity * 2 : 8192;
			text = realloc(text, capacity);
			if (!text) {
				fputs("binderhub-gen: error: out of memory\n", stderr);
				abort();
			}
		}
		got = fread(text + length, 1, capacity - length, file);
		length += got;
		if (got == 0)
			break;
	}
	if (ferror(file)) {
		snprintf(error, size, "cannot read '%s': %s; check the path of the cluster.yaml",
			 path, strerror(errno));
		free(text);
		fclose(file);
		return -1;
	}
	fclose(file);
	result = cluster_parse(text ? text : "", length, path, out, error, size);
	free(text);
	return result;
}

void cluster_free(struct cluster *cluster)
{
	if (!cluster)
		return;
	for (size_t i = 0; i < cluster->hub_count; i++) {
		struct cluster_hub *hub = &cluster->hubs[i];

		free(hub->name);
		free(hub->domain);
		cluster_free_paths(hub->values_files, hub->values_file_count);
		free(hub->values_file_marks);
	}
	free(cluster->hubs);
	free(cluster->path);
	free(cluster->name);
	free(cluster->provider);
	free(cluster);
}

const struct cluster_hub *cluster_find_hub(const struct cluster *cluster, const char *name)
{
	for (size_t i = 0; i < cluster->hub_count; i++)
		if (strcmp(cluster->hubs[i].name, name) == 0)
			return &cluster->hubs[i];
	return NULL;
}

void cluster_format_hub_names(const struct cluster *cluster, char *buffer, size_t size)
{
	static const char more[] = ", ...";
	size_t used = 0;

	if (size == 0)
		return;
	buffer[0] = '\0';
	if (cluster->hub_count == 0) {
		snprintf(buffer, size, "(none)");
		return;
	}
	for (size_t i = 0; i < cluster->hub_count; i++) {
		const char *separator = i ? ", " : "";
		size_t needed = strlen(separator) + strlen(cluster->hubs[i].name);
		/* Room for ", ..." must stay unless this is the last name. */
		size_t reserve = i + 1 < cluster->hub_count ? sizeof(more) - 1 : 0;

		if (used + needed + reserve + 1 > size) {
			if (used + sizeof(more) <= size)
				memcpy(buffer + used, more, sizeof(more));
			return;
		}
		used += (size_t)snprintf(buffer + used, size - used, "%s%s", separator,
					 cluster->hubs[i].name);
	}
}

/* Length of the folder part of path, without the final '/'; 0 for none. */
static size_t folder_length(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return 0;
	if (slash == path)
		return 1; /* the root folder "/" */
	return (size_t)(slash - path);
}

static char *join_path(const char *folder, size_t folder_size, const char *name)
{
	size_t name_length = strlen(name);
	bool need_slash = folder_size > 0 && folder[folder_size - 1] != '/';
	char *joined;

	if (name[0] == '/' || folder_size == 0)
		return copy_text(name);
	joined = allocate(folder_size + need_slash + name_length + 1, 1);
	memcpy(joined, folder, folder_size);
	if (need_slash)
		joined[folder_size] = '/';
	memcpy(joined + folder_size + need_slash, name, name_length + 1);
	return joined;
}

int cluster_resolve_files(const struct cluster *cluster, const struct cluster_hub *hub,
			  char ***paths_out, size_t *count_out, char *error, size_t size)
{
	size_t folder_size = folder_length(cluster->path);
	char **paths = allocate(hub->values_file_count, sizeof(char *));

	for (size_t i = 0; i < hub->values_file_count; i++) {
		struct stat info;
		int stat_result;

		paths[i] = join_path(cluster->path, folder_size, hub->values_files[i]);
		stat_result = stat(paths[i], &info);
		if (stat_result == 0 && S_ISREG(info.st_mode))
			continue;

		if (stat_result == 0)
			format_at(error, size, hub->values_file_marks[i],
				  "hub '%s': values file '%s' is not a regular file ('%s'); list a "
				  "values file in helm_chart_values_files",
				  hub->name, hub->values_files[i], paths[i]);
		else if (errno == ENOENT || errno == ENOTDIR)
			format_at(error, size, hub->values_file_marks[i],
				  "hub '%s': values file '%s' not found at '%s'; correct its name in "
				  "helm_chart_values_files or create the file",
				  hub->name, hub->values_files[i], paths[i]);
		else
			format_at(error, size, hub->values_file_marks[i],
				  "hub '%s': cannot read values file '%s' at '%s': %s; check that "
				  "path and its permissions",
				  hub->name, hub->values_files[i], paths[i], strerror(errno));
		cluster_free_paths(paths, i + 1);
		return -1;
	}
	*paths_out = paths;
	*count_out = hub->values_file_count;
	return 0;
}

void cluster_free_paths(char **paths, size_t count)
{
	if (!paths)
		return;
	for (size_t i = 0; i < count; i++)
		free(paths[i]);
	free(paths);
}
