// Mapping plain input files instead of copying them with read(2), without the usual price of
// mapping: a file that another process truncates while it is mapped turns a later access to
// the lost pages into SIGBUS, which by default kills the process. Skua's inputs are evidence
// folders and trail copies that a sync job may rewrite under it, so that price is not paid.
//
// Why map at all: on some virtual machines the kernel's copy of the page cache into a user
// buffer runs at about 2 GB/s, a third of Skua's time on plain JSON (measured: reading 1 GB of
// JSON Lines files with pread into a reused buffer 0.45-0.60 s, mapping them 0.15 s).
//
// The guard: every live mapping is registered in a slot of a fixed table. A SIGBUS handler,
// installed once, looks the faulting address up; inside a registered mapping it maps a page of
// zeros over the lost page (mmap is a system call, safe in a signal handler), marks the slot
// and returns, so the access is retried and reads zeros; the scanner then meets NUL bytes (a
// malformed record) and the reader reports the file as truncated while it was read. A fault
// anywhere else is not ours: the handler puts back the handler that was there before (the
// Swift runtime's crash reporter, or the default action) and returns, so the access faults
// again and that handler sees it. No library offers this guard, and it is short; it is written
// in C because a signal handler must not enter the Swift runtime.
#define _GNU_SOURCE
#include "map_guard.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { slot_count = 256 };

struct guard_slot {
    /// 0 free, 2 being claimed, 1 live.
    atomic_int used;
    /// Bumped on every claim and release, so the handler can tell a range it read from one
    /// that a slot's reuse changed under it (a sequence lock).
    atomic_uint generation;
    atomic_uintptr_t start;
    atomic_uintptr_t end;
    /// The lowest faulting address (UINTPTR_MAX while none).
    atomic_uintptr_t first_fault;
};

static struct guard_slot slots[slot_count];
static struct sigaction previous_action;
static atomic_int handler_installed;
static uintptr_t page_size;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;

static void on_sigbus(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    (void)signal_number;
    int saved_errno = errno;
    if (info->si_code <= 0) {
        // Sent (kill, raise), not a fault: it would not come back by itself.
        sigaction(SIGBUS, &previous_action, NULL);
        raise(SIGBUS);
        errno = saved_errno;
        return;
    }
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int index = 0; index < slot_count; index++) {
        struct guard_slot *slot = &slots[index];
        unsigned before = atomic_load(&slot->generation);
        if (atomic_load(&slot->used) != 1) continue;
        uintptr_t start = atomic_load(&slot->start);
        uintptr_t end = atomic_load(&slot->end);
        if (atomic_load(&slot->generation) != before || atomic_load(&slot->used) != 1) continue;
        if (address < start || address >= end) continue;
        void *page = (void *)(address & ~(page_size - 1));
        if (mmap(page, page_size, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED) {
            break;   // cannot cover it: let the previous handler have the fault
        }
        uintptr_t seen = atomic_load(&slot->first_fault);
        while ((uintptr_t)page < seen && !atomic_compare_exchange_weak(&slot->first_fault, &seen, (uintptr_t)page)) {}
        errno = saved_errno;
        return;
    }
    // Not a page of ours: put back the handler that was there before and return, so the access
    // faults again and that handler (the Swift runtime's crash report, or the default) sees it.
    sigaction(SIGBUS, &previous_action, NULL);
    errno = saved_errno;
}

static void install(void) {
    page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGBUS, &action, &previous_action) == 0) {
        atomic_store(&handler_installed, 1);
    }
}

void *skua_map_file(int descriptor, size_t size, size_t padding, int *slot) {
    pthread_once(&install_once, install);
    if (!atomic_load(&handler_installed) || size == 0) return NULL;
    int claimed = -1;
    for (int index = 0; index < slot_count; index++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&slots[index].used, &expected, 2)) { claimed = index; break; }
    }
    if (claimed < 0) return NULL;
    atomic_fetch_add(&slots[claimed].generation, 1);
    // Reserve the file's pages and the padding as zero pages, then put the file over the front.
    size_t file_span = (size + page_size - 1) & ~(page_size - 1);
    size_t total = (size + padding + page_size - 1) & ~(page_size - 1);
    void *base = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) {
        atomic_store(&slots[claimed].used, 0);
        return NULL;
    }
    if (mmap(base, file_span, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE, descriptor, 0) == MAP_FAILED) {
        munmap(base, total);
        atomic_store(&slots[claimed].used, 0);
        return NULL;
    }
    madvise(base, file_span, MADV_SEQUENTIAL);
    atomic_store(&slots[claimed].start, (uintptr_t)base);
    atomic_store(&slots[claimed].end, (uintptr_t)base + file_span);
    atomic_store(&slots[claimed].first_fault, UINTPTR_MAX);
    atomic_store(&slots[claimed].used, 1);
    *slot = claimed;
    return base;
}

long long skua_unmap_file(void *start, size_t size, size_t padding, int slot) {
    long long fault = -1;
    if (slot >= 0 && slot < slot_count) {
        uintptr_t first = atomic_load(&slots[slot].first_fault);
        if (first != UINTPTR_MAX) fault = (long long)(first - (uintptr_t)start);
        atomic_store(&slots[slot].used, 0);
        atomic_fetch_add(&slots[slot].generation, 1);
    }
    munmap(start, (size + padding + page_size - 1) & ~(page_size - 1));
    return fault;
}
