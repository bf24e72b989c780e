import ArgumentParser
import CandorModel
import CandorPipeline
import CandorWorkspace

/// What `report` and `email` share: the workspace, one client's week, the report's link,
/// language and PDF, and the output folder, whose `.history` cache spares them reading every
/// earlier week in full.
struct ReportOptions: ParsableArguments {
  @OptionGroup var workspace: WorkspaceOptions

  @OptionGroup var target: ClientWeekOptions

  @OptionGroup var link: ReportURLOptions

  @OptionGroup var language: LocaleOptions

  @OptionGroup var printing: PDFOptions

  @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
  var out: String = "reports"

  @OptionGroup var output: OutputVerbosity

  func validate() throws {
    try Arguments.out(out, workspace: workspace.workspace)
  }

  /// The client's week through the whole pipeline, and the folder its report goes to.
  func run(in workspace: Workspace, templates: TemplateSources) throws -> (
    result: ClientRun.Result, folder: String
  ) {
    let result = try target.run(
      in: workspace, templates: templates, reportURL: link.reportURL, locale: language.reportLocale,
      historyFolder: HistoryCache.folder(out: out, client: target.client))
    return (result, "\(out)/\(target.client)/\(result.week)")
  }
}
