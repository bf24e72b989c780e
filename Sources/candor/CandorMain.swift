import CProcessArguments
import CandorCLI
import Foundation

/// Owns the process: runs the command line and exits with its status (see `CandorEntry`).
@main
enum CandorMain {
  static func main() async {
    // Buffers of a megabyte or more (score counters, ranking groups) go straight to the system
    // and back when freed. glibc's default threshold rises with each large free, up to 32 MB,
    // after which such buffers stay resident once freed: a 10-million-row report's peak then
    // varied by 25 MB from run to run.
    #if os(Linux)
      _ = mallopt(mmapThreshold, 1 << 20)
    #endif
    let outcome = await CandorEntry.run(Array(arguments().dropFirst()))
    if !outcome.stdout.isEmpty { FileHandle.standardOutput.write(Data(outcome.stdout.utf8)) }
    if !outcome.stderr.isEmpty { FileHandle.standardError.write(Data(outcome.stderr.utf8)) }
    exit(outcome.status)
  }
}

/// The arguments as the C library passed them; Swift's `CommandLine.arguments` where they were
/// not captured. (A static binary's `CommandLine` reads /proc/self/cmdline, absent in a chroot.)
private func arguments() -> [String] {
  let count = Int(candor_argument_count())
  guard count > 0, let pointers = candor_arguments() else { return CommandLine.arguments }
  return (0..<count).map { index in pointers[index].map { String(cString: $0) } ?? "" }
}

#if os(Linux)
  // glibc's mallopt and M_MMAP_THRESHOLD (malloc.h, which the Glibc module does not export).
  @_silgen_name("mallopt")
  private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
  private let mmapThreshold: Int32 = -3
#endif
