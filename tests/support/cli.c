/* Running a program under test; documented in cli.h. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int cli_timeout_seconds = CLI_DEFAULT_TIMEOUT_SECONDS;

struct cli_capture {
	char *data;
	size_t length;
	size_t capacity;
};

/* Reads what fd has now. Returns 1 at end of file, 0 otherwise, -1 on error. */
static int cli_capture_read(struct cli_capture *capture, int fd)
{
	ssize_t count;

	if (capture->capacity - capture->length < 4096) {
		size_t capacity = capture->capacity ? capture->capacity * 2 : 8192;
		char *data = realloc(capture->data, capacity);

		if (!data)
			return -1;
		capture->data = data;
		capture->capacity = capacity;
	}
	count = read(fd, capture->data + capture->length, capture->capacity - capture->length - 1);
	if (count < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -1;
	if (count == 0)
		return 1;
	capture->length += (size_t)count;
	return 0;
}

/* Hands the captured bytes over with a NUL after them, even when there were none. */
static char *cli_capture_finish(struct cli_capture *capture, size_t *length)
{
	char *data = capture->data ? capture->data : malloc(1);

	if (data)
		data[capture->length] = '\0';
	*length = capture->length;
	capture->data = NULL;
	return data;
}

static size_t cli_count(const char *const *list)
{
	size_t count = 0;

	while (list && list[count])
		count++;
	return count;
}

static bool cli_same_name(const char *entry, const char *other)
{
	size_t length = strcspn(entry, "=");

	return strncmp(entry, other, length) == 0 && other[length] == '=';
}

/* The defaults are static so that the returned array may point into them. */
static const char **cli_build_environment(const char *const *extra)
{
	static char path[4096];
	static char home[4096];
	const char *path_value = getenv("PATH");
	const char *home_value = getenv("HOME");
	const char *defaults[] = {path, home, "LANG=C", "NO_COLOR=1"};
	size_t default_count = sizeof(defaults) / sizeof(defaults[0]);
	size_t extra_count = cli_count(extra);
	const char **environment = calloc(default_count + extra_count + 1, sizeof(*environment));
	size_t used = 0;

	if (!environment)
		return NULL;
	snprintf(path, sizeof(path), "PATH=%s", path_value ? path_value : "/usr/bin:/bin");
	snprintf(home, sizeof(home), "HOME=%s", home_value ? home_value : "/");
	for (size_t i = 0; i < default_count; i++) {
		bool replaced = false;

		for (size_t j = 0; j < extra_count; j++)
			replaced = replaced || cli_same_name(defaults[i], extra[j]);
		if (!replaced)
			environment[used++] = defaults[i];
	}
	for (size_t j = 0; j < extra_count; j++)
		environment[used++] = extra[j];
	return environment;
}

static const char **cli_build_arguments(const char *program, const char *const *argv)
{
	size_t count = cli_count(argv);
	const char **arguments = calloc(count + 2, sizeof(*arguments));

	if (!arguments)
		return NULL;
	arguments[0] = program;
	for (size_t i = 0; i < count; i++)
		arguments[i + 1] = argv[i];
	return arguments;
}

static void cli_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Between fork and exec only async-signal-safe calls are allowed, so the
 * failure message is formatted before the fork. */
static void cli_exec_child(const char *program, const char **arguments, const char **environment,
			   const char *cwd, int input, int output, int error, const char *failure)
{
	struct sigaction default_action;

	/* The parent ignores SIGPIPE while it feeds standard input, and an
	 * ignored signal stays ignored across exec. */
	memset(&default_action, 0, sizeof(default_action));
	default_action.sa_handler = SIG_DFL;
	sigaction(SIGPIPE, &default_action, NULL);

	if (input < 0)
		input = open("/dev/null", O_RDONLY);
	if (input < 0 || dup2(input, STDIN_FILENO) < 0 || dup2(output, STDOUT_FILENO) < 0 ||
	    dup2(error, STDERR_FILENO) < 0 || (cwd && chdir(cwd) != 0)) {
		(void)!write(error, failure, strlen(failure));
		_exit(127);
	}
	execve(program, (char *const *)arguments, (char *const *)environment);
	(void)!write(STDERR_FILENO, failure, strlen(failure));
	_exit(127);
}

static int cli_make_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

static long long cli_now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Feeds stdin_text and drains both output pipes until the child closes
 * them, so neither side blocks on a full pipe. Returns 0, 1 on timeout or -1. */
static int cli_exchange(int *input, int *output, int *error, const char *stdin_text,
			struct cli_capture *out, struct cli_capture *err)
{
	size_t stdin_length = stdin_text ? strlen(stdin_text) : 0;
	size_t stdin_offset = 0;
	long long deadline = cli_now_ms() + (long long)cli_timeout_seconds * 1000;

	if (*input >= 0 && stdin_length == 0)
		cli_close(input);
	if (*input >= 0)
		fcntl(*input, F_SETFL, fcntl(*input, F_GETFL) | O_NONBLOCK);

	while (*output >= 0 || *error >= 0) {
		struct pollfd fds[3] = {{*output, POLLIN, 0}, {*error, POLLIN, 0}, {*input, POLLOUT, 0}};
		long long remaining = deadline - cli_now_ms();
		int ready;

		if (remaining <= 0)
			return 1;
		ready = poll(fds, 3, (int)remaining);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready < 0)
			return -1;

		if (fds[0].revents) {
			int status = cli_capture_read(out, *output);

			if (status < 0)
				return -1;
			if (status > 0)
				cli_close(output);
		}
		if (fds[1].revents) {
			int status = cli_capture_read(err, *error);

			if (status < 0)
				return -1;
			if (status > 0)
				cli_close(error);
		}
		if (fds[2].revents) {
			ssize_t written = write(*input, stdin_text + stdin_offset,
						stdin_length - stdin_offset);

			/* EPIPE means the child closed its standard input early,
			 * which is its right; the rest of the text is dropped. */
			if (written < 0 && errno != EINTR && errno != EAGAIN)
				cli_close(input);
			if (written > 0)
				stdin_offset += (size_t)written;
			if (stdin_offset == stdin_length)
				cli_close(input);
		}
	}
	return 0;
}

static int cli_wait(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int cli_run_program(const char *program, const char *const *argv, const char *stdin_text,
		    const char *const *env, const char *cwd, struct cli_result *result)
{
	const char **arguments = cli_build_arguments(program, argv);
	const char **environment = cli_build_environment(env);
	int input[2] = {-1, -1};
	int output[2] = {-1, -1};
	int error[2] = {-1, -1};
	struct cli_capture out = {NULL, 0, 0};
	struct cli_capture err = {NULL, 0, 0};
	struct sigaction ignore_action;
	struct sigaction old_action;
	char failure[1024];
	int exchange;
	pid_t pid;

	memset(result, 0, sizeof(*result));
	snprintf(failure, sizeof(failure), "cli_run: cannot run '%s' in '%s'\n", program,
		 cwd ? cwd : ".");
	if (!arguments || !environment || (stdin_text && cli_make_pipe(input) != 0) ||
	    cli_make_pipe(output) != 0 || cli_make_pipe(error) != 0) {
		fprintf(stderr, "cli_run: cannot prepare to run '%s': %s\n", program, strerror(errno));
		goto fail;
	}

	memset(&ignore_action, 0, sizeof(ignore_action));
	ignore_action.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ignore_action, &old_action);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "cli_run: cannot fork to run '%s': %s\n", program, strerror(errno));
		sigaction(SIGPIPE, &old_action, NULL);
		goto fail;
	}
	if (pid == 0)
		cli_exec_child(program, arguments, environment, cwd, input[0], output[1], error[1],
			       failure);

	cli_close(&input[0]);
	cli_close(&output[1]);
	cli_close(&error[1]);
	exchange = cli_exchange(&input[1], &output[0], &error[0], stdin_text, &out, &err);
	if (exchange < 0)
		fprintf(stderr, "cli_run: reading the output of '%s' failed: %s\n", program,
			strerror(errno));
	cli_close(&input[1]);
	cli_close(&output[0]);
	cli_close(&error[0]);
	if (exchange > 0)
		fprintf(stderr, "cli_run: '%s' timed out after %d s; killing it\n", program,
			cli_timeout_seconds);
	if (exchange != 0)
		kill(pid, SIGKILL);
	result->status = cli_wait(pid);
	sigaction(SIGPIPE, &old_action, NULL);
	if (result->status < 0)
		fprintf(stderr, "cli_run: waiting for '%s' failed: %s\n", program, strerror(errno));
	if (exchange < 0 || result->status < 0)
		goto fail;

	result->out = cli_capture_finish(&out, &result->out_length);
	result->err = cli_capture_finish(&err, &result->err_length);
	free(arguments);
	free(environment);
	if (!result->out || !result->err) {
		cli_result_release(result);
		return -1;
	}
	return 0;

fail:
	for (int i = 0; i < 2; i++) {
		cli_close(&input[i]);
		cli_close(&output[i]);
		cli_close(&error[i]);
	}
	free(out.data);
	free(err.data);
	free(arguments);
	free(environment);
	return -1;
}

int cli_run(const char *const *argv, const char *stdin_text, const char *const *env, const char *cwd,
	    struct cli_result *result)
{
	return cli_run_program(BHG_BINARY, argv, stdin_text, env, cwd, result);
}

void cli_result_release(struct cli_result *result)
{
	free(result->out);
	free(result->err);
	memset(result, 0, sizeof(*result));
}
