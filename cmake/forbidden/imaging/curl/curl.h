// Stands in for <curl/curl.h> while client/imaging compiles: it is first on that layer's include path.
// DESIGN.md, layers: imaging cleans up page images; it stores and sends nothing.
// docs/foundation.md, "Layering enforced by the compiler".
#error "ywtb layering: client/imaging must not include libcurl (DESIGN.md: layers)"
