// Debian's libdeflate-dev: whole-buffer gzip decompression, used for files that fit in memory.
#include <libdeflate.h>
