import CandorAnalysis
import CandorModel
import CandorReport
import CandorWorkspace

/// Every file of one client's weekly report, as text, ready to be written.
public struct ReportOutputs: Sendable {
  /// The client's edition: what a client reads, ending where a client stops reading.
  public var reportMarkdown: String
  public var reportHTML: String
  /// The team's edition: the client's report plus every finding with its code and every
  /// metric of every set, for the ML lead; never attached to a client's email.
  public var teamHTML: String = ""
  public var snippetText: String
  public var snippetHTML: String
  public var snippetMarkdown: String
  public var summaryJSON: String
  /// Remarks for the team, never shown to the client.
  public var notesMarkdown: String
  /// The weekly email's subject (`narrative/email`), in the report's language.
  public var emailSubject: String = ""
  /// The printed report's footer: the client's name and the week, in the report's language.
  public var printFooter: String = ""
  /// Each task's status, for the email's subject and the portfolio.
  public var statusLines: [StatusLine] = []
  /// The snippet and the words it was written with, for the weekly email's body.
  var emailSource: EmailSource?

  struct EmailSource: Sendable {
    var snippet: SnippetView
    var templates: TemplateLibrary
    var locale: ReportLocale
  }

  /// The weekly email's text and HTML parts: the snippet with a greeting, a closing and a
  /// sentence about the full report that matches `attachment`.
  public func emailBody(
    attachment: ReportAttachment, contactName: String?, signature: String?
  ) throws -> (text: String, html: String) {
    guard let source = emailSource else { return (snippetText, snippetHTML) }
    let words = Words(templates: source.templates, locale: source.locale)
    let view = Narrator(words: words).email(
      source.snippet, attachment: attachment, contactName: contactName, signature: signature)
    return (
      ReportComposer.tidy(try source.templates.render(view, template: words.name("snippet.txt"))),
      try source.templates.render(view, template: words.name("snippet.html"))
    )
  }

  /// File name and contents, in the order the contract lists them.
  public var files: [(name: String, contents: String)] {
    [
      ("report.html", reportHTML), ("report.md", reportMarkdown), ("snippet.txt", snippetText),
      ("snippet.html", snippetHTML), ("summary.json", summaryJSON), ("notes.md", notesMarkdown),
      ("report-team.html", teamHTML),
    ]
  }
}

/// Analysis → narrative → markup → Markdown → HTML: the last stages of the pipeline. It lives
/// with the markup because the templates render the narrative's view models only after their
/// tables and figures are HTML.
public struct ReportComposer: Sendable {
  public let templates: TemplateLibrary

  public init(templates: TemplateLibrary) {
    self.templates = templates
  }

  /// - Parameter reportURL: `--report-url`, the base address the snippet's "Full report" links to.
  /// - Parameter locale: the language of the report, snippet and notes; summary.json is always English.
  /// - Parameter machineAnalysis: the week as summary.json tells it, with the client's texts
  ///   in English whatever `locale` (by default `week` itself).
  public func compose(
    _ week: WeekAnalysis, reportURL: String? = nil, locale: ReportLocale = .english,
    machineAnalysis: WeekAnalysis? = nil
  ) throws -> ReportOutputs {
    let narrator = Narrator(words: Words(templates: templates, locale: locale))
    let report = narrator.report(week)
    let team = ReportMarkup.render(report, words: narrator.words)
    let view = ReportMarkup.render(report.clientEdition, words: narrator.words)
    let markdown = Self.tidy(try templates.render(view, template: narrator.words.name("report.md")))
    let page = try self.page(markdown, view: report, locale: locale)
    let teamMarkdown = Self.tidy(
      try templates.render(team, template: narrator.words.name("report.md")))
    let snippet = narrator.snippet(week, reportURL: reportURL)
    return ReportOutputs(
      reportMarkdown: markdown,
      reportHTML: page,
      teamHTML: try self.page(teamMarkdown, view: report, locale: locale),
      snippetText: Self.tidy(
        try templates.render(snippet, template: narrator.words.name("snippet.txt"))),
      snippetHTML: try templates.render(snippet, template: narrator.words.name("snippet.html")),
      snippetMarkdown: Self.tidy(
        try templates.render(snippet, template: narrator.words.name("snippet.md"))),
      summaryJSON: SummaryJSON.make(machineAnalysis ?? week, words: Words(templates: templates))
        .serialized(),
      notesMarkdown: narrator.teamNotes(week),
      emailSubject: Self.subject(
        client: week.clientName, week: narrator.words.week(week.week), statuses: report.statusLines,
        words: narrator.words),
      printFooter: "\(week.clientName) · \(narrator.words.week(week.week))",
      statusLines: report.statusLines,
      emailSource: ReportOutputs.EmailSource(snippet: snippet, templates: templates, locale: locale)
    )
  }

  /// Subjects longer than this name only the tasks that need attention and count the rest.
  static let subjectLimit = 90

  /// `Acme Motors, week 2026-W48: Brake pad wear grade worse, Engine failure within 30 days
  /// better`: each task's status, the most urgent first; when that is long, the tasks that need
  /// attention by name and the others counted ("Brake pad wear grade worse, 1 better"); when
  /// that is still long, counts only ("1 worse, 1 better").
  static func subject(client: String, week: String, statuses: [StatusLine], words: Words)
    -> String
  {
    func say(_ statuses: String) -> String {
      words.sentence(
        Sentence.Email.subject, ["client": client, "week": week, "statuses": statuses])
    }
    guard !statuses.isEmpty else { return say(words.phrase(.status_noData)) }
    let ordered = statuses.enumerated().sorted {
      ($0.element.status.rank, $0.offset) < ($1.element.status.rank, $1.offset)
    }.map(\.element)
    func named(_ line: StatusLine) -> String {
      words.sentence(Sentence.Email.taskStatus, ["task": line.task, "status": line.words])
    }
    func counted(_ lines: [StatusLine]) -> [String] {
      TaskStatus.allCases.sorted { $0.rank < $1.rank }.compactMap { status in
        let n = lines.filter { $0.status == status }.count
        return n == 0
          ? nil
          : words.sentence(
            Sentence.Email.statusCount,
            ["count": String(n), "status": words.phrase(.status(status))])
      }
    }
    let full = say(ordered.map(named).joined(separator: ", "))
    guard full.count > subjectLimit else { return full }
    let urgent = ordered.filter { $0.status == .worse || $0.status == .tooFewToTell }
    let rest = ordered.filter { $0.status != .worse && $0.status != .tooFewToTell }
    let mixed = say((urgent.map(named) + counted(rest)).joined(separator: ", "))
    guard mixed.count > subjectLimit || urgent.isEmpty else { return mixed }
    return say(counted(ordered).joined(separator: ", "))
  }

  /// A report's Markdown as the self-contained page, with its security policy.
  func page(_ markdown: String, view: ReportView, locale: ReportLocale) throws -> String {
    let name = Words(templates: templates, locale: locale).name("page.html")
    let page = try templates.render(
      PageView(
        title: view.title, body: Markdown.html(from: markdown), language: locale.code,
        labels: view.labels),
      template: name)
    return PageSecurity.apply(try TemplatePolicy.checked(page: page, template: name))
  }

  /// Collapses runs of blank lines that conditional sections leave behind.
  static func tidy(_ text: String) -> String {
    var lines: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let blank = line.allSatisfy { $0 == " " }
      if blank && (lines.last.map { $0.isEmpty } ?? true) { continue }
      lines.append(blank ? "" : line)
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// What layout/page.html renders: a report, a diff or the batch's portfolio.
public struct PageView: Sendable {
  var title: String
  var body: String
  /// The title as a CSS string body, for the printed page's margin.
  var printHeader: String
  /// The page's `lang`.
  var language: String
  /// The layout's words in the page's language (the printed page's "Page 1 of 3").
  var labels: [String: String]

  public init(title: String, body: String, language: String = "en", labels: [String: String]) {
    self.title = title
    self.body = body
    self.language = language
    self.labels = labels
    self.printHeader = Self.cssString(title)
  }

  /// The printed page's margin text, escaped as a CSS string (see `HTML.cssString`).
  static func cssString(_ text: String) -> String { HTML.cssString(text) }
}

/// The diff's files: Markdown, HTML through the same page shell, and JSON.
public struct DiffOutputs: Sendable {
  public var markdown: String
  public var html: String
  public var json: String
  public var text: String

  public var files: [(name: String, contents: String)] {
    [("diff.html", html), ("diff.md", markdown), ("diff.json", json)]
  }
}

extension ReportComposer {
  public func composeDiff(
    _ diff: ModelDiff, client: String, clientName: String, ids: [UInt64: String]
  ) throws -> DiffOutputs {
    let narrator = DiffNarrator(ids: ids, words: Words(templates: templates))
    let diffView = narrator.view(diff, clientName: clientName)
    let markdown = Self.tidy(
      try templates.render(ReportMarkup.render(diffView), template: "diff.md"))
    let rendered = try templates.render(
      PageView(
        title: diffView.title, body: Markdown.html(from: markdown),
        labels: Words(templates: templates).layoutLabels()), template: "page.html")
    let page = PageSecurity.apply(try TemplatePolicy.checked(page: rendered, template: "page.html"))
    return DiffOutputs(
      markdown: markdown, html: page,
      json: DiffJSON.make(diff, client: client, ids: ids, words: Words(templates: templates))
        .serialized(),
      text: narrator.text(diff))
  }
}
