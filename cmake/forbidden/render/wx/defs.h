// Stands in for <wx/defs.h> (every wx header includes this one)
// while client/render compiles: it is first on that layer's include path.
// DESIGN.md, layers: render turns templates into PDF bytes; it reads no database and talks to no network or
// device. docs/foundation.md, "Layering enforced by the compiler".
#error "ywtb layering: client/render must not include wxWidgets (DESIGN.md: layers)"
