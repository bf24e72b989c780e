#ifndef CANDOR_SPAWN_GROUP_H
#define CANDOR_SPAWN_GROUP_H

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` in a new process group, with standard input
/// `input_fd` and standard output and error `output_fd`, every signal at its default and none
/// blocked, and no other descriptor inherited. The group's leader (the returned pid) is a small
/// supervisor that ends exactly as the helper ends (exit status or signal) and, should candor
/// die first however it dies (SIGKILL included), kills the whole group: no helper outlives a
/// killed candor. Returns -1 with errno set when the helper could not be started.
pid_t candor_spawn_group(const char *path, char *const argv[], char *const envp[], int input_fd,
                         int output_fd);

/// A pipe whose two ends are closed on exec (pipe2 with O_CLOEXEC); 0, or -1 with errno set.
int candor_pipe(int fds[2]);

/// Helper groups to stop if candor is stopped: at SIGTERM, SIGINT or SIGHUP every registered
/// group gets SIGTERM and candor then dies of the signal as it would have. Installed once.
void candor_install_stop_handlers(void);
/// 0 on success, -1 when too many helpers run at once (64).
int candor_register_group(pid_t group);
void candor_unregister_group(pid_t group);
/// Whether a stop signal has arrived (candor is about to die of it).
int candor_stopping(void);

#endif
