import CandorPipeline
import Foundation
import FuzzSupport

exit(
  runFuzzer { bytes, count in
    OwnFileReaders.historyCache(body: bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
  })
