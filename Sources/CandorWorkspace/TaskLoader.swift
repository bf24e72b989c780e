import CandorIngest
import CandorModel
import Foundation

/// Reads all files of one task in one week against one shared set of classes, then puts
/// every set in the task's display order of classes and client.yaml's order of sets.
struct TaskLoader {
  let folder: ClientFolder
  let task: TaskConfig
  /// Set ids in client.yaml's order.
  let setOrder: [String]
  /// The client's delimiter and decimal mark (client.yaml `csv:`).
  var dialect = CSVDialect.standard
  var policy = ReadPolicy.standard

  typealias File = (set: ValidationSetConfig, path: String, source: EvaluationSource)

  private enum Raw {
    case predictions(PredictionsReader.Raw)
    case counts(CountsReader.Raw)
  }

  func load(_ files: [File]) throws -> TaskEvaluation {
    let universe = ClassUniverse(task: task)
    let read = try readAll(files, universe: universe)
    try checkSegmentWork(read, classCount: universe.names.count)
    let order = universe.displayOrder()
    var position = [Int](repeating: 0, count: universe.names.count)
    for (shown, original) in order.enumerated() { position[original] = shown }
    let sets =
      read
      .sorted {
        (setOrder.firstIndex(of: $0.file.set.id) ?? .max)
          < (setOrder.firstIndex(of: $1.file.set.id) ?? .max)
      }
      .map { evaluationSet($0.file, $0.raw, order: order, position: position) }
    // Sets are pooled per task (the primary-metric choice): their total stays within 2^53 too.
    var pooled = 0
    for set in sets {
      pooled += set.total
      guard pooled <= Limits.maxCount else {
        throw InputError(
          file: set.file,
          "together with the task's other sets of this week holds more than 2^53 (9007199254740992) examples"
        )
      }
    }
    let classes = order.map { universe.names[$0] }
    // From here on a class is called by the client's words (`class_names:`); summary.json
    // turns them back into the files' classes.
    if let shared = task.sharedWords(among: classes) {
      throw InputError(
        file: folder.display("client.yaml"), field: "key 'class_names'",
        "task \(quoted(task.id)) would call two classes \(quoted(shared)); give each class its own words"
      )
    }
    return TaskEvaluation(
      task: task, classes: classes.map(task.displayName(ofClass:)),
      positiveIndex: task.positiveLabel.flatMap { classes.firstIndex(of: $0) }, sets: sets)
  }

  /// Every file of the task read against one universe of classes; every file's errors at once.
  private func readAll(_ files: [File], universe: ClassUniverse) throws -> [(file: File, raw: Raw)]
  {
    var read: [(file: File, raw: Raw)] = []
    var errors: [InputError] = []
    for file in files {
      do {
        switch file.source {
        case .predictions:
          read.append(
            (
              file,
              .predictions(
                try PredictionsReader(
                  folder: folder, path: file.path, universe: universe, dialect: dialect,
                  policy: policy
                ).read())
            ))
        case .counts:
          read.append(
            (
              file,
              .counts(try CountsReader(folder: folder, path: file.path, universe: universe).read())
            ))
        }
      } catch let error as InputError {
        errors.append(
          file.source == .predictions
            ? SpreadsheetHint.amend(error, folder: folder, path: file.path, dialect: dialect)
            : error)
      } catch var listed as InputErrors {
        // A file's bad rows, as `candor check` lists them: the hint once, on the first.
        listed.errors[0] = SpreadsheetHint.amend(
          listed.errors[0], folder: folder, path: file.path, dialect: dialect)
        errors += listed.errors
      }
    }
    guard errors.isEmpty else { throw InputErrors(errors) }
    return read
  }

  /// Each segment is analysed like a set (a posterior of its matrix): bounded by the cells its
  /// draws touch, so one file cannot stall a batch.
  private func checkSegmentWork(_ read: [(file: File, raw: Raw)], classCount: Int) throws {
    var errors: [InputError] = []
    for (file, raw) in read {
      guard case .predictions(let predictions) = raw else { continue }
      let cells = predictions.segmentCounts.reduce(0) { $0 + $1.segmentCells(classes: classCount) }
      if cells > Limits.maxSegmentCells {
        errors.append(
          InputError(
            file: folder.display(file.path), field: task.columnField(.segment),
            "\(predictions.segmentNames.count) segments of \(classCount) classes need \(cells) segment cells; Candor analyses at most \(Limits.maxSegmentCells) per file (each segment's filled cells, the prior's and one per class)"
          ))
      }
    }
    guard errors.isEmpty else { throw InputErrors(errors) }
  }

  private func evaluationSet(_ file: File, _ raw: Raw, order: [Int], position: [Int])
    -> EvaluationSet
  {
    switch raw {
    case .predictions(let raw):
      var keyed = raw.keyed
      // Internal class indices to display order; the hash order is unchanged. Mostly the
      // orders agree, and ten million cells are not copied to stay the same.
      if !position.indices.elementsEqual(position) {
        keyed?.cells =
          raw.keyed?.cells.map {
            UInt16(position[Int($0 >> 8)]) << 8 | UInt16(position[Int($0 & 0xFF)])
          } ?? []
      }
      let byName = raw.segmentNames.indices.sorted {
        raw.segmentNames[$0].utf8.lexicographicallyPrecedes(raw.segmentNames[$1].utf8)
      }
      let segments = byName.map {
        (name: raw.segmentNames[$0], matrix: raw.segmentCounts[$0].reordered(order))
      }
      return EvaluationSet(
        setID: file.set.id, file: folder.display(file.path), source: .predictions,
        matrix: raw.counts.reordered(order), segments: segments,
        scored: raw.scored, keyed: keyed, classScores: raw.classScores, histogram: nil,
        relativePath: file.path, readOnTwoCores: raw.readOnTwoCores,
        segmentScores: raw.segmentScores.isEmpty ? [] : byName.map { raw.segmentScores[$0] })
    case .counts(let raw):
      return EvaluationSet(
        setID: file.set.id, file: folder.display(file.path), source: .counts,
        matrix: raw.counts.reordered(order), segments: [], scored: nil, keyed: nil,
        histogram: raw.histogram, relativePath: file.path)
    }
  }
}
