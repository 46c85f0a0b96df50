// Stands in for <wx/wx.h> while devices compiles: it is first on that layer's include path.
// DESIGN.md, layers: devices talk to hardware; storing is client/store's, showing is client/app's.
// docs/foundation.md, "Layering enforced by the compiler".
#error "ywtb layering: devices must not include wxWidgets (DESIGN.md: layers)"
