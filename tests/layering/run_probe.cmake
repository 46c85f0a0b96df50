# Builds one layering probe (tests/layering/probes.cmake) and prints what the build said. ctest passes the test
# only when that output carries the guard's own #error text; a probe that builds, or fails for another reason
# (the header not found, a typo), fails the test.
#   cmake -DBUILD_DIR=… -DPROBE=target -DOBJECTS=… -P run_probe.cmake
foreach(required BUILD_DIR PROBE OBJECTS)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "run_probe.cmake: -D${required}=… is missing")
  endif()
endforeach()
# A probe once built while its guard was missing would be up to date for ever after: its object goes first.
file(REMOVE ${OBJECTS})
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target "${PROBE}"
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
message("${output}")
if(result EQUAL 0)
  message(FATAL_ERROR "${PROBE} compiled: the layer's guard is not on its include path (docs/foundation.md, layering)")
endif()
