import Foundation

/// Builds a throwaway workspace on disk for a test: write files, run, inspect, delete.
public final class FixtureWorkspace {
  public let root: String

  public static let binaryClientYAML = """
    name: Acme Motors
    tasks:
      - id: engine-failure
        name: Engine failure within 30 days
        positive_label: failure
        primary_metric: recall
    validation_sets:
      - id: holdout
        description: Frozen test set
        role: test
      - id: recent
        description: Last four weeks
        role: validation
    """

  public init() {
    root = NSTemporaryDirectory() + "candor-test-" + UUID().uuidString
    try! FileManager.default.createDirectory(
      atPath: root + "/clients", withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: root) }

  /// Writes `contents` to a workspace-relative path, creating folders.
  @discardableResult
  public func write(_ path: String, _ contents: String) -> String {
    write(path, Data(contents.utf8))
  }

  @discardableResult
  public func write(_ path: String, _ data: Data) -> String {
    let full = root + "/" + path
    try! FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: full, contents: data)
    return full
  }

  /// A client with the binary client.yaml above and the given files under its folder.
  public func binaryClient(_ id: String = "acme", files: [String: String]) {
    write("clients/\(id)/client.yaml", Self.binaryClientYAML)
    for (path, contents) in files { write("clients/\(id)/\(path)", contents) }
  }

  public func path(_ relative: String) -> String { root + "/" + relative }
}
