// swift-tools-version:6.0
// libFuzzer targets for Candor's readers. Built only by Scripts/fuzz, with
// -sanitize=fuzzer,address, in its own scratch folder (.build-fuzz); not part of `swift test`.
import PackageDescription

let targets = [
  "FuzzCSV", "FuzzCSVGzip", "FuzzCSVReader", "FuzzCounts", "FuzzClientYAML", "FuzzWorklog",
  "FuzzTemplate", "FuzzHistoryCache", "FuzzSentRecord", "FuzzWeekImage",
]

let package = Package(
  name: "CandorFuzz",
  dependencies: [.package(name: "Candor", path: "..")],
  targets: [
    .target(name: "FuzzSupport", dependencies: [.product(name: "CandorKit", package: "Candor")])
  ]
    + targets.map { name in
      // Each main.swift hands LLVMFuzzerTestOneInput to libFuzzer's driver (SwiftPM renames an
      // executable's main, so libFuzzer's own main cannot be used).
      .executableTarget(
        name: name, dependencies: ["FuzzSupport", .product(name: "CandorKit", package: "Candor")])
    }
)
