// Stands in for <wx/defs.h> (every wx header includes this one)
// while client/services compiles: it is first on that layer's include path.
// DESIGN.md, layers: services are the flows the GUI and the CLI share, so they cannot depend on the GUI.
// docs/foundation.md, "Layering enforced by the compiler".
#error "ywtb layering: client/services must not include wxWidgets (DESIGN.md: layers)"
