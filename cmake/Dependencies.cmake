# Every third-party library the project uses, found once here (README "Libraries" says which does what).
find_package(Poco 1.11 REQUIRED COMPONENTS Foundation JSON Util Net NetSSL Crypto)  # Net, NetSSL: server/ (HTTP(S)Server) and its tests
find_package(SQLite3 3.40 REQUIRED)          # -> SQLite::SQLite3
find_package(CURL REQUIRED)                  # -> CURL::libcurl (client/sync: the one HTTP client of the counter)
find_package(Catch2 2.13 REQUIRED)           # -> Catch2::Catch2
find_package(Gettext REQUIRED)               # msgfmt for i18n/
find_package(Intl REQUIRED)                  # gettext() is in glibc; this keeps other platforms honest

# Documents (client/render). libharu ships neither a .pc file nor a CMake config in Debian (platform notes §8).
find_package(PkgConfig REQUIRED)
find_path(HPDF_INCLUDE_DIR hpdf.h REQUIRED)
find_library(HPDF_LIBRARY hpdf REQUIRED)
if(NOT TARGET HPDF::hpdf)
  add_library(HPDF::hpdf UNKNOWN IMPORTED)
  set_target_properties(HPDF::hpdf PROPERTIES IMPORTED_LOCATION "${HPDF_LIBRARY}"
                        INTERFACE_INCLUDE_DIRECTORIES "${HPDF_INCLUDE_DIR}")
endif()
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)  # -> PkgConfig::QRENCODE
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)    # -> PkgConfig::FREETYPE
# libharu 2.3 lets libpng abort() on a damaged PNG; png_image.cpp decodes it first with libpng's guarded API.
pkg_check_modules(PNG REQUIRED IMPORTED_TARGET libpng)            # -> PkgConfig::PNG
find_package(mstch REQUIRED)                                       # -> mstch::mstch (mustache, templates/)
find_package(ZLIB REQUIRED)                                        # -> ZLIB::ZLIB (the tests inflate what libdeflate wrote)
pkg_check_modules(LIBDEFLATE REQUIRED IMPORTED_TARGET libdeflate) # -> PkgConfig::LIBDEFLATE (client/render compresses PDF streams)
if(WIN32) # docs/windows.md: no CUPS; the spooler prints pages rasterised by poppler-cpp (vcpkg "poppler")
  pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp) # -> PkgConfig::POPPLER_CPP
else()
  find_package(Cups REQUIRED)                                      # -> Cups::Cups (printing, devices/printer)
endif()
# libharu 2.3 embeds whole fonts; client/render embeds per-document subsets made with HarfBuzz instead.
pkg_check_modules(HARFBUZZ_SUBSET REQUIRED IMPORTED_TARGET harfbuzz-subset)  # -> PkgConfig::HARFBUZZ_SUBSET (with harfbuzz)
# Scanning (devices/scanner) and the page pipeline (client/imaging).
if(NOT WIN32) # docs/windows.md: no SANE on Windows; devices/scanner uses WIA 2.0 there
  pkg_check_modules(SANE REQUIRED IMPORTED_TARGET sane-backends)    # -> PkgConfig::SANE (libsane)
endif()
pkg_check_modules(LEPTONICA REQUIRED IMPORTED_TARGET lept)          # -> PkgConfig::LEPTONICA (deskew, blank pages, crop)
pkg_check_modules(TURBOJPEG REQUIRED IMPORTED_TARGET libturbojpeg)  # -> PkgConfig::TURBOJPEG (JPEG encoding)
# Serial devices (devices/serial): ID-card reader, rating keypad, signature pad.
pkg_check_modules(SERIALPORT REQUIRED IMPORTED_TARGET libserialport) # -> PkgConfig::SERIALPORT
find_package(Threads REQUIRED)                                      # -> Threads::Threads (device monitor threads)
# The counter GUI (client/app): wxWidgets 3.2 on GTK 3; core holds wxDataViewCtrl since 3.1.
find_package(wxWidgets 3.2 REQUIRED COMPONENTS core base)          # -> wxWidgets_INCLUDE_DIRS, _LIBRARIES, _DEFINITIONS
# The Chinese calendar of a year whose holiday notice is not yet out (client/almanac): lunar dates by ICU's
# Chinese calendar, the 清明 solar term by libnova's solar position. libnova ships no .pc file nor CMake config.
find_package(ICU 72 REQUIRED COMPONENTS uc i18n)                     # -> ICU::uc, ICU::i18n
find_path(NOVA_INCLUDE_DIR libnova/libnova.h REQUIRED)
find_library(NOVA_LIBRARY nova REQUIRED)
if(NOT TARGET Nova::nova)
  add_library(Nova::nova UNKNOWN IMPORTED)
  set_target_properties(Nova::nova PROPERTIES IMPORTED_LOCATION "${NOVA_LIBRARY}"
                        INTERFACE_INCLUDE_DIRECTORIES "${NOVA_INCLUDE_DIR}")
endif()
