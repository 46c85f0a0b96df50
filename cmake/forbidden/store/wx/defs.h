// Stands in for <wx/defs.h> (every wx header includes this one)
// while client/store compiles: it is first on that layer's include path.
// DESIGN.md, layers: store keeps the local data; the network, the scanner and the GUI are above or beside it.
// docs/foundation.md, "Layering enforced by the compiler".
#error "ywtb layering: client/store must not include wxWidgets (DESIGN.md: layers)"
