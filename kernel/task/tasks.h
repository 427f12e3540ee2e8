// Creating, finding and freeing tasks.
#pragma once

#include <kernel/task/task.h>
#include <libk/error.h>

namespace tasks {

// A new task with a kernel stack, an FPU area and a fresh pid; not yet runnable.
ErrorOr<Task*> allocate(const char* name);
// Frees what allocate() made (the task must never run again).
void free(Task*);

// Starts a kernel thread running entry(argument).
ErrorOr<Task*> spawn_kernel_thread(const char* name, void (*entry)(void*), void* argument);

// Prepares a task that has never run so that its first switch returns to
// user mode with the registers in its trap frame.
void prepare_user_return(Task&);

Task* find(pid_t);
void set_name(Task&, const char* name);

// The pid given last (/proc/loadavg), and how many tasks were made since
// boot (/proc/stat's "processes").
pid_t last_pid_given();
u64 created_count();

// Every task that exists (zombies included), in creation order.
IntrusiveList<Task, &Task::all_node>& all();

} // namespace tasks
