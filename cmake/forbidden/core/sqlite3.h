// This header stands in for <sqlite3.h> inside client/core, which must stay free of I/O libraries.
// DESIGN.md: core holds rules only; put the I/O in client/store, client/services or devices/.
#error "client/core must not include <sqlite3.h>: move this code to the layer that owns that I/O"
