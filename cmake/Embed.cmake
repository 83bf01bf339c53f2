# Embeds files into the binary as byte arrays, so the program needs nothing from the
# source tree at run time. Each file becomes one entry of a generated lookup table.
set(CLUBSEARCH_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/EmbedFiles.cmake)
function(clubsearch_embed target dir namespace)
  set(out_dir ${PROJECT_BINARY_DIR}/generated/${dir})
  set(out_cpp ${out_dir}/embedded.cpp)
  set(inputs ${ARGN})
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DNAMESPACE=${namespace}
            "-DINPUTS=${inputs}" -P ${CLUBSEARCH_EMBED_SCRIPT}
    DEPENDS ${inputs} ${CLUBSEARCH_EMBED_SCRIPT}
    COMMENT "Embedding ${dir} files"
    VERBATIM)
  target_sources(${target} PRIVATE ${out_cpp})
endfunction()
