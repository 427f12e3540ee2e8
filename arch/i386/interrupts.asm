; Interrupt entry: one small stub per vector that makes the stack look the
; same for every vector (a dummy error code where the CPU pushes none, then
; the vector number), and one common path that saves the registers as a
; TrapFrame (arch/i386/trap_frame.h) and calls trap_dispatch(). The system
; call gate, by far the most frequent way in, builds the same frame but
; calls syscall_entry() directly: it needs none of the vector decoding.

KERNEL_DS equ 0x10

section .text
extern trap_dispatch, syscall_entry

; The rest of the TrapFrame, above the vector and error code: the segment
; registers and the general registers; then the kernel's own segments.
%macro SAVE_REGISTERS 0
    push ds
    push es
    push fs
    push gs
    pusha
    mov ax, KERNEL_DS           ; user code may have loaded anything here
    mov ds, ax
    mov es, ax
    xor eax, eax                ; the kernel uses no fs or gs: keeping the user's
    mov fs, ax                  ; TLS selector loaded would make an interrupt
    mov gs, ax                  ; taken in the kernel restore a descriptor that
                                ; execve or set_thread_area may have changed
    cld                         ; the C++ ABI expects the direction flag clear
%endmacro

%macro STUB_NO_ERROR 1
trap_stub_%1:
    push dword 0
    push dword %1
    jmp trap_common
%endmacro

%macro STUB_WITH_ERROR 1
trap_stub_%1:
    push dword %1
    jmp trap_common
%endmacro

; CPU exceptions 0-31: 8, 10-14, 17, 21, 29 and 30 push an error code.
%assign v 0
%rep 32
  %if v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21 || v == 29 || v == 30
    STUB_WITH_ERROR v
  %else
    STUB_NO_ERROR v
  %endif
  %assign v v + 1
%endrep

; Hardware interrupts, remapped to 32-47, and the system call gate.
%assign v 32
%rep 16
    STUB_NO_ERROR v
  %assign v v + 1
%endrep

; Back to the interrupted code: the exact mirror of a stub and SAVE_REGISTERS.
%macro RESTORE_REGISTERS_AND_RETURN 0
    popa
    pop gs
    pop fs
    pop es
    pop ds
    add esp, 8                  ; vector and error code
    iret
%endmacro

; int $0x80. The gate is a trap gate (idt.cpp): interrupts stay on.
trap_stub_128:
    push dword 0
    push dword 128
    SAVE_REGISTERS
    mov eax, esp                ; argument: TrapFrame* (regparm(1): in eax)
    call syscall_entry
    RESTORE_REGISTERS_AND_RETURN

trap_common:
    SAVE_REGISTERS
    mov eax, esp                ; argument: TrapFrame* (regparm(1): in eax)
    call trap_dispatch
global trap_return
trap_return:
    RESTORE_REGISTERS_AND_RETURN

; Entry addresses for arch/i386/idt.cpp: vectors 0-47, then 128.
section .rodata
global trap_stub_table
trap_stub_table:
%assign v 0
%rep 48
    dd trap_stub_ %+ v
  %assign v v + 1
%endrep
    dd trap_stub_128
