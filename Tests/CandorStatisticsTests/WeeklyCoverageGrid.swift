import CandorTestSupport
import Foundation
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// Every weekly metric's 95% interval at 4, 20, 100 and 500 positives and prevalences of 2%,
/// 10% and 30% (issue 28's grid): the share of simulated weeks whose interval holds the model's
/// true value. `CANDOR_MC_GRID_REPS` simulated weeks per cell (default 800: one Monte Carlo
/// standard error is 0.8 points at 95%). The table goes to docs/statistics.md with the reason
/// for every cell outside 93–97%.
final class WeeklyCoverageGrid: SelfCheckCase {
  static let reps = Int(ProcessInfo.processInfo.environment["CANDOR_MC_GRID_REPS"] ?? "") ?? 800

  func testEveryWeeklyMetricCoversAtEverySizeAndPrevalence() throws {
    let sizes = [4, 20, 100, 500]
    let prevalences = [0.02, 0.10, 0.30]
    let grid = prevalences.flatMap { p in sizes.map { (p, $0) } }
    let model = SimulatedModel(recall: 0.7, specificity: 0.95, stability: 0.97)
    var cells: [[MetricName: SelfCheckTable.Rate]] = []
    for (prevalence, positives) in grid {
      let truth = SelfCheckTable.truth(model, prevalence: prevalence)
      let negatives = SelfCheckTable.negatives(positives, prevalence)
      let seed = UInt64(positives * 1000) &+ UInt64(prevalence * 100) &+ 0x6772_6964
      let covered = SelfCheckTable.parallel(Self.reps) { index -> [MetricName: Bool] in
        var random = RandomSource(seed: seed &* 6_364_136_223 &+ UInt64(index))
        let latent = SimulatedModel.latent(count: positives + negatives, random: &random)
        let set = model.week(latent: latent, positives: positives, random: &random)
        var hits: [MetricName: Bool] = [:]
        for (name, estimate) in SelfCheckTable.analyzer.analyze(set).metrics {
          guard let value = truth[name] else { continue }
          // An undefined metric (no prediction of the class, say) has no interval to cover.
          if let ci = estimate.ci95 { hits[name] = ci.contains(value) }
        }
        return hits
      }
      var cell: [MetricName: SelfCheckTable.Rate] = [:]
      for hits in covered {
        for (name, hit) in hits { cell[name, default: SelfCheckTable.Rate()].add(hit) }
      }
      cells.append(cell)
    }
    let columns = grid.map { "\($0.1) @ \(Int($0.0 * 100))%" }
    var lines = [
      "Weekly coverage of 95% intervals, in % (\(Self.reps) simulated weeks per cell; one Monte Carlo standard error is \(String(format: "%.1f", (0.95 * 0.05 / Double(Self.reps)).squareRoot() * 100)) points; positives @ prevalence):",
      "", "| metric | " + columns.joined(separator: " | ") + " |",
      "|---|" + columns.map { _ in "---:" }.joined(separator: "|") + "|",
    ]
    var outside: [String] = []
    var failing: [String] = []
    for name in SelfCheckTable.binaryMetrics {
      let rates = cells.map { $0[name] ?? SelfCheckTable.Rate() }
      lines.append("| \(name.rawValue) | " + rates.map(\.cell).joined(separator: " | ") + " |")
      for (rate, column) in zip(rates, columns) where rate.trials > 0 {
        let value = rate.value * 100
        if value < 93 || value > 97 {
          outside.append("\(name.rawValue) at \(column): \(rate.cell)")
        }
        // What a check can hold at this many repetitions: not below 90% beyond two standard errors.
        if value < 90 - 2 * rate.error {
          failing.append("\(name.rawValue) at \(column): \(rate.cell)")
        }
      }
    }
    lines += [
      "", "Cells outside 93–97%: " + (outside.isEmpty ? "none" : outside.joined(separator: "; ")),
    ]
    let table = lines.joined(separator: "\n")
    print(table)
    // Beside the main table (which another case writes whole), whichever runs first.
    if let path = ProcessInfo.processInfo.environment["CANDOR_MC_TABLE"] {
      let grid = path.replacingOccurrences(of: ".md", with: "") + "-grid.md"
      try (table + "\n").write(toFile: grid, atomically: true, encoding: .utf8)
    }
    XCTAssertTrue(failing.isEmpty, "coverage far below 95%: \(failing)")
  }
}
