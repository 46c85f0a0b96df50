# The layering is a compile-time fact (DESIGN.md, layers; docs/foundation.md, "Layering enforced by the compiler").
# Each probe is one source file including what a layer must not include, compiled with that layer's own include
# directories (read from the layer's target, so they carry its guards); its test passes only when the build stops
# at the guard's #error with the text written here. This list is the rule; cmake/forbidden/ is the guard: delete
# a guard (or its line in the layer's CMakeLists.txt) and its tests fail.

set(YWTB_LAYERING_LIBRARY_HEADERS
  "wxWidgets=<wx/wx.h>"
  "SQLite=<sqlite3.h>"
  "libcurl=<curl/curl.h>"
  "SANE=<sane/sane.h>"
  # Through the real header, which includes Poco/Net/Net.h: every Poco::Net header is stopped, not only Net.h.
  "Poco::Net=<Poco/Net/HTTPClientSession.h>")

# ywtb_layering_probe(target layer "#include argument" forbidden): the probe and its ctest test.
function(ywtb_layering_probe target layer include forbidden)
  string(MAKE_C_IDENTIFIER "${target}_${include}" id)
  set(probe layering_${id})
  set(source "${CMAKE_CURRENT_BINARY_DIR}/layering/${id}.cpp")
  file(GENERATE OUTPUT "${source}" CONTENT "#include ${include}\nint ywtbLayeringProbe() { return 0; }\n")
  add_library(${probe} OBJECT EXCLUDE_FROM_ALL "${source}")
  target_include_directories(${probe} PRIVATE $<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>)
  set(message "ywtb layering: ${layer} must not include ${forbidden} (DESIGN.md: layers)")
  string(REGEX REPLACE "([][+.*?()^$|\\\\])" "\\\\\\1" pattern "${message}")
  string(REGEX REPLACE "[<>\"]" "" shown "${include}")
  set(name "layering: ${target} including ${shown} stops at its guard")
  add_test(NAME "${name}"
           COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR} -DPROBE=${probe}
                   "-DOBJECTS=$<TARGET_OBJECTS:${probe}>" -P ${CMAKE_CURRENT_SOURCE_DIR}/layering/run_probe.cmake)
  # One build of the tree at a time: concurrent `cmake --build` runs in one tree race on its bookkeeping.
  set_tests_properties("${name}" PROPERTIES PASS_REGULAR_EXPRESSION "${pattern}" RESOURCE_LOCK ywtb_build_tree
                                            LABELS layering)
endfunction()

# ywtb_layering_rule(target layer LIBRARIES name… HIGHER folder…): the target must not include those libraries'
# headers nor the headers of those folders of client/ (each probed through its first header).
function(ywtb_layering_rule target layer)
  cmake_parse_arguments(R "" "" "LIBRARIES;HIGHER" ${ARGN})
  foreach(library IN LISTS R_LIBRARIES)
    set(include "")
    foreach(entry IN LISTS YWTB_LAYERING_LIBRARY_HEADERS)
      if(entry MATCHES "^${library}=(.*)$")
        set(include "${CMAKE_MATCH_1}")
      endif()
    endforeach()
    if(include STREQUAL "")
      message(FATAL_ERROR "layering: no probe header for ${library}")
    endif()
    ywtb_layering_probe(${target} ${layer} "${include}" "${library}")
  endforeach()
  foreach(folder IN LISTS R_HIGHER)
    file(GLOB_RECURSE headers CONFIGURE_DEPENDS RELATIVE "${PROJECT_SOURCE_DIR}/client"
         "${PROJECT_SOURCE_DIR}/client/${folder}/*.h")
    list(SORT headers)
    if(headers)
      list(GET headers 0 header)
      ywtb_layering_probe(${target} ${layer} "\"${header}\"" "client/${folder}/ headers")
    endif()
  endforeach()
endfunction()

# DESIGN.md's layers: app/cli → services → core, store, render, imaging, devices, sync (sync over store).
ywtb_layering_rule(ywtb_core client/core LIBRARIES wxWidgets SQLite libcurl SANE Poco::Net
                   HIGHER store render imaging sync services app cli)
ywtb_layering_rule(ywtb_store client/store LIBRARIES wxWidgets libcurl SANE Poco::Net HIGHER services sync app cli)
ywtb_layering_rule(ywtb_render client/render LIBRARIES wxWidgets SQLite libcurl SANE HIGHER services sync app cli)
ywtb_layering_rule(ywtb_imaging client/imaging LIBRARIES wxWidgets SQLite libcurl HIGHER services sync app cli)
ywtb_layering_rule(ywtb_devices devices LIBRARIES wxWidgets SQLite HIGHER services sync app cli)
ywtb_layering_rule(ywtb_scanner devices LIBRARIES wxWidgets SQLite)
if(TARGET ywtb_sane)
  ywtb_layering_rule(ywtb_sane devices LIBRARIES wxWidgets SQLite)
endif()
ywtb_layering_rule(ywtb_sync client/sync LIBRARIES wxWidgets SANE HIGHER services app cli)
ywtb_layering_rule(ywtb_services client/services LIBRARIES wxWidgets HIGHER app cli)
