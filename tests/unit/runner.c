/* Unit-test runner: runs every registered test (or those whose name contains
 * argv[1]) in its own child process and prints one "PASS: name" or
 * "FAIL: name" line each, then "N passed, N failed". Exit status 1 on any
 * failure. */
#include "tests/unit/test.h"

#include <stdarg.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>

typedef struct Test {
    const char *file, *name;
    TestFn fn;
} Test;

static Test *tests;
static size_t ntests, captests;
static char *tmpdir;

void test_register(const char *file, const char *name, TestFn fn)
{
    if (ntests == captests) {
        captests = captests ? captests * 2 : 64;
        tests = realloc(tests, captests * sizeof(Test));
        if (!tests) {
            abort();
        }
    }
    tests[ntests++] = (Test){ file, name, fn };
}

void test_failed(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "  %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(NULL);
    _exit(1);
}

const char *test_tmpdir(void)
{
    if (!tmpdir) {
        tmpdir = g_dir_make_tmp("armlet-test-XXXXXX", NULL);
        if (!tmpdir) {
            abort();
        }
    }
    return tmpdir;
}

static const char *base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

int main(int argc, char **argv)
{
    const char *filter = argc > 1 ? argv[1] : NULL;
    const char *prefix = getenv("TEST_PREFIX") ? getenv("TEST_PREFIX") : "";
    int passed = 0, failed = 0;

    for (size_t i = 0; i < ntests; i++) {
        Test *t = &tests[i];
        char full[256];
        int status;
        pid_t pid;

        snprintf(full, sizeof full, "%s%.*s/%s", prefix,
                 (int)(strlen(base(t->file)) - 2), base(t->file), t->name);
        if (filter && !strstr(full, filter)) {
            continue;
        }
        fflush(NULL);
        pid = fork();
        if (pid == 0) {
            t->fn();
            if (tmpdir) {
                char *cmd = g_strdup_printf("rm -rf '%s'", tmpdir);
                if (system(cmd) != 0) {
                    fprintf(stderr, "  could not remove %s\n", tmpdir);
                }
            }
            fflush(NULL);
            _exit(0);
        }
        if (pid < 0 || waitpid(pid, &status, 0) < 0) {
            perror("fork");
            return 2;
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            printf("PASS: %s\n", full);
            passed++;
        } else {
            if (WIFSIGNALED(status)) {
                fprintf(stderr, "  killed by signal %d\n", WTERMSIG(status));
            }
            printf("FAIL: %s\n", full);
            failed++;
        }
        fflush(stdout);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
