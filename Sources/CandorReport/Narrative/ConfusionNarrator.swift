import CandorAnalysis
import CandorModel
import CandorWorkspace

/// "Reading the confusion matrix": missed cases and false alarms in the client's terms.
enum ConfusionNarrator {
  static let classesForTheClient = 3

  static func view(_ task: TaskAnalysis, words: Words) -> ConfusionView? {
    guard let set = Phrases.referenceSet(task) else { return nil }
    let counts = set.analysis.counts
    // On a phone the text of a matrix of three or more classes would shrink below 11 px: it
    // gives way to the sentences below (each class's right answers and commonest mistake)
    // and, from five classes, to a ranked list of the largest confusions.
    let wide = task.classes.count >= 3
    // Beyond six classes a class with no example and no prediction is an empty row and column:
    // left out, so the figure grows with the data, not with `classes:` (255 declared classes
    // and ten rows drew 65,025 cells, 25 MB).
    let shown = task.classes.indices.filter {
      task.classes.count <= 6 || counts.support($0) > 0 || counts.predictedCount($0) > 0
    }
    let heatmap = HeatmapView(
      labels: shown.map { task.classes[$0] },
      matrix: shown.map { row in shown.map { counts[row, $0] } },
      title: words.confusion(.heatmapTitle, ["task": task.task.name, "set": set.config.id]),
      caption: words.confusion(.heatmapCaption), wide: wide,
      largestTitle: words.confusion(.largestTitle),
      largest: task.classes.count >= 5 ? largestConfusions(task, counts, words: words) : [])
    let text =
      task.positive.map { binary(task, set: set, positive: $0, words: words) }
      ?? multiclass(task, counts: counts, words: words)
    return ConfusionView(
      setName: words.quoted(set.config.id), heatmap: heatmap, paragraphs: text.paragraphs,
      definitions: text.definitions, clientParagraphs: text.clientParagraphs)
  }

  /// What the sentences under the matrix say, and which of them the client reads.
  struct Text {
    var paragraphs: [String]
    var definitions: [String]
    /// Nil when the client reads every paragraph.
    var clientParagraphs: [String]? = nil
  }

  /// Caught and missed, right and false alarms, and both per thousand, for the positive class.
  static func binary(_ task: TaskAnalysis, set: SetResult, positive: Int, words: Words) -> Text {
    let n = words.numbers
    let counts = set.analysis.counts
    let unit = words.unit(task.task.unit)
    var paragraphs: [String] = []
    let perThousand = 1000 / Double(counts.total)
    let negative = positive == 0 ? 1 : 0
    let label = task.classes[positive]
    let actual = counts.support(positive)
    let caught = counts[positive, positive]
    let missed = actual - caught
    let falseAlarms = counts[negative, positive]
    let alerts = counts.predictedCount(positive)
    if actual == 1 {
      // "Of the 1 engines ..., the model caught 1 of 1" read badly: one case is said as one.
      paragraphs.append(
        words.confusion(
          .recallOne,
          ["label": label, "caught": caught == 1, "rate": n.percent(Double(caught))]))
    } else if actual > 0 {
      let outcome =
        caught == 0
        ? words.confusion(.caughtNone)
        : (missed == 0
          ? words.confusion(.caughtAll, ["caught": words.caught(caught, of: actual)])
          : words.confusion(
            .caughtAndMissed, ["caught": n.count(caught), "missed": n.count(missed)]))
      paragraphs.append(
        words.confusion(
          .recall,
          [
            "actual": n.count(actual), "unit": unit, "label": label, "outcome": outcome,
            "rate": n.percent(Double(caught) / Double(actual)),
          ]))
    } else {
      paragraphs.append(
        words.confusion(.nothingToCatch, ["unit": unit, "set": set.config.id, "label": label]))
    }
    if alerts > 0 {
      let split =
        caught == 0
        ? words.confusion(.alertsNoneRight)
        : (falseAlarms == 0
          ? words.confusion(.alertsAllRight)
          : words.confusion(
            .alertsSplit,
            [
              "caught": n.count(caught), "falseAlarms": n.count(falseAlarms),
              "rightOne": caught == 1, "alarmOne": falseAlarms == 1,
            ]))
      paragraphs.append(
        words.confusion(
          .precision,
          [
            "label": label, "times": words.counted(alerts, .time), "split": split,
            "rate": n.percent(Double(caught) / Double(alerts)),
          ]))
    } else {
      paragraphs.append(words.confusion(.neverSaid, ["label": label]))
    }
    paragraphs.append(
      words.confusion(
        .perThousand,
        [
          "thousand": n.count(1000), "unit": unit, "label": label,
          "missed": n.fixed(Double(missed) * perThousand, 1),
          "falseAlarms": n.fixed(Double(falseAlarms) * perThousand, 1),
        ]))
    let definitions = [
      words.confusion(.defineRecall, ["unit": unit, "label": label]),
      words.confusion(.definePrecision, ["label": label]),
    ]
    return Text(paragraphs: paragraphs, definitions: definitions)
  }

  /// Each class's right answers and commonest mistake; the client reads the hardest three.
  static func multiclass(_ task: TaskAnalysis, counts: ConfusionCounts, words: Words) -> Text {
    let n = words.numbers
    let unit = words.unit(task.task.unit)
    var paragraphs: [String] = []
    var clientParagraphs: [String]?
    var recalls: [Double] = []
    for (index, name) in task.classes.enumerated() {
      let actual = counts.support(index)
      guard actual > 0 else { continue }
      let right = counts[index, index]
      let context: [String: Any] = [
        "actual": n.count(actual), "label": name, "unit": unit, "right": n.count(right),
        "rate": n.percent(Double(right) / Double(actual)),
      ]
      let confusions = task.classes.indices.filter { $0 != index && counts[index, $0] > 0 }.sorted {
        counts[index, $0] > counts[index, $1]
      }
      // A class with one example is said as one ("the only 'black' example"), never "of the 1".
      if actual == 1 {
        paragraphs.append(
          words.confusion(
            right == 1 ? .classOnlyRight : .classOnlyMissed,
            ["label": name, "other": confusions.first.map { task.classes[$0] } ?? ""]) + ".")
        recalls.append(Double(right))
        continue
      }
      var sentence = words.confusion(right == 0 ? .classNone : .classSome, context)
      if let top = confusions.first {
        sentence += words.confusion(
          .commonMistake, ["count": n.count(counts[index, top]), "other": task.classes[top]])
      }
      paragraphs.append(sentence + ".")
      recalls.append(Double(right) / Double(actual))
    }
    let definitions = [words.confusion(.defineClassRecall, ["unit": unit])]
    // The client reads the three classes the model finds hardest; the team every class.
    if paragraphs.count > Self.classesForTheClient {
      let weakest = Set(
        recalls.indices.sorted { (recalls[$0], $0) < (recalls[$1], $1) }
          .prefix(Self.classesForTheClient))
      clientParagraphs = paragraphs.indices.filter(weakest.contains).map { paragraphs[$0] }
    }
    return Text(
      paragraphs: paragraphs, definitions: definitions, clientParagraphs: clientParagraphs)
  }

  /// The largest off-diagonal cells, for narrow screens: "'c3' taken for 'c0': 41 (27.3% of 'c3')".
  static func largestConfusions(_ task: TaskAnalysis, _ counts: ConfusionCounts, words: Words)
    -> [String]
  {
    var cells: [(row: Int, column: Int, count: Int)] = []
    for row in task.classes.indices {
      for column in task.classes.indices where column != row && counts[row, column] > 0 {
        cells.append((row, column, counts[row, column]))
      }
    }
    let top = cells.sorted { ($0.count, $1.row, $1.column) > ($1.count, $0.row, $0.column) }.prefix(
      8)
    return top.map { cell in
      let share = Double(cell.count) / Double(max(1, counts.support(cell.row)))
      return words.sentence(
        Sentence.Confusion.takenFor,
        [
          "actual": task.classes[cell.row], "predicted": task.classes[cell.column],
          "count": words.numbers.count(cell.count),
          "share": words.numbers.percent(share),
        ])
    }
  }
}

extension Words {
  /// A sentence of the confusion-matrix section.
  fileprivate func confusion(_ key: Sentence.Confusion, _ context: [String: Any] = [:]) -> String {
    sentence(key, context)
  }
}
