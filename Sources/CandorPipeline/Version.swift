import CandorHTML

/// Candor's version, written in this one place: `candor --version` prints it, and
/// Scripts/build-release reads the `number` line below to name and label the Debian package.
public enum CandorVersion {
  public static let number = "1.2.0"

  /// What `candor --version` prints: Candor's version, then the libcmark it renders with.
  public static var description: String {
    "candor \(number)\nlibcmark \(Markdown.libraryVersion)"
  }
}
