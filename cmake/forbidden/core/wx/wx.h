// Stands in for <wx/wx.h> while client/core compiles: it is first on that layer's include path.
// DESIGN.md, layers: core holds the rules only, without I/O.
// docs/foundation.md, "Layering enforced by the compiler".
#error "ywtb layering: client/core must not include wxWidgets (DESIGN.md: layers)"
