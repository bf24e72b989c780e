import CandorModel
import CandorWorkspace

/// `--shard K/N`: this machine's share of the clients, by a stable hash of each client id,
/// so N machines together cover every client exactly once.
public struct Shard: Sendable, Equatable {
  public let index: Int
  public let count: Int

  public init?(argument: String) {
    let parts = argument.split(separator: "/")
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 1, k <= n
    else { return nil }
    index = k
    count = n
  }

  /// FNV-1a of the id's bytes: the same on every machine, Swift version and run.
  public static func hash(_ id: String) -> UInt64 { FNV1a.hash(id.utf8) }

  public func contains(_ clientID: String) -> Bool {
    Int(Self.hash(clientID) % UInt64(count)) == index - 1
  }
}
