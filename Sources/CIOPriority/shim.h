// The I/O priority of the calling thread (Linux's ioprio_set(2) and ioprio_get(2)), which have no glibc wrapper and
// reach Swift only through C: syscall(2) is variadic. The classes and the packing of a priority are the kernel's
// (<linux/ioprio.h>); mq-deadline and BFQ serve the idle class only when no other I/O waits.
#ifndef SONGBRIDGE_IOPRIORITY_SHIM_H
#define SONGBRIDGE_IOPRIORITY_SHIM_H
#if defined(__linux__)
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/ioprio.h>

/// Puts the calling thread's reads and writes in the idle class; 0 on success, -1 with errno set otherwise.
static inline int songbridge_ioprio_idle_for_this_thread(void) {
    return (int)syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_IDLE, 0));
}

/// The calling thread's I/O priority class (IOPRIO_CLASS_NONE, _RT, _BE or _IDLE), or -1 with errno set.
static inline int songbridge_ioprio_class_of_this_thread(void) {
    long value = syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0);
    return value < 0 ? -1 : (int)IOPRIO_PRIO_CLASS(value);
}

/// The idle class's number, for Swift (the kernel's enum is anonymous).
static inline int songbridge_ioprio_idle_class(void) { return IOPRIO_CLASS_IDLE; }
#else
// Elsewhere the thread keeps the priority it has.
static inline int songbridge_ioprio_idle_for_this_thread(void) { return -1; }
static inline int songbridge_ioprio_class_of_this_thread(void) { return -1; }
static inline int songbridge_ioprio_idle_class(void) { return 3; }
#endif
#endif
