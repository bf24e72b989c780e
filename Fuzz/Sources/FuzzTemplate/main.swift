import Foundation
import FuzzSupport

exit(
  runFuzzer { bytes, count in
    FuzzTemplate.render(bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
  })
