# Write OUTPUT, a C file defining embedded_templates[]: one entry per
# ROOT/**/*.yaml, named by its path relative to ROOT, with its bytes and size.
file(GLOB_RECURSE files RELATIVE ${ROOT} ${ROOT}/*.yaml)
list(SORT files)

set(body "/* Generated from templates/ by cmake/embed.cmake; do not edit. */\n")
string(APPEND body "#include <stddef.h>\n#include \"templates.h\"\n\n")
set(index 0)
foreach(name IN LISTS files)
  file(READ ${ROOT}/${name} hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND body "static const unsigned char template_${index}[] = {${bytes}0x00};\n")
  math(EXPR index "${index} + 1")
endforeach()

string(APPEND body "\nconst struct embedded_template embedded_templates[] = {\n")
set(index 0)
foreach(name IN LISTS files)
  file(SIZE ${ROOT}/${name} size)
  string(APPEND body "\t{\"${name}\", (const char *)template_${index}, ${size}},\n")
  math(EXPR index "${index} + 1")
endforeach()
string(APPEND body "\t{NULL, NULL, 0},\n};\n")

file(WRITE ${OUTPUT}.tmp "${body}")
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
