import CandorModel
import CandorWorkspace
import Foundation

/// One task as a report reads it, from a throwaway workspace: the binary client `acme`
/// (`FixtureWorkspace.binaryClientYAML`, or `yaml`) whose holdout set is `csv`.
public enum LoadedTask {
  public static func load(_ csv: String, yaml: String, files extra: [String: String] = [:])
    throws -> TaskEvaluation
  {
    let workspace = FixtureWorkspace()
    var files = ["weeks/2026-W48/evaluations/engine-failure/holdout.csv": csv]
    files.merge(extra) { _, new in new }
    workspace.binaryClient(files: files)
    workspace.write("clients/acme/client.yaml", yaml)
    let client = try ClientWorkspace.open(try Workspace(path: workspace.root), id: "acme")
    return try client.load(client.weeks[0]).tasks[0]
  }

  /// Every problem opening `client` in the workspace at `root` and loading each of its weeks.
  public static func loadingError(root: String, client: String = "acme") -> String {
    error {
      let opened = try ClientWorkspace.open(try Workspace(path: root), id: client)
      for week in opened.weeks { _ = try opened.load(week) }
      return opened
    }
  }

  /// Every problem `body` throws, one per line as candor prints them; "no error" when none.
  public static func error(_ body: () throws -> Any) -> String {
    do {
      _ = try body()
      return "no error"
    } catch let error as InputErrors {
      return error.errors.map(\.description).joined(separator: "\n")
    } catch {
      return (error as? LocalizedError)?.errorDescription ?? "\(error)"
    }
  }
}
