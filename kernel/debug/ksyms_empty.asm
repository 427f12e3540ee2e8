; Link pass 1: an empty symbol table (see CMakeLists.txt).
section .ksyms
    db 0
