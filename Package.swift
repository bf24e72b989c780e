// swift-tools-version:6.0
import PackageDescription

// Exclusivity checks cost a third of the CSV reader's time in release builds; the reader's
// state is private to one thread, so they are switched off there.
let fastInRelease: [SwiftSetting] = [
  .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
]
// The analysis resamples every change thousands of times and the readers sort millions of
// rows; unoptimised, one sample report takes 25 s instead of 1 s. Tests spawn and call these
// modules hundreds of times, so debug builds (what `swift test` builds) optimise them too, and
// the test targets that compute reference results of their own.
let optimisedAlways: [SwiftSetting] =
  fastInRelease + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
  name: "Candor",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "candor", targets: ["candor"]),
    // The library modules, stage by stage, for tools built on Candor (the fuzz targets are).
    .library(
      name: "CandorKit",
      targets: [
        "CandorKernels", "CandorModel", "CandorIngest", "CandorWorkspace", "CandorAnalysis",
        "CandorReport", "CandorHTML", "CandorPipeline",
      ]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CCmark",
      pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"])]
    ),
    // zlib, for `<set-id>.csv.gz` (streamed, never decompressed whole).
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // renameat2's exchange, for replacing a report folder in one step.
    .target(name: "CAtomicSwap"),
    // The default Templates/ compiled into the binary: the plugin regenerates the embedded
    // source whenever a file under Templates/ is added, removed or changed.
    .executableTarget(name: "TemplateEmbedder", path: "Sources/TemplateEmbedder"),
    .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["TemplateEmbedder"]),
    .target(name: "CandorBuiltinTemplates", plugins: ["EmbedTemplates"]),
    // Email messages (RFC 5322, MIME) and addresses: Foundation only, used by ingest to check
    // the addresses in client.yaml and by the CLI to write email.eml.
    .target(name: "CandorMail"),
    // Sorting, threads and memory advice: the fast paths, knowing nothing of evaluations.
    .target(name: "CandorKernels", swiftSettings: optimisedAlways),
    // The values every stage shares: ids, ISO weeks, metric names, client.yaml as read, a
    // week's evaluations, input errors and limits. No I/O.
    .target(
      name: "CandorModel", dependencies: ["CandorKernels", "CandorMail"],
      swiftSettings: optimisedAlways),
    // The readers: CSV (plain and gzip), counts, JSON, YAML, client.yaml and the worklog, each
    // bounded; files are opened only through a client's `ClientFolder`.
    .target(
      name: "CandorIngest",
      dependencies: ["CandorKernels", "CandorModel", "CandorMail", "Yams", "CZlib"],
      swiftSettings: optimisedAlways),
    // The workspace's layout: clients, their weeks and tasks loaded, `candor add` and `check`.
    .target(
      name: "CandorWorkspace",
      dependencies: ["CandorKernels", "CandorModel", "CandorIngest", "CandorMail"],
      swiftSettings: optimisedAlways),
    .target(
      name: "CandorAnalysis", dependencies: ["CandorKernels", "CandorModel"],
      swiftSettings: optimisedAlways),
    .target(
      name: "CandorReport",
      dependencies: [
        "CandorModel", "CandorIngest", "CandorWorkspace", "CandorAnalysis",
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      swiftSettings: optimisedAlways,
      plugins: ["EmbedTemplates"]
    ),
    // Markup: the report's view models become HTML here, and the page is composed.
    .target(
      name: "CandorHTML",
      dependencies: ["CCmark", "CandorModel", "CandorWorkspace", "CandorAnalysis", "CandorReport"],
      swiftSettings: optimisedAlways),
    // What a command runs, with no command line in sight: a client's week (analysis, the
    // history cache, report folders written atomically), delivery (PDF, email, sent.json),
    // `candor diff`'s CI outputs and the portfolio. The CLI and the fuzz targets drive it.
    .target(
      name: "CandorPipeline",
      dependencies: [
        "CandorModel", "CandorIngest", "CandorWorkspace", "CandorAnalysis", "CandorReport",
        "CandorHTML", "CAtomicSwap", "CandorBuiltinTemplates", "CandorMail", "CSpawn",
      ],
      swiftSettings: optimisedAlways
    ),
    // The command line only: arguments, their checks, and which pipeline step each command runs.
    .target(
      name: "CandorCLI",
      dependencies: [
        "CandorPipeline", "CandorModel", "CandorIngest", "CandorWorkspace", "CandorAnalysis",
        "CandorReport", "CandorHTML", "CandorMail",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: optimisedAlways
    ),
    // argv captured before main, so a static binary needs no /proc to see its arguments.
    .target(name: "CProcessArguments"),
    // fork and exec with a process group and a parent-death signal, which posix_spawn lacks.
    .target(name: "CSpawn"),
    .executableTarget(name: "candor", dependencies: ["CandorCLI", "CProcessArguments"]),
    .target(
      name: "CandorTestSupport",
      dependencies: [
        "CandorModel", "CandorIngest", "CandorWorkspace", "CandorAnalysis", "CandorReport", "CZlib",
      ],
      path: "Tests/CandorTestSupport"
    ),
    // One test target per library module, each in-process; the commands as a user runs them
    // (a `candor` process, its exit status, output and files) in CandorEndToEndTests.
    // The sort and reader tests build reference results of a million rows in the test's own
    // code: optimised, as the modules they check are.
    .testTarget(
      name: "CandorKernelsTests", dependencies: ["CandorKernels", "CandorTestSupport"],
      swiftSettings: optimisedAlways),
    .testTarget(
      name: "CandorIngestTests",
      dependencies: ["CandorKernels", "CandorModel", "CandorIngest", "CandorTestSupport"],
      swiftSettings: optimisedAlways
    ),
    .testTarget(
      name: "CandorWorkspaceTests",
      dependencies: [
        "CandorKernels", "CandorModel", "CandorIngest", "CandorWorkspace", "CandorMail",
        "CandorTestSupport",
      ],
      swiftSettings: optimisedAlways
    ),
    .testTarget(name: "CandorMailTests", dependencies: ["CandorMail", "CandorTestSupport"]),
    .testTarget(
      name: "CandorAnalysisTests",
      // The reasons' words (CandorReport, through CandorTestSupport) are checked beside the numbers.
      dependencies: [
        "CandorAnalysis", "CandorKernels", "CandorModel", "CandorIngest", "CandorWorkspace",
        "CandorReport", "CandorTestSupport",
      ],
      exclude: ["Fixtures"],
      swiftSettings: optimisedAlways
    ),
    // Simulations and property tests of the statistics: minutes, not seconds. `swift test`
    // skips them; `Scripts/self-check` (and CI) runs them with CANDOR_SELF_CHECK=1.
    .testTarget(
      name: "CandorStatisticsTests",
      dependencies: ["CandorAnalysis", "CandorModel", "CandorWorkspace", "CandorTestSupport"],
      swiftSettings: optimisedAlways
    ),
    // The words: every wording rule on both sides of its boundary, from analyses built in the test.
    .testTarget(
      name: "CandorReportTests",
      dependencies: [
        "CandorAnalysis", "CandorModel", "CandorWorkspace", "CandorReport", "CandorHTML",
        "CandorTestSupport",
      ]
    ),
    .testTarget(
      name: "CandorHTMLTests", dependencies: ["CandorHTML", "CandorReport", "CandorTestSupport"]),
    .testTarget(
      name: "CandorPipelineTests",
      dependencies: [
        "CandorPipeline", "CandorModel", "CandorWorkspace", "CandorAnalysis", "CandorReport",
        "CandorHTML", "CandorTestSupport",
      ]
    ),
    .testTarget(
      name: "CandorEndToEndTests",
      dependencies: [
        "CandorCLI", "CandorPipeline", "CandorModel", "CandorIngest", "CandorWorkspace",
        "CandorAnalysis", "CandorReport", "CandorHTML", "CandorBuiltinTemplates",
        "CandorTestSupport", "CandorMail",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      exclude: ["Golden"]
    ),
  ]
)
