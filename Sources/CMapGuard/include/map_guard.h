// Plain files mapped into memory with a guard against SIGBUS. See map_guard.c.
#ifndef SKUA_MAP_GUARD_H
#define SKUA_MAP_GUARD_H

#include <stddef.h>

/// Maps the first `size` bytes of the regular file open as `descriptor`, followed by at least
/// `padding` zero bytes, privately (writes stay in this process). Returns the start of the bytes,
/// or NULL when the file cannot be mapped or no guard slot is free (the caller reads the file
/// instead); `*slot` receives the guard slot to pass to `skua_unmap_file`.
void *skua_map_file(int descriptor, size_t size, size_t padding, int *slot);

/// Unmaps what `skua_map_file` mapped. Returns -1 when every page of the file was there while
/// it was mapped, otherwise the offset of the first page that was missing (the file was
/// truncated by someone else meanwhile; the missing pages read as zeros).
long long skua_unmap_file(void *start, size_t size, size_t padding, int slot);

#endif
