// This header stands in for <sane/sane.h> inside client/core, which must stay free of I/O libraries.
// DESIGN.md: core holds rules only; put the I/O in client/store, client/services or devices/.
#error "client/core must not include <sane/sane.h>: move this code to the layer that owns that I/O"
