; switch_context(uptr* save_esp, uptr new_esp)
;
; The whole of a task switch, as far as the CPU is concerned: push the
; registers the C++ ABI says a callee must preserve, save the stack pointer
; into the old task, load the new task's, pop its registers, and return on
; its stack: into wherever that task last called switch_context, or, for a
; task that never ran, into the address its creator put there
; (kernel/task/task.cpp builds that first frame).
section .text
global switch_context
switch_context:
    mov eax, [esp + 4]
    mov edx, [esp + 8]
    push ebp
    push ebx
    push esi
    push edi
    mov [eax], esp
    mov esp, edx
    pop edi
    pop esi
    pop ebx
    pop ebp
    ret

; A new task's first return lands here with its TrapFrame at esp (see
; Task::prepare_user_stack): finish the switch in C++, then leave the
; kernel the way every interrupt does.
extern schedule_tail
extern trap_return
global task_first_return
task_first_return:
    call schedule_tail
    jmp trap_return

; A new kernel thread's first return: ebx holds the function, esi its argument.
extern kernel_thread_exit
global kernel_thread_start
kernel_thread_start:
    call schedule_tail
    sti
    push esi
    call ebx
    add esp, 4
    call kernel_thread_exit
