// Capabilities and how uid changes affect them, as Linux does it for a
// task without file capabilities or secure bits: leaving uid 0 behind
// drops them, coming back to euid 0 restores the effective set.
#include <kernel/task/credentials.h>
#include <kernel/task/task.h>

namespace {

constexpr u64 bit(int cap) { return 1ull << cap; }

// The capabilities that follow the file-system uid.
constexpr u64 FS_CAPABILITIES = bit(capability::CHOWN) | bit(capability::DAC_OVERRIDE)
    | bit(capability::DAC_READ_SEARCH) | bit(capability::FOWNER) | bit(capability::FSETID)
    | bit(capability::LINUX_IMMUTABLE) | bit(capability::MKNOD) | bit(capability::MAC_OVERRIDE);

} // namespace

bool capable(int cap) { return current()->credentials.cap_effective & bit(cap); }

void credentials_changed(const Credentials& old, Credentials& now)
{
    bool was_root = old.uid == 0 || old.euid == 0 || old.suid == 0;
    bool is_root = now.uid == 0 || now.euid == 0 || now.suid == 0;
    if (was_root && !is_root) {
        now.cap_permitted = 0;
        now.cap_effective = 0;
    }
    if (old.euid == 0 && now.euid != 0)
        now.cap_effective = 0;
    if (old.euid != 0 && now.euid == 0)
        now.cap_effective = now.cap_permitted;
    if (old.fsuid == 0 && now.fsuid != 0)
        now.cap_effective &= ~FS_CAPABILITIES;
    if (old.fsuid != 0 && now.fsuid == 0)
        now.cap_effective |= now.cap_permitted & FS_CAPABILITIES;
}

void credentials_on_exec(Credentials& c)
{
    // No file capabilities: root gets everything, anyone else nothing.
    if (c.uid == 0 || c.euid == 0) {
        c.cap_permitted = Credentials::ALL_CAPABILITIES & (c.cap_inheritable | Credentials::ALL_CAPABILITIES);
        c.cap_effective = c.euid == 0 ? c.cap_permitted : 0;
    } else {
        c.cap_permitted = 0;
        c.cap_effective = 0;
    }
}
