/*
 * inflate: the decompression floor for the Skua benchmarks.
 *
 * Decompresses every gzip file it is given, single-threaded, and throws the
 * output away, counting its bytes. Two decoders:
 *
 *   (default)      zlib: the file is read in 1 MiB chunks and inflated into a
 *                  1 MiB output buffer that is reused, the way a streaming
 *                  reader works. Multi-member files are followed to the end.
 *   --libdeflate   libdeflate: the whole file is read into one buffer and
 *                  decompressed in one call to libdeflate_gzip_decompress_ex
 *                  per member, into an output buffer sized from the gzip
 *                  trailer (grown when that is too small). Buffers are reused
 *                  between files.
 *
 * Usage: inflate [--libdeflate] [--list FILE | -] [PATH ...]
 *        inflate --version
 *   --list FILE   read NUL-separated paths from FILE ('-' for standard input)
 *
 * Prints one line:  decoder=… files=N in_bytes=N out_bytes=N seconds=S out_MB/s=R
 * (MB = 10^6 bytes; the seconds are this process's own wall clock and are for
 * information only: the benchmark times the process from outside.)
 * Exits 1 on any read or decode error.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include <libdeflate.h>

#define CHUNK (1u << 20)

static unsigned long long total_in, total_out, file_count;

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *xmalloc(size_t n) {
    void *p = malloc(n);
    if (!p) { fprintf(stderr, "inflate: out of memory (%zu bytes)\n", n); exit(1); }
    return p;
}

/* ---- zlib, streaming ---------------------------------------------------- */

static unsigned char *z_in, *z_out;
static z_stream zs;
static int zs_ready;

static int zlib_file(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { fprintf(stderr, "inflate: %s: %s\n", path, strerror(errno)); return -1; }
    if (!zs_ready) {
        memset(&zs, 0, sizeof zs);
        if (inflateInit2(&zs, 15 + 16) != Z_OK) { fprintf(stderr, "inflate: inflateInit2 failed\n"); exit(1); }
        zs_ready = 1;
    } else if (inflateReset(&zs) != Z_OK) {
        fprintf(stderr, "inflate: inflateReset failed\n"); exit(1);
    }
    int status = 0, finished_member = 0, any_input = 0;
    for (;;) {
        ssize_t got = read(fd, z_in, CHUNK);
        if (got < 0) { fprintf(stderr, "inflate: %s: %s\n", path, strerror(errno)); status = -1; break; }
        if (got == 0) break;
        any_input = 1;
        total_in += (unsigned long long)got;
        zs.next_in = z_in;
        zs.avail_in = (uInt)got;
        while (zs.avail_in > 0) {
            if (finished_member) {            /* another gzip member follows */
                if (inflateReset(&zs) != Z_OK) { status = -1; break; }
                finished_member = 0;
            }
            zs.next_out = z_out;
            zs.avail_out = CHUNK;
            int rc = inflate(&zs, Z_NO_FLUSH);
            total_out += CHUNK - zs.avail_out;
            if (rc == Z_STREAM_END) { finished_member = 1; continue; }
            if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
            if (rc != Z_OK) {
                fprintf(stderr, "inflate: %s: zlib error %d (%s)\n", path, rc, zs.msg ? zs.msg : "?");
                status = -1;
                break;
            }
        }
        if (status) break;
    }
    /* drain what zlib still holds for the current member */
    while (status == 0 && any_input && !finished_member) {
        zs.next_out = z_out;
        zs.avail_out = CHUNK;
        int rc = inflate(&zs, Z_FINISH);
        total_out += CHUNK - zs.avail_out;
        if (rc == Z_STREAM_END) { finished_member = 1; break; }
        if (rc == Z_BUF_ERROR || (rc == Z_OK && zs.avail_out != 0)) {
            fprintf(stderr, "inflate: %s: truncated gzip stream\n", path);
            status = -1;
        } else if (rc != Z_OK) {
            fprintf(stderr, "inflate: %s: zlib error %d\n", path, rc);
            status = -1;
        }
    }
    close(fd);
    return status;
}

/* ---- libdeflate, whole buffer ------------------------------------------- */

static struct libdeflate_decompressor *ld;
static unsigned char *ld_in, *ld_out;
static size_t ld_in_cap, ld_out_cap;

static int read_whole(const char *path, size_t *len) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { fprintf(stderr, "inflate: %s: %s\n", path, strerror(errno)); return -1; }
    struct stat st;
    if (fstat(fd, &st) != 0) { close(fd); return -1; }
    size_t want = (size_t)st.st_size;
    if (want + 1 > ld_in_cap) {
        free(ld_in);
        ld_in_cap = want + 1 + (want >> 2);
        ld_in = xmalloc(ld_in_cap);
    }
    size_t have = 0;
    for (;;) {
        ssize_t got = read(fd, ld_in + have, ld_in_cap - have);
        if (got < 0) { fprintf(stderr, "inflate: %s: %s\n", path, strerror(errno)); close(fd); return -1; }
        if (got == 0) break;
        have += (size_t)got;
        if (have == ld_in_cap) {              /* the file grew: make room */
            unsigned char *bigger = xmalloc(ld_in_cap * 2);
            memcpy(bigger, ld_in, have);
            free(ld_in);
            ld_in = bigger;
            ld_in_cap *= 2;
        }
    }
    close(fd);
    *len = have;
    return 0;
}

static int libdeflate_file(const char *path) {
    size_t len;
    if (read_whole(path, &len) != 0) return -1;
    total_in += len;
    size_t pos = 0;
    while (pos < len) {
        const unsigned char *member = ld_in + pos;
        size_t remaining = len - pos;
        /* ISIZE of the last member is a size hint; for a single member it is exact (mod 2^32). */
        size_t hint = 0;
        if (len >= 4) {
            const unsigned char *t = ld_in + len - 4;
            hint = (size_t)t[0] | (size_t)t[1] << 8 | (size_t)t[2] << 16 | (size_t)t[3] << 24;
        }
        if (hint < remaining * 4) hint = remaining * 4;
        if (hint > ld_out_cap) {
            free(ld_out);
            ld_out_cap = hint;
            ld_out = xmalloc(ld_out_cap);
        }
        for (;;) {
            size_t used_in = 0, produced = 0;
            enum libdeflate_result r = libdeflate_gzip_decompress_ex(
                ld, member, remaining, ld_out, ld_out_cap, &used_in, &produced);
            if (r == LIBDEFLATE_SUCCESS) {
                total_out += produced;
                pos += used_in;
                break;
            }
            if (r == LIBDEFLATE_INSUFFICIENT_SPACE) {
                free(ld_out);
                ld_out_cap *= 2;
                ld_out = xmalloc(ld_out_cap);
                continue;
            }
            fprintf(stderr, "inflate: %s: libdeflate error %d at byte %zu\n", path, (int)r, pos);
            return -1;
        }
    }
    return 0;
}

/* ---- driver ------------------------------------------------------------- */

static int use_libdeflate;

static int one(const char *path) {
    file_count++;
    return use_libdeflate ? libdeflate_file(path) : zlib_file(path);
}

static int from_list(const char *list) {
    FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "rb");
    if (!f) { fprintf(stderr, "inflate: %s: %s\n", list, strerror(errno)); return -1; }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int status = 0;
    while ((n = getdelim(&line, &cap, '\0', f)) > 0) {
        if (line[n - 1] == '\0') n--;
        if (n == 0) continue;
        line[n] = '\0';
        if (one(line) != 0) status = -1;
    }
    free(line);
    if (f != stdin) fclose(f);
    return status;
}

int main(int argc, char **argv) {
    const char *list = NULL;
    int first_path = argc;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--version") == 0) {
            printf("zlib %s, libdeflate %s\n", zlibVersion(), LIBDEFLATE_VERSION_STRING);
            return 0;
        }
        if (strcmp(argv[i], "--libdeflate") == 0) use_libdeflate = 1;
        else if (strcmp(argv[i], "--list") == 0 && i + 1 < argc) list = argv[++i];
        else if (strcmp(argv[i], "--") == 0) { first_path = i + 1; break; }
        else if (argv[i][0] == '-' && argv[i][1] == '-') {
            fprintf(stderr, "usage: inflate [--libdeflate] [--list FILE|-] [PATH ...]\n");
            return 2;
        } else { first_path = i; break; }
    }
    if (use_libdeflate) {
        ld = libdeflate_alloc_decompressor();
        if (!ld) { fprintf(stderr, "inflate: libdeflate_alloc_decompressor failed\n"); return 1; }
    } else {
        z_in = xmalloc(CHUNK);
        z_out = xmalloc(CHUNK);
    }
    double t0 = now_seconds();
    int status = 0;
    if (list && from_list(list) != 0) status = 1;
    for (int i = first_path; i < argc; i++)
        if (one(argv[i]) != 0) status = 1;
    double secs = now_seconds() - t0;
    printf("decoder=%s files=%llu in_bytes=%llu out_bytes=%llu seconds=%.3f out_MB/s=%.1f\n",
           use_libdeflate ? "libdeflate" : "zlib", file_count, total_in, total_out, secs,
           secs > 0 ? (double)total_out / 1e6 / secs : 0.0);
    if (zs_ready) inflateEnd(&zs);
    if (ld) libdeflate_free_decompressor(ld);
    return status;
}
