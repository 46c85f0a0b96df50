# Compiler settings every project target takes through ywtb_configure_target().
function(ywtb_configure_target target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                         -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast)
  if(YWTB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(YWTB_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${YWTB_SANITIZE} -fno-omit-frame-pointer
                           -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${YWTB_SANITIZE})
  endif()
endfunction()
