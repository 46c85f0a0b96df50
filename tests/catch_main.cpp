// The Catch2 runner, in a translation unit of its own so that test files compile quickly.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
