import CandorAnalysis
import CandorModel
import CandorWorkspace

/// "Can its probabilities be taken at face value?": a reliability diagram per set of a task
/// whose scores are probabilities, and one sentence saying whether a 30% risk means about 30%.
enum CalibrationNarrator {
  static func view(_ task: TaskAnalysis, words: Words) -> CalibrationView? {
    let sets = task.sets.filter { $0.analysis.reliability != nil }
    guard !sets.isEmpty else { return nil }
    func say(_ key: Sentence.Calibration, _ context: [String: Any] = [:]) -> String {
      words.sentence(key, context)
    }
    let n = words.numbers
    let unit = words.unit(task.task.unit)
    let minimum = n.count(Reliability.minimumExamples)
    let items = sets.map { set -> CalibrationSet in
      let reliability = set.analysis.reliability!
      let description = reliability.bins.map { bin -> String in
        let range = n.percent(bin.low, digits: 0) + "–" + n.percent(bin.high, digits: 0)
        guard let predicted = bin.meanPredicted, let observed = bin.observedRate else {
          return say(.emptyBin, ["range": range])
        }
        return say(
          .binDescription,
          [
            "range": range, "count": n.count(bin.examples), "unit": unit,
            "predicted": n.percent(predicted), "observed": n.percent(observed),
          ])
      }.joined(separator: "; ")
      let figure = ReliabilityFigure(
        bins: reliability.bins.map {
          ReliabilityFigure.Bin(
            low: $0.low, high: $0.high, examples: $0.examples, meanPredicted: $0.meanPredicted,
            observedRate: $0.observedRate, judged: $0.examples >= Reliability.minimumExamples)
        },
        title: say(.title, ["task": task.task.name, "set": set.config.id]),
        description: description, xAxis: say(.xAxis), yAxis: say(.yAxis),
        caption: say(.caption, ["unit": unit, "minimum": minimum]))
      return CalibrationSet(
        figure: figure,
        sentence: sentence(reliability, task: task, set: set.config.id, words: words))
    }
    return CalibrationView(
      sets: items, multiclass: task.isBinary ? nil : say(.multiclass))
  }

  /// Whether "a 30% risk" means about 30% on this set: the rule is `Reliability.Verdict`'s.
  static func sentence(_ reliability: Reliability, task: TaskAnalysis, set: String, words: Words)
    -> String
  {
    let n = words.numbers
    var context: [String: Any] = [
      "set": set, "unit": words.unit(task.task.unit),
      "minimum": n.count(Reliability.minimumExamples),
      // Multiclass: the diagram is of the chosen class's probability, never under 1/K.
      "example": n.percent(task.isBinary ? 0.3 : 0.7, digits: 0),
      "tolerance": n.points(Reliability.tolerance),
    ]
    if let label = task.positiveLabel {
      context["binary"] = true
      context["label"] = label
    }
    switch reliability.verdict {
    case .trustworthy(let checked):
      context["bins"] = n.count(checked)
      context["one"] = checked == 1
      return words.sentence(Sentence.Calibration.trustworthy, context)
    case .off(let index):
      let bin = reliability.bins[index]
      let predicted = bin.meanPredicted ?? 0
      let observed = bin.observedRate ?? 0
      context["count"] = n.count(bin.examples)
      context["predicted"] = n.percent(predicted)
      context["observed"] = n.percent(observed)
      context["tooHigh"] = predicted > observed
      return words.sentence(Sentence.Calibration.off, context)
    case .tooFew:
      return words.sentence(Sentence.Calibration.tooFew, context)
    }
  }
}

public struct CalibrationView: Sendable {
  public var sets: [CalibrationSet]
  /// How to read the diagram for a task with several classes; nil for a yes-or-no task.
  public var multiclass: String?
}

public struct CalibrationSet: Sendable {
  public var figure: ReliabilityFigure
  public var sentence: String
}

/// A reliability diagram's content: each tenth of predicted probability against how often the
/// event happened, with the words around it.
public struct ReliabilityFigure: Sendable {
  public struct Bin: Sendable {
    public var low: Double
    public var high: Double
    public var examples: Int
    public var meanPredicted: Double?
    public var observedRate: Double?
    /// Enough examples to be judged.
    public var judged: Bool
  }
  public var bins: [Bin]
  public var title: String
  /// The text alternative, one sentence per bin.
  public var description: String
  public var xAxis: String
  public var yAxis: String
  public var caption: String
}
