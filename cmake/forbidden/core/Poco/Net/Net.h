// Stands in for <Poco/Net/Net.h> (every Poco::Net header includes this one)
// while client/core compiles: it is first on that layer's include path.
// DESIGN.md, layers: core holds the rules only, without I/O.
// docs/foundation.md, "Layering enforced by the compiler".
#error "ywtb layering: client/core must not include Poco::Net (DESIGN.md: layers)"
