/* A small unit-test framework. Each TEST registers itself at start-up; the
 * runner (runner.c) forks one child per test, so a crash or a fatal() exit
 * in one test fails that test alone. CHECK macros stop the test at the first
 * failed check and print the file, line and what was expected. */
#ifndef TESTS_UNIT_TEST_H
#define TESTS_UNIT_TEST_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef void (*TestFn)(void);
void test_register(const char *file, const char *name, TestFn fn);
void test_failed(const char *file, int line, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));
/* A directory unique to the running test, removed afterwards. */
const char *test_tmpdir(void);

#define TEST(name)                                                          \
    static void test_##name(void);                                          \
    __attribute__((constructor)) static void test_register_##name(void)     \
    {                                                                       \
        test_register(__FILE__, #name, test_##name);                        \
    }                                                                       \
    static void test_##name(void)

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            test_failed(__FILE__, __LINE__, "CHECK(%s)", #cond);            \
        }                                                                   \
    } while (0)

#define CHECK_EQ(a, b)                                                      \
    do {                                                                    \
        uint64_t check_a_ = (uint64_t)(a), check_b_ = (uint64_t)(b);        \
        if (check_a_ != check_b_) {                                         \
            test_failed(__FILE__, __LINE__, "%s == %s: 0x%" PRIx64          \
                        " != 0x%" PRIx64, #a, #b, check_a_, check_b_);      \
        }                                                                   \
    } while (0)

#define CHECK_STREQ(a, b)                                                   \
    do {                                                                    \
        const char *check_a_ = (a), *check_b_ = (b);                        \
        if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {    \
            test_failed(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"",   \
                        #a, #b, check_a_ ? check_a_ : "(null)",             \
                        check_b_ ? check_b_ : "(null)");                    \
        }                                                                   \
    } while (0)

#endif
