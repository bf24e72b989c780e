#ifndef CANDOR_PROCESS_ARGUMENTS_H
#define CANDOR_PROCESS_ARGUMENTS_H

/// The process's arguments as the C library handed them to the program, captured before
/// main. A static Swift binary otherwise reads them from /proc/self/cmdline, which a chroot
/// or container without /proc lacks: every command would then look like `candor` alone.
int candor_argument_count(void);
char *const *candor_arguments(void);

#endif
