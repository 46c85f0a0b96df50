# CPack DEB: two packages for Debian 12 (bookworm). Build them with  cpack -G DEB  in the build folder
# (installer/README.md); installer/test-install.sh installs them into a clean root and runs lintian.

set(CPACK_PACKAGE_NAME ywtb-counter)
set(CPACK_PACKAGE_VENDOR "ywtb-counter developers")
set(CPACK_PACKAGE_CONTACT "ywtb-counter developers <dev@ywtb-counter.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Equal to CPack's default on purpose: then CPackDeb takes each package's synopsis from the first line of
# its component description below instead of putting the project's summary above both.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_SOURCE_GENERATOR "")
set(CPACK_COMPONENTS_ALL client server)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://ywtb-counter.invalid/")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # dpkg-shlibdeps turns the linked libraries into Depends
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)

# ywtb-counter: the counter PC
set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME ywtb-counter)
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION misc)
# Documents embed AR PL UMing, and WenQuanYi Zen Hei for what UMing lacks (client/render).
set(CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS "fonts-arphic-uming, fonts-wqy-zenhei")
set(CPACK_DEBIAN_CLIENT_PACKAGE_RECOMMENDS "cups-client, sane-utils, xdg-utils")
set(CPACK_DEBIAN_CLIENT_PACKAGE_SUGGESTS "ywtb-counter-server")
set(CPACK_COMPONENT_CLIENT_DESCRIPTION
"counter client for Shanghai government service centres (一网通办)
The desktop client for the staff of an integrated intake counter or a
pickup counter: queue calls, applicant identification, the item guide,
the material check, the counter's decision with its printed notice
(DB31/T 862-2021), scanning, signatures, ratings and release.

Also contains ywtb-counter-cli (every flow without a display) and
ywtb-devsim (simulators of the serial devices, for training and tests).
The centre's catalogue, calendars and document templates are in
/etc/ywtb-counter/.")
set(CPACK_DEBIAN_CLIENT_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_BINARY_DIR}/client/conffiles)

# ywtb-counter-server: the reference central server, optional
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME ywtb-counter-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser")
set(CPACK_COMPONENT_SERVER_DESCRIPTION
"reference central server for ywtb-counter
The other end of the ywtb-counter sync contract: receives the cases the
counters take in, owns their status after acceptance, keeps the scanned
pages and signed receipts. Suited to tests, training rooms and small
deployments. A systemd unit is included but not enabled: configure
/etc/ywtb-counter/server.conf first.")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_BINARY_DIR}/server/conffiles
    ${CMAKE_CURRENT_BINARY_DIR}/server/postinst
    ${CMAKE_CURRENT_BINARY_DIR}/server/prerm
    ${CMAKE_CURRENT_BINARY_DIR}/server/postrm)
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# conffiles: every file installed under /etc, so dpkg keeps a centre's edits on upgrade and asks.
file(GLOB_RECURSE config_files RELATIVE ${PROJECT_SOURCE_DIR} CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/forms/* ${PROJECT_SOURCE_DIR}/templates/*)
list(SORT config_files)
list(TRANSFORM config_files PREPEND "${YWTB_CONFIG_DIR}/")
list(JOIN config_files "\n" config_lines)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/client/conffiles "${config_lines}\n")
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/server/conffiles "${YWTB_CONFIG_DIR}/server.conf\n")
foreach(script postinst prerm postrm)
  file(COPY ${CMAKE_CURRENT_SOURCE_DIR}/debian/server.${script} DESTINATION ${CMAKE_CURRENT_BINARY_DIR}/server
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  file(RENAME ${CMAKE_CURRENT_BINARY_DIR}/server/server.${script} ${CMAKE_CURRENT_BINARY_DIR}/server/${script})
endforeach()

include(CPack)
