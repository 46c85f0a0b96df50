#include "store/blob_store.h"
#include "support/temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>

using namespace ywtb::store;
using ywtb::testing::TempDir;

TEST_CASE("SHA-256 matches the FIPS 180-2 test vectors", "[blob]") {
    CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("a blob is stored under its hash and read back intact", "[blob]") {
    TempDir dir;
    BlobStore blobs(dir / "blobs");
    std::string scan(300000, '\0');
    for (std::size_t i = 0; i < scan.size(); ++i)
        scan[i] = static_cast<char>(i * 7 % 251);
    auto name = blobs.put(scan);
    REQUIRE(name.ok());
    CHECK(*name == sha256Hex(scan));
    CHECK(blobs.pathOf(*name).parent_path().filename() == name->substr(0, 2));
    auto back = blobs.get(*name);
    REQUIRE(back.ok());
    CHECK(*back == scan);
}

TEST_CASE("storing the same bytes twice keeps one file and leaves no temp files", "[blob]") {
    TempDir dir;
    BlobStore blobs(dir / "blobs");
    auto first = blobs.put("signature strokes");
    auto second = blobs.put("signature strokes");
    CHECK(*first == *second);
    CHECK(std::filesystem::is_empty(dir / "blobs" / ".tmp"));
    std::size_t files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "blobs"))
        files += e.is_regular_file() ? 1 : 0;
    CHECK(files == 1);
}

TEST_CASE("a damaged or missing blob is reported, never returned as good", "[blob]") {
    TempDir dir;
    BlobStore blobs(dir / "blobs");
    auto name = blobs.put("original page");
    std::ofstream(blobs.pathOf(*name), std::ios::binary) << "altered page";
    CHECK(blobs.get(*name).error().code == "store.blob_damaged");
    CHECK(blobs.get(std::string(64, 'a')).error().code == "store.blob_missing");
    CHECK_FALSE(blobs.contains("short"));
}
