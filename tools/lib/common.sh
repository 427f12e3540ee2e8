# Shared by tools/run, tools/test and tools/guest-run: install what is
# missing, then configure and build incrementally. Source it; it defines
# functions and sets TOP and BUILD.
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${CLEAVE_BUILD_DIR:-$TOP/build}

# The Debian packages the two README commands need, each with a command
# (or file) that shows it is there: "package:probe". A package of another
# architecture is "name:arch:probe" (the probe is after the last colon);
# its architecture is added to dpkg first.
CLEAVE_PACKAGES=(
    "cmake:cmake"
    "ninja-build:ninja"
    "g++:g++"
    "libgtest-dev:/usr/include/gtest/gtest.h"
    "gcc-i686-linux-gnu:i686-linux-gnu-gcc"
    "g++-i686-linux-gnu:i686-linux-gnu-g++"
    "binutils-i686-linux-gnu:i686-linux-gnu-nm"
    "nasm:nasm"
    "grub-common:grub-mkrescue"
    "grub-pc-bin:/usr/lib/grub/i386-pc/multiboot.mod"
    "xorriso:xorriso"
    "mtools:mformat"
    "qemu-system-x86:qemu-system-i386"
    "libc6-dev-i386-cross:/usr/i686-linux-gnu/lib/libc.a"
    "musl-dev:i386:/usr/lib/i386-linux-musl/musl-gcc.specs"
    "cpio:cpio"
)

say() { echo "cleave: $*" >&2; }

# Installs every missing package (as root), or prints the one command that
# would and stops (otherwise).
cleave_ensure_packages() {
    local missing=() archs=() entry package probe arch
    for entry in "${CLEAVE_PACKAGES[@]}" "$@"; do
        package=${entry%:*}
        probe=${entry##*:}
        if [[ $probe == /* ]]; then
            [ -e "$probe" ] && continue
        else
            command -v "$probe" >/dev/null 2>&1 && continue
        fi
        missing+=("$package")
        if [[ $package == *:* ]]; then
            arch=${package#*:}
            if ! dpkg --print-foreign-architectures 2>/dev/null | grep -qx "$arch" \
                && [ "$arch" != "$(dpkg --print-architecture 2>/dev/null)" ] \
                && [[ " ${archs[*]} " != *" $arch "* ]]; then
                archs+=("$arch")
            fi
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        say "missing packages: ${missing[*]}"
        say "install them with:"
        local cmd=""
        for arch in "${archs[@]}"; do cmd+="sudo dpkg --add-architecture $arch && "; done
        echo "  ${cmd}sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    for arch in "${archs[@]}"; do
        say "adding the $arch architecture to dpkg"
        dpkg --add-architecture "$arch" || { say "dpkg --add-architecture $arch failed"; exit 1; }
    done
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2 || say "apt-get update failed; trying the install anyway"
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
        || { say "apt-get install ${missing[*]} failed"; exit 1; }
}

# Configures (once) and builds the kernel and its ISO in $BUILD/kernel.
cleave_build_kernel() {
    if [ ! -f "$BUILD/kernel/build.ninja" ]; then
        cmake -S "$TOP" -B "$BUILD/kernel" -G Ninja >&2 || { say "configuring the kernel failed"; exit 1; }
    fi
    cmake --build "$BUILD/kernel" >&2 || { say "building the kernel failed"; exit 1; }
}

# Configures (once) and builds the host unit tests in $BUILD/host.
cleave_build_host_tests() {
    if [ ! -f "$BUILD/host/build.ninja" ]; then
        cmake -S "$TOP/tests/host" -B "$BUILD/host" -G Ninja >&2 || { say "configuring the host tests failed"; exit 1; }
    fi
    cmake --build "$BUILD/host" >&2 || { say "building the host tests failed"; exit 1; }
}

# Configures (once) and builds the user-space programs (musl, static), the
# guest test programs, the root filesystem staging tree and its initrd, all
# in $BUILD/user: rootfs/ and initrd.cpio, tests/ for the guest tests.
cleave_build_user() {
    if [ ! -f "$BUILD/user/build.ninja" ]; then
        cmake -S "$TOP/user" -B "$BUILD/user" -G Ninja >&2 || { say "configuring user space failed"; exit 1; }
    fi
    cmake --build "$BUILD/user" >&2 || { say "building user space failed"; exit 1; }
}
