# cleave_require(VAR program package): find a build tool or stop with one
# line that names the Debian package to install.
function(cleave_require var program package)
    find_program(${var} ${program})
    if(NOT ${var})
        message(FATAL_ERROR "${program} not found: install the Debian package ${package} (apt-get install ${package})")
    endif()
endfunction()
