#include "process_arguments.h"

static int saved_count;
static char *const *saved_arguments;

// glibc calls the functions of .init_array with (argc, argv, envp), in static and dynamic
// executables alike.
__attribute__((constructor)) static void candor_capture_arguments(int argc, char **argv,
                                                                   char **envp) {
  (void)envp;
  saved_count = argc;
  saved_arguments = argv;
}

int candor_argument_count(void) { return saved_count; }

char *const *candor_arguments(void) { return saved_arguments; }
