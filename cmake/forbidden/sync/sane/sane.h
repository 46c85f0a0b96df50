// Stands in for <sane/sane.h> while client/sync compiles: it is first on that layer's include path.
// DESIGN.md, layers: sync drains the outbox; it neither scans nor shows anything.
// docs/foundation.md, "Layering enforced by the compiler".
#error "ywtb layering: client/sync must not include SANE (DESIGN.md: layers)"
