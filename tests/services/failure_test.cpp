#include "services/failure.h"
#include "store/database.h"

#include <catch2/catch.hpp>
#include <stdexcept>

using namespace ywtb;

namespace {
template <typename E> std::exception_ptr thrown(E e) {
    try {
        throw e;
    } catch (...) {
        return std::current_exception();
    }
}
} // namespace

TEST_CASE("a store failure escaping a call is described by its own error", "[services][failure]") {
    const core::Error disk{"store.io", core::Message("disk I/O error"), "counter.sqlite3",
                           core::Message("free disk space")};
    const auto error = services::errorOf(thrown(store::StoreFailure(disk)));
    CHECK(error.code == "store.io");
    CHECK(error.where == "counter.sqlite3");
}

TEST_CASE("any other exception is an unexpected error naming its text, with what to do",
          "[services][failure]") {
    const auto error = services::errorOf(thrown(std::logic_error("bad state")));
    CHECK(error.code == "internal.unexpected");
    CHECK_THAT(error.str(), Catch::Contains("bad state"));
    CHECK_THAT(error.str(), Catch::Contains("administrator"));
    CHECK(services::errorOf(thrown(42)).code == "internal.unexpected");
    CHECK(services::errorOf(nullptr).code == "internal.unexpected");
}
