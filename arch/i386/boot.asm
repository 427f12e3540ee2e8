; Cleave's first instructions.
;
; GRUB (Multiboot 1) jumps here in 32-bit protected mode with paging off,
; eax = the Multiboot magic and ebx = the physical address of the Multiboot
; information. The kernel is linked at 0xC0100000 but loaded at 0x00100000,
; so until paging is on every address we touch must be translated by hand
; (symbol - KERNEL_VIRTUAL_BASE).
;
; We turn on paging with a boot page directory that maps the first 16 MiB
; twice, with 4 MiB pages: at 0 (so the instruction after "mov cr0" still
; exists) and at 0xC0000000 (where the kernel is linked). kernel_main then
; builds the real kernel page directory (arch/i386/paging.cpp) and drops the
; low mapping.

KERNEL_VIRTUAL_BASE equ 0xC0000000
BOOT_STACK_SIZE     equ 16384

MULTIBOOT_MAGIC     equ 0x1BADB002
MULTIBOOT_PAGE_ALIGN equ 1 << 0          ; modules on page boundaries
MULTIBOOT_MEMORY_INFO equ 1 << 1         ; give us the memory map
MULTIBOOT_FLAGS     equ MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO

PDE_PRESENT equ 1 << 0
PDE_WRITE   equ 1 << 1
PDE_4MB     equ 1 << 7
CR4_PSE     equ 1 << 4
CR0_PG      equ 1 << 31
CR0_WP      equ 1 << 16

section .multiboot
align 4
    dd MULTIBOOT_MAGIC
    dd MULTIBOOT_FLAGS
    dd -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

section .data
align 4096
; Four 4 MiB pages at virtual 0 and the same four at 0xC0000000.
boot_page_directory:
%assign i 0
%rep 1024
  %if i < 4
    dd (i * 0x400000) | PDE_PRESENT | PDE_WRITE | PDE_4MB
  %elif i >= 768 && i < 772
    dd ((i - 768) * 0x400000) | PDE_PRESENT | PDE_WRITE | PDE_4MB
  %else
    dd 0
  %endif
  %assign i i + 1
%endrep

section .bss
align 16
global boot_stack_bottom, boot_stack_top
boot_stack_bottom:
    resb BOOT_STACK_SIZE
boot_stack_top:

section .text.boot
global _start
extern kernel_main
_start:
    cli
    mov ecx, cr4
    or ecx, CR4_PSE
    mov cr4, ecx
    mov ecx, boot_page_directory - KERNEL_VIRTUAL_BASE
    mov cr3, ecx
    mov ecx, cr0
    or ecx, CR0_PG | CR0_WP
    mov cr0, ecx
    lea ecx, [.higher_half]
    jmp ecx                     ; from here on we run at 0xC01xxxxx

.higher_half:
    mov esp, boot_stack_top
    xor ebp, ebp                ; the backtrace stops at a zero frame pointer
    push ebx                    ; Multiboot information (physical address)
    push eax                    ; Multiboot magic
    call kernel_main
.hang:
    cli
    hlt
    jmp .hang
