#include <kernel/abi/errno.h>
#include <kernel/lib/hostname.h>
#include <libk/string.h>

namespace {
char the_name[hostname::MAX_LENGTH + 1] = "cleave"; // guarded by the kernel not being preemptible
}

namespace hostname {

const char* get() { return the_name; }

ErrorOr<void> set(const char* name, usize length)
{
    if (length > MAX_LENGTH)
        return Error::from_errno(abi::EINVAL);
    libk::memcpy(the_name, name, length);
    the_name[length] = '\0';
    return {};
}

} // namespace hostname
