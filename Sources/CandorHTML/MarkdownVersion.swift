import CCmark

extension Markdown {
  /// The version of the libcmark linked into this binary ("0.30.2"), as libcmark reports it.
  public static var libraryVersion: String { String(cString: cmark_version_string()) }
}
