# Guards a layer against the project headers of the layers above it (DESIGN.md, layers; docs/foundation.md,
# "Layering enforced by the compiler"). For every header of each named folder of client/ (services, sync, app,
# cli …) a stand-in that stops the build with #error is written under the build tree and put first on the
# layer's include path, as "services/x.h" and as "client/services/x.h", so a quoted or angle include through -I
# finds the stand-in before the real header. The list is globbed again at each build, so a new header is guarded
# as soon as it exists.
include_guard(GLOBAL)

function(ywtb_forbid_higher_layers target layer)
  set(guard_dir "${PROJECT_BINARY_DIR}/forbidden/${target}")
  foreach(folder IN LISTS ARGN)
    file(GLOB_RECURSE headers CONFIGURE_DEPENDS RELATIVE "${PROJECT_SOURCE_DIR}/client/${folder}"
         "${PROJECT_SOURCE_DIR}/client/${folder}/*.h")
    foreach(header IN LISTS headers)
      set(text "// Stands in for client/${folder}/${header} while ${layer} compiles (cmake/forbidden/higher_layers.cmake).\n")
      string(APPEND text "#error \"ywtb layering: ${layer} must not include client/${folder}/ headers (DESIGN.md: layers)\"\n")
      file(CONFIGURE OUTPUT "${guard_dir}/${folder}/${header}" CONTENT "${text}")
      file(CONFIGURE OUTPUT "${guard_dir}/client/${folder}/${header}" CONTENT "${text}")
    endforeach()
  endforeach()
  target_include_directories(${target} BEFORE PRIVATE "${guard_dir}")
endfunction()
