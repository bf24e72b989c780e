/// The test behind a change's verdict: which one, and whether a randomisation test also had to
/// agree (small sets). summary.json names it `name`, e.g. "delong-paired+randomisation".
public struct TestMethod: Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable, CaseIterable {
    case signFlip = "sign-flip"
    case signFlipExact = "sign-flip-exact"
    case permutation
    case delongPaired = "delong-paired"
    case delong
    case bootstrapPaired = "bootstrap-paired"
    case bootstrap
    case pairedNormal = "paired-normal"
    case welch
    case delta

    /// The test compares each example with itself across the weeks (by id).
    public var isPaired: Bool {
      switch self {
      case .signFlip, .signFlipExact, .delongPaired, .bootstrapPaired, .pairedNormal: true
      case .permutation, .delong, .bootstrap, .welch, .delta: false
      }
    }
  }

  public var kind: Kind
  public var confirmedByRandomisation: Bool

  public init(_ kind: Kind, confirmedByRandomisation: Bool = false) {
    self.kind = kind
    self.confirmedByRandomisation = confirmedByRandomisation
  }

  public var isPaired: Bool { kind.isPaired }
  public var name: String { kind.rawValue + (confirmedByRandomisation ? "+randomisation" : "") }
  public var description: String { name }

  /// This test with a randomisation test that also had to agree.
  public var confirmed: TestMethod { TestMethod(kind, confirmedByRandomisation: true) }

  public static let signFlip = TestMethod(.signFlip)
  public static let signFlipExact = TestMethod(.signFlipExact)
  public static let permutation = TestMethod(.permutation)
  public static let delongPaired = TestMethod(.delongPaired)
  public static let delong = TestMethod(.delong)
  public static let bootstrapPaired = TestMethod(.bootstrapPaired)
  public static let bootstrap = TestMethod(.bootstrap)
  public static let pairedNormal = TestMethod(.pairedNormal)
  public static let welch = TestMethod(.welch)
  public static let delta = TestMethod(.delta)
}
