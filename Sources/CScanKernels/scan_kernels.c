// The kernels are static inline functions in the header; SwiftPM needs a source file to build
// the target.
#include "scan_kernels.h"
