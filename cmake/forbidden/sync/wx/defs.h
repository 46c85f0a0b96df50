// Stands in for <wx/defs.h> (every wx header includes this one)
// while client/sync compiles: it is first on that layer's include path.
// DESIGN.md, layers: sync drains the outbox; it neither scans nor shows anything.
// docs/foundation.md, "Layering enforced by the compiler".
#error "ywtb layering: client/sync must not include wxWidgets (DESIGN.md: layers)"
