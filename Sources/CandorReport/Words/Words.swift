import CandorAnalysis
import CandorModel
import CandorWorkspace
import Foundation

/// The report's words in one language: Mustache partials (one per finding code and per
/// narrative section) and the phrase catalogue (`phrases`) for the short pieces, read from the
/// same merged template library as the report, so a workspace or a client overrides a
/// sentence exactly as it overrides a template.
public struct Words: Sendable {
  public let locale: ReportLocale
  public let numbers: NumberFormat
  let templates: TemplateLibrary
  /// Tests: every key any context offered, to check that templates ask for nothing else.
  let recorder: KeyRecorder?

  public init(
    templates: TemplateLibrary, locale: ReportLocale = .english, recorder: KeyRecorder? = nil
  ) {
    self.templates = templates
    self.locale = locale
    self.recorder = recorder
    func phrase(_ key: Phrase, _ context: [String: Any] = [:]) -> String {
      Self.phrase(key.rawValue, context, templates: templates, locale: locale)
    }
    let decimal = phrase(.decimalSeparator)
    let weekTemplate = (templates: templates, locale: locale)
    numbers = NumberFormat(
      decimalSeparator: decimal.first ?? ".",
      groupingSeparator: phrase(.groupingSeparator),
      percentSign: phrase(.percentSign),
      point: (phrase(.point), phrase(.points)),
      rangeWord: phrase(.rangeWord),
      week: { week in
        Self.phrase(
          Phrase.isoWeek.rawValue,
          [
            "year": String(week.year), "week": week.description.suffix(2),
            "weekNumber": String(week.week),
          ],
          templates: weekTemplate.templates, locale: weekTemplate.locale)
      })
  }

  /// The locale's version of a template where it has one, else the base template.
  public func name(_ template: String) -> String {
    guard !locale.isEnglish else { return template }
    let localized = "\(locale.code)/\(template)"
    return templates.names.contains(localized) ? localized : template
  }

  /// A partial rendered as plain text, without its final line break.
  public func text(_ template: String, _ context: [String: Any]) -> String {
    let context = withLabelledUnit(context)
    recorder?.record(context)
    let rendered = (try? templates.render(context, template: name(template))) ?? ""
    var text = Substring(rendered)
    while text.last == "\n" { text.removeLast() }
    return String(text)
  }

  /// One entry of the phrase catalogue: `{{#key}}…{{/key}}` in `phrases.mustache`.
  package func phrase(_ key: Phrase, _ context: [String: Any] = [:]) -> String {
    recorder?.record(context)
    recorder?.record([key.rawValue: true])
    return Self.phrase(key.rawValue, context, templates: templates, locale: locale)
  }

  /// A sentence of a narrative section's catalogue, `narrative/<section>.mustache`.
  package func sentence<Key: SentenceKey>(_ key: Key, _ context: [String: Any] = [:]) -> String {
    // The entry's key selects it; a value of the same name would be overwritten by `true`.
    assert(
      context[key.rawValue] == nil,
      "narrative/\(Key.section): the context must not hold a value named like the entry '\(key)'"
    )
    var merged = Self.shielded(context)
    merged[key.rawValue] = true
    return Self.unshielded(Self.selected(text("narrative/\(Key.section)", merged)))
  }

  /// The layout's words in this language, by key, for `{{{labels.<key>}}}`.
  public func layoutLabels() -> [String: String] {
    Dictionary(
      uniqueKeysWithValues: LayoutLabel.allCases.map {
        (
          $0.rawValue,
          Self.phrase($0.rawValue, [:], templates: templates, locale: locale, catalogue: "layout")
        )
      })
  }

  static func phrase(
    _ key: String, _ context: [String: Any], templates: TemplateLibrary, locale: ReportLocale,
    catalogue: String = "phrases"
  ) -> String {
    var merged = shielded(context)
    merged[key] = true
    let localized = "\(locale.code)/\(catalogue)"
    let name = !locale.isEnglish && templates.names.contains(localized) ? localized : catalogue
    return unshielded(selected((try? templates.render(merged, template: name)) ?? ""))
  }

  /// A catalogue keeps one line per entry, so a line break inside a value (a client's label
  /// may hold one) is carried through the rendering as U+0001 and restored after.
  static func shielded(_ context: [String: Any]) -> [String: Any] {
    context.mapValues { value in
      if let text = value as? String { return text.replacingOccurrences(of: "\n", with: "\u{1}") }
      if let nested = value as? [String: Any] { return shielded(nested) }
      return value
    }
  }

  static func unshielded(_ text: String) -> String {
    text.replacingOccurrences(of: "\u{1}", with: "\n")
  }

  /// The one non-empty line a catalogue renders for its selected key.
  static func selected(_ rendered: String) -> String {
    rendered.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
  }

  // MARK: - Short pieces

  /// A metric's name in this language: "balanced accuracy".
  public func metric(_ metric: MetricName) -> String { phrase(.metric(metric)) }

  /// "1 in 101", "3 of 4", "none of 12": a share of a total.
  public func oneIn(_ part: Int, of total: Int) -> String {
    guard part > 0 else { return phrase(.shareNone, ["total": numbers.count(total)]) }
    let ratio = Double(total) / Double(part)
    if ratio < 1.5 {
      return phrase(.sharePart, ["part": numbers.count(part), "total": numbers.count(total)])
    }
    return phrase(.shareOneIn, ["n": numbers.count(Int(ratio.rounded()))])
  }

  /// "none of the 4", "all 3", "both", "85 of 120", "1 of 1": each reads before a plural
  /// noun ("caught 1 of 1 'failure' engines"), which is all a client's `unit` offers.
  public func caught(_ part: Int, of total: Int) -> String {
    share(part, of: total, phrases: (.caughtNone, .caughtBoth, .caughtAll, .caughtSome))
  }

  /// "in none of its 4 cases", "in both cases", "in all 3 cases", "in 85 of 120 cases": how
  /// often a class was recognised, as a phrase of its own (German needs the dative there).
  public func recognisedIn(_ part: Int, of total: Int) -> String {
    // One case is said as one: "in its only case", not "in all 1 cases".
    if total == 1 { return phrase(part == 0 ? .casesOneNone : .casesOneAll) }
    return share(part, of: total, phrases: (.casesNone, .casesBoth, .casesAll, .casesSome))
  }

  /// One of a family of phrases (none, both, all, some) for part of a whole.
  private func share(
    _ part: Int, of total: Int, phrases: (none: Phrase, both: Phrase, all: Phrase, some: Phrase)
  ) -> String {
    let context: [String: Any] = ["part": numbers.count(part), "total": numbers.count(total)]
    if part == 0 { return phrase(phrases.none, context) }
    if part == total, total > 1 { return phrase(total == 2 ? phrases.both : phrases.all, context) }
    return phrase(phrases.some, context)
  }

  /// "12 examples", "1 false alarm": a count with its noun from the catalogue.
  package func counted(_ n: Int, _ noun: CountedNoun) -> String {
    phrase(n == 1 ? noun.one : noun.many, ["n": numbers.count(n)])
  }

  /// "a, b and c".
  public func list(_ items: [String]) -> String {
    guard let last = items.last else { return "" }
    guard items.count > 1 else { return last }
    return items.dropLast().joined(separator: ", ") + " \(phrase(.and)) " + last
  }

  /// A name the client gave (a set, a class, a work item) in this language's quotation marks:
  /// 'recent' in English, „recent“ in German (`quoted` in the phrase catalogue).
  public func quoted(_ text: String) -> String { phrase(.quoted, ["text": text]) }

  /// A segment as the report names it: an empty value in the file is "(no segment)".
  public func segment(_ name: String) -> String {
    name.isEmpty ? phrase(.noSegment) : name
  }

  /// A context naming a class (`label`) and the examples' noun (`unit`) also offers the two
  /// together as `labelled`, so no sentence builds "'fraudulent payment' payments".
  private func withLabelledUnit(_ context: [String: Any]) -> [String: Any] {
    guard context["labelled"] == nil, let label = context["label"] as? String,
      let unit = context["unit"] as? String
    else { return context }
    var extended = context
    let text = labelled(label, unit: unit)
    // A sentence's context arrives shielded (`shielded`); the phrase comes back unshielded.
    extended["labelled"] =
      label.contains("\u{1}") || unit.contains("\u{1}") ? Self.shielded(["": text])[""]! : text
    return extended
  }

  /// "'failure' engines"; "payments labelled 'fraudulent payment'" when the class's words
  /// already name the unit.
  public func labelled(_ label: String, unit: String) -> String {
    let key: Phrase = Self.names(label, unit: unit) ? .unitLabelled : .labelledUnit
    return phrase(key, ["label": label, "unit": unit])
  }

  /// Whether `label` holds the stem of `unit`'s last word ("payment" of "payments", "policy"
  /// of "policies", "person" of "people", "Zahlung" of "Zahlungen", "Antrag" of "Anträge"),
  /// umlauts folded; a compound ("Betrugszahlung") names it too.
  static func names(_ label: String, unit: String) -> Bool {
    guard let word = unit.split(whereSeparator: { !$0.isLetter }).last.map(String.init) else {
      return false
    }
    let plural = folded(word)
    var stems = [irregularPlurals[plural] ?? plural]
    if irregularPlurals[plural] == nil {
      if plural.hasSuffix("ies"), plural.count > 4 {
        // "policies" of "policy", but "movies" of "movie".
        stems = [String(plural.dropLast(3)) + "y", String(plural.dropLast(1))]
      } else if let suffix = ["es", "en", "s", "n", "e"].first(where: {
        plural.hasSuffix($0) && plural.count - $0.count >= 3
      }) {
        stems = [String(plural.dropLast(suffix.count))]
      }
    }
    let text = folded(label)
    return stems.contains { text.contains($0) }
  }

  static let irregularPlurals = [
    "people": "person", "children": "child", "men": "man", "women": "woman", "mice": "mouse",
  ]

  /// Lowercased with umlauts and ß folded, so "Anträge" and "Antrag" share their stem.
  static func folded(_ text: String) -> String {
    var folded = text.lowercased()
    for (umlaut, plain) in [("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss")] {
      folded = folded.replacingOccurrences(of: umlaut, with: plain)
    }
    return folded
  }

  /// The client's plural noun for an example, or this language's word when client.yaml names none.
  public func unit(_ declared: String) -> String {
    declared.isEmpty ? phrase(.examples) : declared
  }

  public func week(_ week: ISOWeek) -> String { numbers.week(week) }

  /// The week's Monday as the catalogue's `date` writes it (`{{iso}}`, or `{{day}}`, `{{month}}`, `{{year}}`).
  public func monday(_ week: ISOWeek) -> String {
    let iso = week.mondayDescription
    let parts = iso.split(separator: "-").map(String.init)
    guard parts.count == 3 else { return iso }
    return phrase(.date, ["iso": iso, "year": parts[0], "month": parts[1], "day": parts[2]])
  }
}

/// Collects the keys of every context handed to templates (for the template-tag test).
public final class KeyRecorder: @unchecked Sendable {
  private var keys: Set<String> = []
  private let lock = NSLock()

  public init() {}

  public var recorded: Set<String> { lock.withLock { keys } }

  func record(_ context: [String: Any]) {
    lock.withLock {
      var stack: [[String: Any]] = [context]
      while let next = stack.popLast() {
        for (key, value) in next {
          keys.insert(key)
          if let nested = value as? [String: Any] { stack.append(nested) }
        }
      }
    }
  }
}
