import CandorPipeline
import Foundation
import FuzzSupport

/// The folder each input is written into as sent.json, in shared memory when there is some.
enum Scratch {
  static let folder: String = {
    let base =
      FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = "\(base)/candor-fuzz-sent-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()
}

exit(
  runFuzzer { bytes, count in
    OwnFileReaders.sentRecord(
      bytes.map { Data(bytes: $0, count: count) } ?? Data(), folder: Scratch.folder)
    return 0
  })
