import Foundation
import FuzzSupport

// The CSV reader alone, with a 7-byte chunk so that every construct meets a chunk boundary.
exit(
  runFuzzer { bytes, count in
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzWorkspace.csvRecords(data, chunkSize: 7)
    return 0
  })
