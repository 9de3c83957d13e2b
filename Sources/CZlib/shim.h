// Debian's zlib1g-dev: streaming inflate for large, truncated and multi-member gzip,
// and deflate for the simulator's output.
#include <zlib.h>
