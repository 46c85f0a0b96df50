# Every third-party library the project uses, found once here (README "Libraries" says which does what).
find_package(Poco 1.11 REQUIRED COMPONENTS Foundation JSON Util)
find_package(SQLite3 3.40 REQUIRED)          # -> SQLite::SQLite3
find_package(Catch2 2.13 REQUIRED)           # -> Catch2::Catch2
find_package(Gettext REQUIRED)               # msgfmt for i18n/
find_package(Intl REQUIRED)                  # gettext() is in glibc; this keeps other platforms honest
