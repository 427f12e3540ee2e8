# The two link passes must place every function at the same address;
# otherwise the embedded symbol table would lie.
foreach(pass PASS1 PASS2)
    execute_process(COMMAND ${NM} --defined-only --numeric-sort ${${pass}} OUTPUT_VARIABLE out)
    string(REGEX MATCHALL "[0-9a-f]+ [TtWw] [^\n]*\n" text_${pass} "${out}")
endforeach()
if(NOT "${text_PASS1}" STREQUAL "${text_PASS2}")
    message(FATAL_ERROR "kernel symbols moved between link passes: the backtrace table would be wrong")
endif()
