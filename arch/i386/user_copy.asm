; copy_user_bytes(void* to, const void* from, usize count) -> bytes NOT copied
;
; The one place the kernel touches user memory. If the "rep movsb" faults on
; a user address the page fault handler cannot resolve, it resumes at
; copy_user_fixup instead (see kernel/mm/fault.cpp), which returns how many
; bytes were left: the caller turns that into EFAULT.
section .text
global copy_user_bytes, copy_user_fault_ip, copy_user_fixup
copy_user_bytes:
    push esi
    push edi
    mov edi, [esp + 12]
    mov esi, [esp + 16]
    mov ecx, [esp + 20]
    cld
copy_user_fault_ip:
    rep movsb
copy_user_fixup:
    mov eax, ecx
    pop edi
    pop esi
    ret
