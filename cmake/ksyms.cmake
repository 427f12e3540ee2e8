# Writes the kernel's function symbols, sorted by address, one per line:
#   c0101234 T kernel_main
# This text is embedded as-is (section .ksyms) and read by the backtrace.
execute_process(COMMAND ${NM} --defined-only --numeric-sort --demangle ${ELF}
    OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "nm failed on ${ELF}")
endif()
string(REGEX MATCHALL "[0-9a-f]+ [TtWw] [^\n]*\n" lines "${symbols}")
string(JOIN "" text ${lines})
file(WRITE ${OUT}.tmp "${text}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
