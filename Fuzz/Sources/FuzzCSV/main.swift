import Foundation
import FuzzSupport

exit(
  runFuzzer { bytes, count in
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzWorkspace.evaluation(data, name: "holdout.csv")
    return 0
  })
