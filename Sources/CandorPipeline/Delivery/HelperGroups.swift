import CSpawn
import Foundation

/// The process groups of the helpers running now, so that a candor stopped by a signal stops
/// them too: an orphaned MTA could still deliver a message that candor never recorded as sent.
/// The registry and the handler are C (`spawn_group.c`): a signal handler may only use
/// lock-free atomics.
enum HelperGroups {
  /// Starts a helper and registers its group, with the stop handlers in place first.
  static func start(_ spawn: () -> pid_t) -> pid_t {
    candor_install_stop_handlers()
    // Held off on this thread between the start and the registration, so a stop signal
    // cannot fall between them and leave the helper behind.
    var stops = sigset_t()
    var before = sigset_t()
    sigemptyset(&stops)
    for signalNumber in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&stops, signalNumber) }
    pthread_sigmask(SIG_BLOCK, &stops, &before)
    defer { pthread_sigmask(SIG_SETMASK, &before, nil) }
    let pid = spawn()
    if pid > 0, candor_register_group(pid) != 0 {
      // More than 64 helpers at once cannot happen (one per job); stop it rather than lose it.
      kill(-pid, SIGKILL)
    }
    return pid
  }

  package static func finished(_ pid: pid_t) { candor_unregister_group(pid) }

  /// A helper that ended because candor is being stopped: the run must not go on to act on
  /// its failure (and, say, forget a send that may have happened); candor is about to die.
  static func waitIfStopping() {
    guard candor_stopping() != 0 else { return }
    while true { pause() }
  }
}
