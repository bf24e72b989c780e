import CandorKernels
import CandorTestSupport
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// The ranking changes' shortcuts for large sets give the numbers of the plain definitions.
final class RankingChangeScaleTests: XCTestCase {
  func testPlacementsAgreeWithComparingEveryPair() {
    var random = SeededRandom(seed: 42)
    // Written with at most six decimals in a narrow range, scores are counted (also negative
    // ones, and away from zero); with more decimals, a range too wide to count, or −0.0 beside
    // +0.0 (a −0.0 would come back as +0.0), they are searched. Ties within and across classes.
    let cases: [(score: (Int) -> Double, counted: ([Double]) -> Bool)] = [
      ({ Double($0) / 20 }, { _ in true }),
      ({ Double($0 - 10) / 16 }, { _ in true }),
      ({ Double($0) / 20 + 3.5 }, { _ in true }),
      ({ Double($0 * 7 + 1) / 7 }, { _ in false }),
      ({ Double($0) * 1_000 + 0.5 }, { _ in false }),
      (
        { $0 == 0 ? -0.0 : Double($0 - 10) / 16 }, { !$0.contains { $0 == 0 && $0.sign == .minus } }
      ),
    ]
    for (score, counted) in cases {
      for count in [2, 3, 7, 64, 500] {
        let scores = (0..<count).map { _ in score(Int.random(in: 0...20, using: &random)) }
        var isPositive = (0..<count).map { _ in Bool.random(using: &random) }
        isPositive[0] = true
        isPositive[1] = false
        XCTAssertEqual(
          DecimalPlacements(scores, isPositive) != nil, counted(scores), "\(scores.prefix(5))")
        let (positives, negatives) = ScoredPairs.placements(scores, isPositive)
        let positiveScores = zip(scores, isPositive).filter(\.1).map(\.0)
        let negativeScores = zip(scores, isPositive).filter { !$0.1 }.map(\.0)
        func share(_ x: Double, outranks others: [Double], above: Bool) -> Double {
          let wins = others.filter { above ? $0 < x : $0 > x }.count
          let ties = others.filter { $0 == x }.count
          return (Double(wins) + 0.5 * Double(ties)) / Double(others.count)
        }
        XCTAssertEqual(
          positives, positiveScores.map { share($0, outranks: negativeScores, above: true) })
        XCTAssertEqual(
          negatives, negativeScores.map { share($0, outranks: positiveScores, above: false) })
      }
    }
  }

  func testCountBelowMatchesAScanAtEveryLength() {
    for length in 0...40 {
      // Ties: each value twice or more.
      let sorted = (0..<length).map { Double($0 / 3) / 4 }
      sorted.withUnsafeBufferPointer { buffer in
        for x in stride(from: -0.125, through: Double(length) / 12 + 0.25, by: 0.125) {
          XCTAssertEqual(
            ScoredPairs.countBelow(x, in: buffer, orEqual: false), sorted.filter { $0 < x }.count,
            "length \(length), \(x)")
          XCTAssertEqual(
            ScoredPairs.countBelow(x, in: buffer, orEqual: true), sorted.filter { $0 <= x }.count,
            "length \(length), \(x)")
        }
      }
    }
  }

  /// Two weeks of one model without ids, so the weeks are compared as different examples;
  /// with each week's delta-method standard error of average precision.
  func change(positives: Int, seed: UInt64) -> (change: MetricChange, errors: [Double]) {
    var random = RandomSource(seed: seed)
    let model = SimulatedModel(recall: 0.6, specificity: 0.95, stability: 0.97)
    let n = positives * 10
    var weeks = (0..<2).map { _ in
      model.week(
        latent: SimulatedModel.latent(count: n, random: &random), positives: positives,
        random: &random)
    }
    for index in weeks.indices { weeks[index].keyed = nil }
    let analyzer = SetAnalyzer(classes: ["ok", "failure"], positive: 1)
    let analyses = weeks.map(analyzer.analyze)
    let changes = ChangeAnalyzer().compare(
      before: (weeks[0], analyses[0]), after: (weeks[1], analyses[1]))
    return (
      changes.first { $0.metric == .prAUC }!,
      analyses.map { $0.ranking!.levels.deltaStandardError() }
    )
  }

  func testAveragePrecisionChangeOnManyLevelsIsTheDeltaMethodsNormalTest() throws {
    let (large, errors) = change(positives: 3_000, seed: 5)
    XCTAssertEqual(large.test?.name, "delta")
    XCTAssertNil(large.pairedExamples, "nothing was paired")
    let delta = try XCTUnwrap(large.delta)
    let ci = try XCTUnwrap(large.ci95)
    // The weeks are independent: their standard errors (about 0.008 each here) add in
    // quadrature, not one alone (0.016 wide) nor summed (0.032).
    let se = (errors[0] * errors[0] + errors[1] * errors[1]).squareRoot()
    XCTAssertEqual(se, 0.0117, accuracy: 0.0015)
    XCTAssertEqual(ci.lowerBound, delta - Normal.z95 * se, accuracy: 1e-12)
    XCTAssertEqual(ci.upperBound, delta + Normal.z95 * se, accuracy: 1e-12)
    XCTAssertEqual(try XCTUnwrap(large.pValue), Normal.twoSidedP(delta / se), accuracy: 1e-12)
    // Below the level limit in either week, the weeks are still bootstrapped.
    XCTAssertEqual(change(positives: 1_000, seed: 5).change.test?.name, "bootstrap")
  }

  /// The paired DeLong test reads placements from running counts when scores are written as
  /// exports write them; the result must be the stored placements' bit for bit, also when some
  /// ids are in one week only, some examples changed class and scores tie.
  func testCountedPairedDeLongIsTheStoredOneBitForBit() throws {
    var random = SeededRandom(seed: 7)
    for (rows, digits) in [(40, 2), (3_000, 3), (20_000, 6)] {
      let scale = Double([1, 10, 100, 1_000, 10_000, 100_000, 1_000_000][digits])
      func week(_ shift: Double) -> EvaluationSet {
        // Ids 0..<rows, less a few in each week; the label flips on a few.
        let ids = (0..<rows).filter { _ in Int.random(in: 0..<50, using: &random) != 0 }
        let labels = ids.map { id -> UInt16 in
          let positive = id % 7 == 0
          return (Int.random(in: 0..<100, using: &random) == 0 ? !positive : positive) ? 1 : 0
        }
        let scores = labels.map { label in
          (min(1, max(0, Double(label) * 0.3 + shift + Double.random(in: 0..<0.7, using: &random)))
            * scale).rounded() / scale
        }
        let keyed = KeyedExamples(
          idHashes: ids.map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }, labels: labels,
          predictions: labels, scores: scores)
        return EvaluationSet(
          setID: "s", file: "f", source: .predictions, matrix: [[0, 0], [0, 0]], segments: [],
          keyed: keyed)
      }
      let pairs = try XCTUnwrap(
        ScoredPairs(before: week(0), beforePositive: 1, after: week(0.05), afterPositive: 1))
      let counted = try XCTUnwrap(pairs.countedDelong(), "\(rows) rows")
      let stored = pairs.storedDelong()
      XCTAssertEqual(counted.delta.bitPattern, stored.delta.bitPattern, "\(rows) rows")
      XCTAssertEqual(counted.variance.bitPattern, stored.variance.bitPattern, "\(rows) rows")
      XCTAssertGreaterThan(stored.variance, 0)
    }
  }

  /// Pairs whose class changed are left out of a paired ranking test; where that leaves out
  /// most positives (a label correction), the pairs would test another quantity than the
  /// change reported, so the test is unpaired. One relabelled positive in twenty keeps pairing.
  func testMostPositivesRelabelledIsNotPaired() throws {
    func week(relabelled: Int) -> EvaluationSet {
      let ids = Array(0..<400)
      let labels = ids.map { id -> UInt16 in
        let positive = id % 20 == 0
        return (positive && id / 20 < relabelled) ? 0 : positive ? 1 : 0
      }
      let positives = labels.filter { $0 == 1 }.count
      return EvaluationSet(
        setID: "s", file: "f", source: .predictions,
        matrix: [[400 - positives, 0], [0, positives]], segments: [],
        keyed: KeyedExamples(
          idHashes: ids.map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }, labels: labels,
          predictions: labels, scores: ids.map { Double(($0 * 37) % 100) / 100 }))
    }
    XCTAssertNotNil(
      ScoredPairs(
        before: week(relabelled: 0), beforePositive: 1, after: week(relabelled: 1),
        afterPositive: 1))
    XCTAssertNil(
      ScoredPairs(
        before: week(relabelled: 0), beforePositive: 1, after: week(relabelled: 15),
        afterPositive: 1))
  }

  /// A score only one week has (its id unpaired) takes no part in the paired test, so it cannot
  /// send the test from the counted placements to the stored ones, whatever its digits.
  func testAnUnpairedScoreDoesNotStopThePlacementsBeingCounted() throws {
    func week(_ extra: Double?) -> EvaluationSet {
      var ids = Array(0..<200)
      var scores = ids.map { Double(($0 * 37) % 100) / 100 }
      if let extra {
        ids.append(1_000)
        scores.append(extra)
      }
      let labels = ids.map { UInt16($0 % 5 == 0 ? 1 : 0) }
      return EvaluationSet(
        setID: "s", file: "f", source: .predictions, matrix: [[0, 0], [0, 0]], segments: [],
        keyed: KeyedExamples(
          idHashes: ids.map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }, labels: labels,
          predictions: labels, scores: scores))
    }
    // A seventh decimal (the week's scores kept as doubles), and a six-decimal score far from
    // the rest (kept as codes, whose range would be too wide to count).
    for extra in [0.123_456_7, 4_000] {
      let pairs = try XCTUnwrap(
        ScoredPairs(before: week(nil), beforePositive: 1, after: week(extra), afterPositive: 1))
      let counted = try XCTUnwrap(pairs.countedDelong(), "\(extra)")
      XCTAssertEqual(counted.variance.bitPattern, pairs.storedDelong().variance.bitPattern)
    }
    // A paired score with a seventh decimal does send it to the stored placements.
    let seventh = try XCTUnwrap(
      ScoredPairs(before: week(nil), beforePositive: 1, after: week(nil), afterPositive: 1))
    XCTAssertNotNil(seventh.countedDelong())
    var before = week(nil)
    before.keyed?.setScore(3, 0.123_456_7)
    XCTAssertNil(
      ScoredPairs(before: before, beforePositive: 1, after: week(nil), afterPositive: 1)?
        .countedDelong())
  }

  /// A week with ids and scores as exports write them is ranked from its scores counted by
  /// value, not from a sorted copy: the metrics must be the sorted copy's, bit for bit.
  func testRankingFromCountedScoresIsTheSortedScoresBitForBit() throws {
    var random = SeededRandom(seed: 11)
    let rows = 70_000  // above the 65,536 below which a comparison sort is faster
    let labels = (0..<rows).map { _ in UInt16(Int.random(in: 0..<20, using: &random) == 0 ? 1 : 0) }
    // Three decimals: many ties within and across the classes.
    let scores = labels.map { label -> Double in
      let raw = Double(label) * 0.2 + Double.random(in: 0..<0.8, using: &random)
      return (raw * 1_000).rounded() / 1_000
    }
    let positives = labels.reduce(0) { $0 + Int($1) }
    let set = EvaluationSet(
      setID: "s", file: "f", source: .predictions,
      matrix: [[rows - positives, 0], [0, positives]], segments: [],
      keyed: KeyedExamples(
        idHashes: (0..<rows).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }, labels: labels,
        predictions: labels, scores: scores))
    let counted = RankingMetrics(try XCTUnwrap(set.scoreCounts(positive: 1)))
    let sorted = RankingMetrics(try XCTUnwrap(set.scoresByClass(positive: 1)))
    XCTAssertEqual(counted.rocAUC?.bitPattern, sorted.rocAUC?.bitPattern)
    XCTAssertEqual(counted.rocAUCVariance?.bitPattern, sorted.rocAUCVariance?.bitPattern)
    XCTAssertEqual(counted.averagePrecision?.bitPattern, sorted.averagePrecision?.bitPattern)
    XCTAssertEqual(counted.levels.positives, sorted.levels.positives)
    XCTAssertEqual(counted.levels.negatives, sorted.levels.negatives)
    XCTAssertEqual(counted.positives, positives)
    XCTAssertEqual(counted.levels.negativesBelow, sorted.levels.negativesBelow)
    // A score with more than six decimals: ranked from the sorted copy.
    var seventh = set
    seventh.keyed?.setScore(0, 0.123_456_7)
    XCTAssertNil(seventh.scoreCounts(positive: 1))
    XCTAssertNotNil(seventh.scoresByClass(positive: 1))
  }
}

extension KeyedExamples {
  /// Replaces one row's score (the column becomes doubles where the new score has no code).
  fileprivate mutating func setScore(_ row: Int, _ value: Double) {
    var values = scores!.values
    values[row] = value
    scores = ScoreColumn(values)
  }
}
