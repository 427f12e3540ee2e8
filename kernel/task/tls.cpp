#include <arch/i386/gdt.h>
#include <kernel/abi/errno.h>
#include <kernel/mm/user_copy.h>
#include <kernel/task/tls.h>

u64 tls_descriptor(const UserDesc& desc)
{
    bool seg_32bit = desc.flags & 1;
    u32 contents = (desc.flags >> 1) & 3;
    bool read_exec_only = desc.flags & 8;
    bool limit_in_pages = desc.flags & 16;
    bool not_present = desc.flags & 32;
    bool useable = desc.flags & 64;
    // Linux's LDT_empty: all zero but read_exec_only and seg_not_present.
    if (desc.base_addr == 0 && desc.limit == 0 && contents == 0 && read_exec_only && !seg_32bit && !limit_in_pages
        && not_present && !useable)
        return 0;
    u32 type = (contents << 2) | (read_exec_only ? 0 : 2); // data: expand-down / writable; code: conforming / readable
    u32 access = (not_present ? 0 : 0x80) | 0x60 /* DPL 3 */ | 0x10 /* code or data */ | type;
    u32 flags = (limit_in_pages ? 8 : 0) | (seg_32bit ? 4 : 0) | (useable ? 1 : 0);
    u32 low = (desc.limit & 0xFFFF) | ((desc.base_addr & 0xFFFF) << 16);
    u32 high = ((desc.base_addr >> 16) & 0xFF) | (access << 8) | (desc.limit & 0xF0000) | (flags << 20)
        | (desc.base_addr & 0xFF000000);
    return (static_cast<u64>(high) << 32) | low;
}

ErrorOr<void> install_tls_from_user(Task& task, uptr user_desc)
{
    UserDesc desc = TRY(read_user<UserDesc>(user_desc));
    u32 index = desc.entry_number;
    if (index == 0xFFFFFFFF) {
        for (index = 0; index < gdt::TLS_ENTRIES && task.tls[index]; ++index) { }
        if (index == gdt::TLS_ENTRIES)
            return Error::from_errno(abi::ESRCH);
        index += gdt::TLS_FIRST_ENTRY;
        TRY(write_user<u32>(user_desc, index));
    }
    if (index < gdt::TLS_FIRST_ENTRY || index >= gdt::TLS_FIRST_ENTRY + gdt::TLS_ENTRIES)
        return Error::from_errno(abi::EINVAL);
    task.tls[index - gdt::TLS_FIRST_ENTRY] = tls_descriptor(desc);
    if (&task == current())
        gdt::load_tls(task.tls);
    return {};
}
