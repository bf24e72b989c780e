import CandorAnalysis
import CandorModel
import CandorWorkspace

/// What an email carries of the full report (`candor email --attach`).
public enum ReportAttachment: String, Sendable, CaseIterable {
  case html, pdf, none
}

/// A few sentences for a client's email: each task in plain words (what the model caught, on
/// which data, and whether the watched number moved beyond chance), the finding that changes how
/// the numbers read, and what shipped. No metric without words, no set ids, no "likely".
public struct SnippetView: Sendable {
  public var title: String
  public var lines: [String]
  public var footer: String
  /// The email's "Dear Dana," (nil in snippet files, which a person pastes into their own).
  public var greeting: String? = nil
  /// The email's closing lines ("Kind regards," and who signs); empty in snippet files.
  public var closing: [String] = []
  public var hasClosing = false
  /// What the footer's sentence about the full report says, kept to choose it for an email.
  var saysBeyondChance = false
  /// The full report's address, where `--report-url` gave one.
  public var reportURL: String?
  public var hasReportURL: Bool
  /// The layout's words in the snippet's language (`{{{labels.<key>}}}`).
  public var labels: [String: String]
}

extension Narrator {
  func say(_ key: Sentence.Snippet, _ context: [String: Any] = [:]) -> String {
    words.sentence(key, context)
  }

  public func snippet(_ week: WeekAnalysis, reportURL: String? = nil) -> SnippetView {
    var lines: [String] = []
    // "Beyond chance" is defined in the footer only where a line says it.
    var saysBeyondChance = false
    for task in week.tasks {
      guard let set = Phrases.referenceSet(task) else { continue }
      let status = TaskStatus(task)
      var context: [String: Any] = [
        "task": task.task.name, "status": words.phrase(.status(status)),
        "state": capitalized(plainState(task, set)),
      ]
      if let verdict = plainVerdict(task, set, against: week.comparedTo) {
        context["verdict"] = verdict.text
        saysBeyondChance = saysBeyondChance || verdict.beyondChance
      }
      lines.append(say(.taskLine, context))
    }
    // A drop on a set other than the one the task's line describes names its set, so the
    // line's "too small to tell apart from chance" and this one do not seem to disagree.
    let dropped = week.tasks.compactMap { task -> String? in
      guard let move = Editor.headlineMove(task), move.delta < 0 else { return nil }
      // A drop on the set the task's line describes is said there already.
      guard move.set.config.id != Phrases.referenceSet(task)?.config.id else { return nil }
      return say(.droppedOn, ["task": task.task.name, "place": plainSet(move.set.config)])
    }
    if !dropped.isEmpty {
      lines.append(
        say(.fellElsewhere, ["tasks": words.list(dropped)]))
    }
    // The finding that changes how the numbers read, said once, in words.
    let preferred: [FindingCode] = [
      .testSetOverlap, .accuracyMisleading, .rankingHidesPrecision,
      .averageHidesWeakClass, .setsDisagree, .prevalenceShift,
    ]
    for code in preferred {
      guard let finding = week.findings.first(where: { $0.code == code && $0.severity != .info })
      else { continue }
      lines.append(plainFinding(finding, week))
      break
    }
    let shipped = week.worklog?.items.filter { $0.status == .shipped }.map(\.title) ?? []
    if !shipped.isEmpty {
      lines.append(say(.shipped, ["items": shipped.joined(separator: "; ")]))
    }
    let link = reportURL.map {
      Self.reportAddress(base: $0, client: week.clientID, week: week.week)
    }
    var view = SnippetView(
      title: say(.title, ["client": week.clientName, "week": words.week(week.week)]), lines: lines,
      footer: say(link == nil ? .footer : .footerLinked)
        + (saysBeyondChance ? " " + say(.beyondChance) : ""),
      reportURL: link,
      hasReportURL: link != nil,
      labels: words.layoutLabels())
    view.saysBeyondChance = saysBeyondChance
    return view
  }

  /// The snippet as an email's body: a greeting by the first contact's name when known, a
  /// closing by the sender, and a sentence about the full report that matches what the email
  /// carries (attached as HTML or PDF, linked, or neither, when it says nothing of it).
  public func email(
    _ snippet: SnippetView, attachment: ReportAttachment, contactName: String?, signature: String?
  ) -> SnippetView {
    var email = snippet
    email.greeting =
      contactName.flatMap(Self.firstName).map { say(.greeting, ["name": $0]) }
      ?? say(.greetingNoName)
    email.closing = [say(.closing)] + (signature.map { [$0] } ?? [])
    email.hasClosing = true
    let about: String? =
      switch attachment {
      case .html: say(.footerAttachedHTML)
      case .pdf: say(.footerAttachedPDF)
      case .none: snippet.hasReportURL ? say(.footerLinked) : nil
      }
    email.footer = ([about] + [snippet.saysBeyondChance ? say(.beyondChance) : nil])
      .compactMap { $0 }.joined(separator: " ")
    return email
  }

  /// How a letter addresses a contact: "Dana" from "Dana Müller" (two words that read as a
  /// person's names) or from "Müller, Dana" (a directory's order), else the name as written
  /// ("Operations, Nordic Fleet"), so a team is never greeted by half its name.
  static func firstName(_ name: String) -> String? {
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return nil }
    let teamWords: Set<String> = [
      "team", "operations", "ops", "support", "analytics", "department", "group", "office",
      "desk", "quality", "reports", "data", "service", "services",
      // A company's legal form after a comma ("Acme, Inc") is no first name.
      "inc", "ltd", "llc", "llp", "lp", "gmbh", "ag", "kg", "sa", "sarl", "srl", "spa", "bv", "nv",
      "ab", "oy", "as", "plc", "co", "corp", "pty",
    ]
    func personal(_ part: Substring) -> Bool {
      part.first?.isUppercase == true
        && part.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" || $0 == "’" }
        && !teamWords.contains(part.lowercased())
    }
    let halves = trimmed.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)[...]
    }
    if halves.count == 2, !halves[0].contains(" "), !halves[1].contains(" "),
      personal(halves[0]), personal(halves[1])
    {
      return String(halves[1])
    }
    let parts = trimmed.split(separator: " ")
    return parts.count == 2 && parts.allSatisfy(personal) ? String(parts[0]) : trimmed
  }

  /// `<base>/<client>/<week>/report.html`, the layout `--out` writes.
  static func reportAddress(base: String, client: String, week: ISOWeek) -> String {
    var trimmed = base
    while trimmed.hasSuffix("/") { trimmed.removeLast() }
    return "\(trimmed)/\(client)/\(week)/report.html"
  }

  /// "the frozen test set", "the last four weeks of fleet data": a set by its description.
  func plainSet(_ set: ValidationSetConfig) -> String {
    let text = set.description.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty else { return say(.setWithoutDescription, ["id": set.id]) }
    let clause = Self.firstClause(text)
    let words = clause.split(separator: " ")
    // Lower-case a leading capital only when the next letter is lower-case ("Frozen", not "ACME").
    var phrase = clause
    if let first = words.first, first.count > 1, first.first!.isUppercase,
      first.dropFirst().first!.isLowercase
    {
      phrase = first.lowercased() + clause.dropFirst(first.count)
    }
    let articles = say(.articles).split(separator: "|").map(String.init).filter { !$0.isEmpty }
    let article = articles.contains { phrase.lowercased().hasPrefix($0) }
    return say(
      article ? .setDescribedWithArticle : .setDescribed,
      ["description": phrase, "asWritten": clause])
  }

  /// A description up to its first clause's end: a `:`, `;`, `,` or `.` followed by a space
  /// (or ending it), or a ` (`; a point or comma inside a word stays ("v2.1", "20,000"), and so
  /// does the point of an ordinal or an abbreviation ("1. Quartal", "ca. 20.000").
  static func firstClause(_ text: String) -> String {
    let characters = Array(text)
    let abbreviations: Set<String> = [
      "ca", "approx", "etc", "e.g", "i.e", "vs", "no", "nr", "bzw", "z.b", "u.a", "inkl", "ggf",
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "okt", "nov", "dec",
      "dez", "mr", "mrs", "dr", "st",
    ]
    for (index, character) in characters.enumerated() {
      let next = index + 1 < characters.count ? characters[index + 1] : " "
      let previous = index > 0 ? characters[index - 1] : " "
      if character == ".", next.isWhitespace {
        let word = String(characters[..<index].reversed().prefix { !$0.isWhitespace }.reversed())
        if !word.isEmpty, word.allSatisfy(\.isNumber) || abbreviations.contains(word.lowercased()) {
          continue
        }
      }
      if (":;,.".contains(character) && next.isWhitespace)
        || (character == "(" && previous.isWhitespace)
      {
        let clause = String(characters[..<index]).trimmingCharacters(in: .whitespaces)
        return clause.isEmpty ? text : clause
      }
    }
    return text
  }

  /// Where the task stands, in counts a client can picture.
  func plainState(_ task: TaskAnalysis, _ set: SetResult) -> String {
    let counts = set.analysis.counts
    let unit = words.unit(task.task.unit)
    let place = plainSet(set.config)
    if let positive = task.positive, let label = task.positiveLabel {
      let total = counts.support(positive)
      let caught = counts[positive, positive]
      let alarms = counts.predictedCount(positive) - caught
      guard total > 0 else {
        return say(.nothingToCatch, ["place": place, "label": label, "unit": unit])
      }
      return say(
        total == 1 ? .caughtOnly : .caughtState,
        [
          "place": place, "caught": words.caught(caught, of: total), "caughtIt": caught == 1,
          "label": label, "unit": unit, "alarms": words.counted(alarms, .falseAlarm),
        ])
    }
    let right = task.classes.indices.map { counts[$0, $0] }.reduce(0, +)
    var context: [String: Any] = [
      "place": place, "right": words.caught(right, of: counts.total), "unit": unit,
    ]
    let recalls = task.classes.indices.compactMap { index -> (String, Int, Int)? in
      counts.support(index) > 0
        ? (task.classes[index], counts[index, index], counts.support(index)) : nil
    }
    // A hardest class only where one is missed at all: with every class perfect, none is.
    if let weakest = recalls.min(by: { Double($0.1) / Double($0.2) < Double($1.1) / Double($1.2) }),
      recalls.count > 1, weakest.1 < weakest.2
    {
      context["hardest"] = [
        "label": weakest.0, "recognised": words.recognisedIn(weakest.1, of: weakest.2),
      ]
    }
    return say(.sorted, context)
  }

  /// The watched number in words: what it measures, before and after, and whether the
  /// change is beyond chance. Only the primary verdict; "likely" is never said here.
  /// `beyondChance`: the words say "beyond chance", which the footer then defines.
  func plainVerdict(_ task: TaskAnalysis, _ set: SetResult, against: ISOWeek?) -> (
    text: String, beyondChance: Bool
  )? {
    guard let against, let change = set.change(task.primaryMetric) else { return nil }
    let metric = task.primaryMetric
    let rate = metric.isRate
    let week = words.week(against)
    guard let delta = change.delta, let previous = change.previous, let current = change.current
    else {
      return (say(.notComparable, ["week": week]), false)
    }
    // Too small to print: no event, as everywhere in the report, whatever its p-value.
    if PrintedPrecision.isNonEvent(previous: previous, current: current, isRate: rate) {
      return (say(.noChange, ["week": week]), false)
    }
    let ends = words.numbers.changeEnds(previous, current, isRate: rate, besideChange: false)
    let context: [String: Any] = [
      "what": capitalized(plainMetric(metric, task: task)),
      "previous": ends.previous, "current": ends.current, "week": week, "up": delta > 0,
    ]
    let key: Sentence.Snippet =
      change.significant
      ? .realChange : Phrases.isLargeOnFewExamples(change) ? .tooFewToConfirm : .chance
    return (say(key, context), change.significant)
  }

  /// A metric in words a client follows, naming the metric once.
  func plainMetric(_ metric: MetricName, task: TaskAnalysis) -> String {
    let label = task.positiveLabel.map(words.quoted) ?? say(.eachClass)
    let unit = words.unit(task.task.unit)
    let labelled = task.positiveLabel.map { words.labelled($0, unit: unit) } ?? "\(label) \(unit)"
    return say(
      .metric(metric),
      [
        "label": label, "unit": unit, "labelled": labelled, "binary": task.positiveLabel != nil,
      ])
  }

  func plainFinding(_ finding: Finding, _ week: WeekAnalysis) -> String {
    guard let task = week.tasks.first(where: { $0.task.id == finding.task }) else {
      return words.message(finding)
    }
    switch finding.fact {
    case .accuracyMisleading(let fact):
      return say(
        .readingAccuracy,
        [
          "task": task.task.name, "baseline": fact.baselineLabel,
          "share": words.numbers.percent(fact.baselineAccuracy),
        ])
    case .testSetOverlap:
      return say(.separating, ["task": task.task.name])
    default: break
    }
    var message = words.message(finding)
    for set in task.sets {
      message = message.replacingOccurrences(
        of: words.quoted(set.config.id), with: plainSet(set.config))
    }
    return message
  }
}

extension Sentence.Snippet {
  /// A metric as the snippet says it to a client ("how many 'failure' engines it caught").
  static func metric(_ metric: MetricName) -> Self {
    switch metric {
    case .accuracy: .metric_accuracy
    case .balancedAccuracy: .metric_balanced_accuracy
    case .precision: .metric_precision
    case .recall: .metric_recall
    case .f1: .metric_f1
    case .specificity: .metric_specificity
    case .mcc: .metric_mcc
    case .cohenKappa: .metric_cohen_kappa
    case .rocAUC: .metric_roc_auc
    case .prAUC: .metric_pr_auc
    case .macroF1: .metric_macro_f1
    case .weightedF1: .metric_weighted_f1
    case .macroRecall: .metric_macro_recall
    case .brierScore: .metric_brier_score
    case .logLoss: .metric_log_loss
    case .top2Accuracy: .metric_top_2_accuracy
    }
  }
}
