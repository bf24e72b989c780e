#define _GNU_SOURCE
#include "spawn_group.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

// Between fork and exec, and in the supervisor, only async-signal-safe calls: candor has threads.

static void close_all_but(int keep) {
  for (int fd = 3; fd < 1024; fd++) {
    if (fd != keep) close(fd);
  }
#ifdef SYS_close_range
  syscall(SYS_close_range, 1024, ~0U, 0);
#endif
}

static void default_signals(void) {
  struct sigaction standard = {0};
  standard.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; sig++) sigaction(sig, &standard, NULL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
}

// The helper itself: standard streams in place, then exec; on failure its errno goes to
// `report` for the parent to say.
static void become_helper(const char *path, char *const argv[], char *const envp[], int input_fd,
                          int output_fd, int report) {
  if (dup2(input_fd, 0) >= 0 && dup2(output_fd, 1) >= 0 && dup2(output_fd, 2) >= 0) {
    close_all_but(report);
    execve(path, argv, envp);
  }
  int error = errno;
  ssize_t ignored = write(report, &error, sizeof error);
  (void)ignored;
  _exit(127);
}

// Candor holds the write end of this pipe for its whole life and never writes to it; a
// supervisor holds the read end, which reports end-of-file once candor is gone, however it
// died (the parent's pid is no witness: a killed candor stays a zombie until reaped).
static int lifeline[2] = {-1, -1};
static pthread_once_t lifeline_once = PTHREAD_ONCE_INIT;
static void make_lifeline(void) {
  if (pipe2(lifeline, O_CLOEXEC) != 0) lifeline[0] = lifeline[1] = -1;
}

// A stop signal sent to the supervisor alone (kill by pid) stops the whole group.
static void stop_whole_group(int sig) {
  (void)sig;
  kill(0, SIGKILL);
}

// The group's leader: waits for the helper and ends as it ended (same exit status, same
// signal); if candor dies first, however it dies, the whole group is killed.
static void supervise(pid_t helper) {
  struct sigaction handler = {0};
  handler.sa_handler = stop_whole_group;
  sigemptyset(&handler.sa_mask);
  int stops[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT};
  for (int i = 0; i < 4; i++) sigaction(stops[i], &handler, NULL);
  prctl(PR_SET_NAME, "candor-helper");
  for (;;) {
    int status;
    pid_t done = waitpid(helper, &status, WNOHANG);
    if (done == helper) {
      if (WIFSIGNALED(status)) {
        struct sigaction standard = {0};
        standard.sa_handler = SIG_DFL;
        sigaction(WTERMSIG(status), &standard, NULL);
        kill(getpid(), WTERMSIG(status));
      }
      _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 127);
    }
    struct pollfd watch = {.fd = lifeline[0], .events = POLLIN};
    if (poll(&watch, 1, 50) > 0) {
      kill(0, SIGKILL);
      _exit(137);
    }
  }
}

pid_t candor_spawn_group(const char *path, char *const argv[], char *const envp[], int input_fd,
                         int output_fd) {
  pthread_once(&lifeline_once, make_lifeline);
  if (lifeline[0] < 0) return -1;
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) {
    int saved = errno;
    close(report[0]);
    close(report[1]);
    errno = saved;
    return -1;
  }
  if (pid == 0) {
    setpgid(0, 0);
    default_signals();
    pid_t helper = fork();
    if (helper == 0) become_helper(path, argv, envp, input_fd, output_fd, report[1]);
    if (helper < 0) {
      int error = errno;
      ssize_t ignored = write(report[1], &error, sizeof error);
      (void)ignored;
      _exit(127);
    }
    // The supervisor holds only the lifeline's read end: the helper's pipes are its own.
    close_all_but(lifeline[0]);
    close(0);
    close(1);
    close(2);
    supervise(helper);
  }
  // Both sides set the group, so it exists whichever runs first.
  setpgid(pid, pid);
  close(report[1]);
  int error = 0;
  ssize_t got;
  do {
    got = read(report[0], &error, sizeof error);
  } while (got < 0 && errno == EINTR);
  close(report[0]);
  if (got == sizeof error) {
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    errno = error;
    return -1;
  }
  return pid;
}

int candor_pipe(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

// Written by threads, read by the signal handler: lock-free atomics only.
#define MAX_GROUPS 64
static _Atomic pid_t groups[MAX_GROUPS];
static _Atomic int stopping;

int candor_register_group(pid_t group) {
  for (int i = 0; i < MAX_GROUPS; i++) {
    pid_t empty = 0;
    if (atomic_compare_exchange_strong(&groups[i], &empty, group)) return 0;
  }
  return -1;
}

void candor_unregister_group(pid_t group) {
  for (int i = 0; i < MAX_GROUPS; i++) {
    pid_t expected = group;
    if (atomic_compare_exchange_strong(&groups[i], &expected, 0)) return;
  }
}

int candor_stopping(void) { return atomic_load(&stopping); }

static void stop_groups(int sig) {
  atomic_store(&stopping, 1);
  for (int i = 0; i < MAX_GROUPS; i++) {
    pid_t group = atomic_load(&groups[i]);
    if (group > 0) kill(-group, SIGTERM);
  }
  // Die of the signal as before: default action, delivered once this handler returns.
  struct sigaction standard = {0};
  standard.sa_handler = SIG_DFL;
  sigaction(sig, &standard, NULL);
  raise(sig);
}

void candor_install_stop_handlers(void) {
  static atomic_flag installed = ATOMIC_FLAG_INIT;
  if (atomic_flag_test_and_set(&installed)) return;
  int signals[] = {SIGTERM, SIGINT, SIGHUP};
  for (int i = 0; i < 3; i++) {
    struct sigaction current;
    // A signal the caller ignores (nohup) stays ignored.
    if (sigaction(signals[i], NULL, &current) == 0 && current.sa_handler == SIG_IGN) continue;
    struct sigaction handler = {0};
    handler.sa_handler = stop_groups;
    sigemptyset(&handler.sa_mask);
    sigaction(signals[i], &handler, NULL);
  }
}
