/* The command line: QEMU's size syntax and options_parse on valid
 * qemu-system-aarch64 style command lines. Error paths (exit 2 with one
 * line) are covered by tests/scripts/cli.sh. */
#include "tests/unit/test.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "emu/options.h"
#include "emu/virt.h"

#define KiB (1ull << 10)
#define MiB (1ull << 20)
#define GiB (1ull << 30)

static uint64_t size_of(const char *s, uint64_t unit)
{
    uint64_t v = 0xdeadbeef;

    if (!parse_size(s, unit, &v)) {
        test_failed(__FILE__, __LINE__, "parse_size(\"%s\") failed", s);
    }
    return v;
}

static bool size_ok(const char *s, uint64_t unit)
{
    uint64_t v;

    return parse_size(s, unit, &v);
}

TEST(size_suffixes)
{
    CHECK_EQ(size_of("64k", 1), 64 * KiB);
    CHECK_EQ(size_of("64K", 1), 64 * KiB);
    CHECK_EQ(size_of("512M", 1), 512 * MiB);
    CHECK_EQ(size_of("512m", 1), 512 * MiB);
    CHECK_EQ(size_of("1G", 1), GiB);
    CHECK_EQ(size_of("2T", 1), 2 * 1024 * GiB);
    CHECK_EQ(size_of("1P", 1), 1ull << 50);
    CHECK_EQ(size_of("1E", 1), 1ull << 60);
    CHECK_EQ(size_of("7B", MiB), 7);
    CHECK_EQ(size_of("0", 1), 0);
}

TEST(size_bare_number_uses_default_unit)
{
    CHECK_EQ(size_of("512", MiB), 512 * MiB);
    CHECK_EQ(size_of("512", 1), 512);
    CHECK_EQ(size_of("3", KiB), 3 * KiB);
    /* A suffix overrides the default unit. */
    CHECK_EQ(size_of("2G", MiB), 2 * GiB);
}

TEST(size_fractions_and_hex)
{
    CHECK_EQ(size_of("1.5G", 1), GiB + GiB / 2);
    CHECK_EQ(size_of("0.5k", 1), 512);
    CHECK_EQ(size_of(".5M", 1), 512 * KiB);
    CHECK_EQ(size_of("1.5", MiB), MiB + MiB / 2);   /* unit from the default */
    CHECK(!size_ok("1.5", 1));                       /* a fraction of a byte */
    CHECK(!size_ok("1.5B", 1));
    CHECK_EQ(size_of("0x1000", 1), 0x1000);
    CHECK_EQ(size_of("0X10", KiB), 16 * KiB);
    CHECK(!size_ok("0x10M", 1));                     /* QEMU: no suffix on hex */
    CHECK(!size_ok("0x1.8", 1));
    CHECK(!size_ok("0x", 1));
}

TEST(size_overflow)
{
    CHECK_EQ(size_of("18446744073709551615", 1), UINT64_MAX);
    CHECK(!size_ok("18446744073709551616", 1));
    CHECK(!size_ok("16E", 1));                       /* 2^64 */
    CHECK(!size_ok("17179869184G", 1));              /* 2^34 GiB = 2^64 */
    CHECK(!size_ok("17592186044416", MiB));          /* 2^44 MiB = 2^64 */
    CHECK(!size_ok("0x10000000000000000", 1));
    CHECK(!size_ok("0x100000000000", MiB));          /* 2^44 * 2^20 */
}

TEST(size_garbage)
{
    CHECK(!size_ok("", 1));
    CHECK(!size_ok("M", 1));
    CHECK(!size_ok("12Q", MiB));
    CHECK(!size_ok("-1", 1));
    CHECK(!size_ok("+1", 1));
    CHECK(!size_ok(" 1", 1));
    CHECK(!size_ok("1 ", 1));
    CHECK(!size_ok("1GG", 1));
    CHECK(!size_ok("512MB", 1));                     /* QEMU: one suffix letter */
    CHECK(!size_ok("1e3", 1));
    CHECK(!size_ok(".", 1));
    CHECK(!size_ok(NULL, 1));
}

/* ---- options_parse ------------------------------------------------------- */

/* Parse a NULL-terminated list of arguments (argv[0] added). */
#define PARSE(o, ...)                                                       \
    do {                                                                    \
        char *argv_[] = { (char *)"armlet", __VA_ARGS__, NULL };            \
        options_parse((o), (int)G_N_ELEMENTS(argv_) - 1, argv_);            \
    } while (0)

static char *make_file(const char *name)
{
    char *path = g_build_filename(test_tmpdir(), name, NULL);

    CHECK(g_file_set_contents(path, "x", 1, NULL));
    return path;
}

static const char *serial(const Options *o, guint i)
{
    return i < o->serials->len ? g_ptr_array_index(o->serials, i) : NULL;
}

TEST(defaults)
{
    Options o;
    char *argv[] = { (char *)"armlet", NULL };

    options_parse(&o, 1, argv);
    CHECK_STREQ(o.machine, "virt");
    CHECK_EQ(o.gic_version, 2);
    CHECK_EQ(o.psci_conduit, PSCI_CONDUIT_HVC);
    CHECK_STREQ(o.cpu_model, "cortex-a57");
    CHECK_EQ(o.smp_cpus, 1);
    CHECK_EQ(o.smp_maxcpus, 1);
    CHECK_EQ(o.ram_size, VIRT_RAM_DEFAULT);
    CHECK_EQ(o.ram_size, 512 * MiB);
    CHECK_EQ(o.jit, JIT_NATIVE);
    CHECK(o.serials && o.drives && o.devices && o.netdevs);
    CHECK_EQ(o.serials->len, 0);
    CHECK_EQ(o.devices->len, 0);
    CHECK(!o.kernel && !o.initrd && !o.append && !o.dtb && !o.bios && !o.dumpdtb);
    CHECK(!o.display && !o.gdb && !o.gdb_wait && !o.nographic && !o.nodefaults);
    CHECK(!o.stats && !o.parse_only && !o.no_reboot);
    options_free(&o);
    CHECK(!o.machine && !o.serials);
}

TEST(qemu_linux_command_line)
{
    Options o;
    char *k = make_file("Image"), *i = make_file("initrd");

    PARSE(&o, "-M", "virt,gic-version=3", "-cpu", "cortex-a72", "-smp", "4", "-m", "1G",
          "-nographic", "-kernel", k, "-append", "console=ttyAMA0 root=/dev/vda",
          "-initrd", i);
    CHECK_STREQ(o.machine, "virt");
    CHECK_EQ(o.gic_version, 3);
    CHECK_STREQ(o.cpu_model, "cortex-a72");
    CHECK_EQ(o.smp_cpus, 4);
    CHECK_EQ(o.smp_sockets * o.smp_clusters * o.smp_cores * o.smp_threads, 4);
    CHECK_EQ(o.ram_size, GiB);
    CHECK(o.nographic);
    CHECK_STREQ(o.display, "none");
    CHECK_EQ(o.serials->len, 1);
    CHECK_STREQ(serial(&o, 0), "mon:stdio");
    CHECK_STREQ(o.kernel, k);
    CHECK_STREQ(o.initrd, i);
    CHECK_STREQ(o.append, "console=ttyAMA0 root=/dev/vda");
    options_free(&o);
    g_free(k);
    g_free(i);
}

TEST(double_dash_and_equals_spellings)
{
    Options o;
    char *k = make_file("k");
    g_autofree char *kernel_eq = g_strdup_printf("--kernel=%s", k);

    PARSE(&o, kernel_eq, "--m=2G", "--smp=cpus=2", "-append=a=b c", "--machine", "virt",
          "--cpu=max", "--jit=interp", "--stats", "-serial=null");
    CHECK_STREQ(o.kernel, k);
    CHECK_EQ(o.ram_size, 2 * GiB);
    CHECK_EQ(o.smp_cpus, 2);
    CHECK_STREQ(o.append, "a=b c");                  /* split at the first '=' only */
    CHECK_STREQ(o.cpu_model, "max");
    CHECK_EQ(o.jit, JIT_INTERP);
    CHECK(o.stats);
    CHECK_STREQ(serial(&o, 0), "null");
    options_free(&o);
    g_free(k);
}

TEST(machine_properties)
{
    Options o;

    PARSE(&o, "-machine", "virt-7.2,psci-conduit=smc,gic-version=max,highmem=off,"
          "secure=off,virtualization=off,its=on,iommu=none,ras=off,mte=off,acpi=off",
          "-machine", "dumpdtb=/tmp/x,,y.dtb");
    CHECK_STREQ(o.machine, "virt");
    CHECK_EQ(o.psci_conduit, PSCI_CONDUIT_SMC);
    CHECK_EQ(o.gic_version, 3);
    CHECK_STREQ(o.dumpdtb, "/tmp/x,y.dtb");           /* ",," is a literal comma */
    options_free(&o);

    PARSE(&o, "-machine", "gic-version=3");          /* no type: still virt */
    CHECK_STREQ(o.machine, "virt");
    CHECK_EQ(o.gic_version, 3);
    options_free(&o);

    PARSE(&o, "-M", "virt,psci-conduit=none,accel=kvm:tcg");
    CHECK_EQ(o.psci_conduit, PSCI_CONDUIT_NONE);
    CHECK_EQ(o.gic_version, 2);
    options_free(&o);
}

TEST(smp_topology_derivation)
{
    Options o;

    PARSE(&o, "-smp", "8,sockets=2");                /* cores derived: 8 / 2 */
    CHECK_EQ(o.smp_cpus, 8);
    CHECK_EQ(o.smp_sockets, 2);
    CHECK_EQ(o.smp_cores, 4);
    CHECK_EQ(o.smp_threads, 1);
    CHECK_EQ(o.smp_clusters, 1);
    CHECK_EQ(o.gic_version, 2);                      /* 8 CPUs still fit GICv2 */
    options_free(&o);

    PARSE(&o, "-smp", "sockets=2,cores=2,threads=2");    /* cpus from the product */
    CHECK_EQ(o.smp_cpus, 8);
    CHECK_EQ(o.smp_maxcpus, 8);
    options_free(&o);

    PARSE(&o, "-smp", "4,clusters=2");
    CHECK_EQ(o.smp_clusters, 2);
    CHECK_EQ(o.smp_cores, 2);
    CHECK_EQ(o.smp_sockets, 1);
    options_free(&o);

    PARSE(&o, "-smp", "6,cores=3");                  /* sockets derived */
    CHECK_EQ(o.smp_sockets, 2);
    CHECK_EQ(o.smp_cores, 3);
    options_free(&o);

    PARSE(&o, "-smp", "4,cores=2,sockets=1");         /* threads derived last */
    CHECK_EQ(o.smp_threads, 2);
    options_free(&o);

    PARSE(&o, "-smp", "2,maxcpus=4");                 /* no hot-plug: 2 CPUs exist */
    CHECK_EQ(o.smp_cpus, 2);
    CHECK_EQ(o.smp_maxcpus, 4);
    CHECK_EQ(o.smp_cores, 4);
    options_free(&o);
}

TEST(smp_over_eight_picks_gicv3)
{
    Options o;

    /* QEMU virt without gic-version picks v3 when v2 cannot hold the CPUs. */
    PARSE(&o, "-smp", "16");
    CHECK_EQ(o.smp_cpus, 16);
    CHECK_EQ(o.gic_version, 3);
    options_free(&o);

    PARSE(&o, "-smp", "123", "-M", "virt,gic-version=3");
    CHECK_EQ(o.smp_cpus, 123);
    options_free(&o);

    /* past the first redistributor region: QEMU's limit for virt */
    PARSE(&o, "-smp", "512", "-M", "virt,gic-version=3");
    CHECK_EQ(o.smp_cpus, 512);
    CHECK_EQ(VIRT_MAX_CPUS, 512);
    options_free(&o);
}

TEST(memory_forms)
{
    Options o;

    PARSE(&o, "-m", "256");                          /* bare number: MiB */
    CHECK_EQ(o.ram_size, 256 * MiB);
    options_free(&o);

    PARSE(&o, "-m", "size=2G,slots=2,maxmem=4G");
    CHECK_EQ(o.ram_size, 2 * GiB);
    options_free(&o);

    PARSE(&o, "-m", "1001k");                        /* rounded up to 8 KiB */
    CHECK_EQ(o.ram_size, 126 * 8 * KiB);
    options_free(&o);

    PARSE(&o, "-m", "1.5G");
    CHECK_EQ(o.ram_size, GiB + GiB / 2);
    options_free(&o);

    PARSE(&o, "-m", "255G");
    CHECK_EQ(o.ram_size, VIRT_RAM_MAX);
    options_free(&o);
}

TEST(debugger_options)
{
    Options o;

    PARSE(&o, "-s", "-S");
    CHECK_STREQ(o.gdb, "tcp::1234");
    CHECK(o.gdb_wait);
    options_free(&o);

    PARSE(&o, "-gdb", "4321");                       /* a bare port is tcp::PORT */
    CHECK_STREQ(o.gdb, "tcp::4321");
    options_free(&o);

    PARSE(&o, "-gdb", "unix:/tmp/gdb.sock,server");
    CHECK_STREQ(o.gdb, "unix:/tmp/gdb.sock,server");
    options_free(&o);

    PARSE(&o, "-s", "-gdb", "none");                 /* last one wins */
    CHECK(o.gdb == NULL);
    options_free(&o);
}

TEST(serial_and_display)
{
    Options o;
    char *log = g_build_filename(test_tmpdir(), "serial.log", NULL);
    g_autofree char *file_spec = g_strdup_printf("file:%s", log);

    PARSE(&o, "-serial", "tcp::4444,server,nowait", "-serial", file_spec, "-serial",
          "unix:/tmp/s,server=on,wait=off", "-nographic");
    CHECK_EQ(o.serials->len, 3);                     /* explicit: no mon:stdio added */
    CHECK_STREQ(serial(&o, 0), "tcp::4444,server,nowait");
    CHECK_STREQ(serial(&o, 1), file_spec);
    CHECK_STREQ(serial(&o, 2), "unix:/tmp/s,server=on,wait=off");
    options_free(&o);

    PARSE(&o, "-nographic", "-nodefaults");          /* no default serial at all */
    CHECK(o.nodefaults);
    CHECK_EQ(o.serials->len, 0);
    options_free(&o);

    PARSE(&o, "-display", "none", "-serial", "tcp:127.0.0.1:5555", "-serial", "stdio");
    CHECK_STREQ(o.display, "none");
    CHECK(!o.nographic);
    CHECK_STREQ(serial(&o, 0), "tcp:127.0.0.1:5555");
    CHECK_STREQ(serial(&o, 1), "stdio");
    options_free(&o);
#ifdef CONFIG_SDL
    PARSE(&o, "-nographic", "-display", "sdl");      /* a later -display wins */
    CHECK_STREQ(o.display, "sdl");
    CHECK_STREQ(serial(&o, 0), "mon:stdio");
    options_free(&o);
#endif
    g_free(log);
}

TEST(logging_accel_and_misc)
{
    Options o;

    PARSE(&o, "-d", "in_asm,int,guest_errors", "-D", "/tmp/armlet.log", "-dfilter",
          "0x40000000..0x40001000,0x1000+0x100", "-no-reboot", "-accel",
          "tcg,thread=single,tb-size=64", "-monitor", "none");
    CHECK_STREQ(o.log_items, "in_asm,int,guest_errors");
    CHECK_STREQ(o.log_file, "/tmp/armlet.log");
    CHECK_STREQ(o.log_dfilter, "0x40000000..0x40001000,0x1000+0x100");
    CHECK(o.no_reboot);
    CHECK_STREQ(o.accel, "tcg,thread=single,tb-size=64");
    options_free(&o);

    PARSE(&o, "-accel", "kvm", "-accel", "tcg");     /* QEMU's fallback list */
    CHECK_STREQ(o.accel, "tcg");
    options_free(&o);
}

TEST(boot_files)
{
    Options o;
    char *k = make_file("vmlinux"), *d = make_file("virt.dtb"), *b = make_file("bios.bin");

    PARSE(&o, "-kernel", k, "-dtb", d, "-bios", b, "-append", "");
    CHECK_STREQ(o.kernel, k);
    CHECK_STREQ(o.dtb, d);
    CHECK_STREQ(o.bios, b);
    CHECK_STREQ(o.append, "");
    options_free(&o);

    PARSE(&o, "-bios", b, "-append", "");            /* an empty -append needs no kernel */
    CHECK_STREQ(o.bios, b);
    CHECK(!o.kernel);
    options_free(&o);
    g_free(k);
    g_free(d);
    g_free(b);
}
