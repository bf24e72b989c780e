import Foundation
import FuzzSupport

// The input as `holdout.csv.gz`: damaged, truncated and concatenated gzip streams through the
// zlib byte source and the whole loader (seeds are gzip files, so mutations stay near gzip).
exit(
  runFuzzer { bytes, count in
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzWorkspace.evaluation(data, name: "holdout.csv.gz")
    return 0
  })
