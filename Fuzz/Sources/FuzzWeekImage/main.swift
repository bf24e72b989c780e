import Foundation
import FuzzSupport

exit(
  runFuzzer { bytes, count in
    FuzzWorkspace.weekImage(bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
  })
