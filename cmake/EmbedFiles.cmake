# mandate_embed_files(TARGET OUTPUT_CPP NAMESPACE ns FILES f1 f2 … [BASE dir])
# Generates a .cpp defining `const mandate::EmbeddedFile ns::kFiles[]` and `ns::kFileCount`,
# one entry per file (name relative to BASE, bytes, size), regenerated when a file changes.
# Used for migrations, web assets and the common-password list.
set(_MANDATE_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_files_script.cmake)
function(mandate_embed_files out_cpp)
  cmake_parse_arguments(ARG "" "NAMESPACE;BASE" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DNS=${ARG_NAMESPACE} -DBASE=${ARG_BASE}
            "-DFILES=${ARG_FILES}" -P ${_MANDATE_EMBED_SCRIPT}
    DEPENDS ${ARG_FILES} ${_MANDATE_EMBED_SCRIPT}
    COMMENT "Embedding ${ARG_NAMESPACE} files"
    VERBATIM)
endfunction()
