import Foundation

/// Reads all files of one task in one week against one shared set of classes.
struct TaskLoader {
    let folder: ClientFolder
    let task: TaskConfig

    func load(_ files: [(set: ValidationSetConfig, path: String, source: EvaluationSource)]) throws -> TaskEvaluation {
        let universe = ClassUniverse(task: task)
        var raws: [(set: ValidationSetConfig, path: String, source: EvaluationSource, predictions: PredictionsReader.Raw?, counts: CountsReader.Raw?)] = []
        var errors: [InputError] = []
        for file in files {
            do {
                switch file.source {
                case .predictions:
                    let raw = try PredictionsReader(folder: folder, path: file.path, universe: universe).read()
                    raws.append((file.set, file.path, file.source, raw, nil))
                case .counts:
                    let raw = try CountsReader(folder: folder, path: file.path, universe: universe).read()
                    raws.append((file.set, file.path, file.source, nil, raw))
                }
            } catch let error as InputError {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        if !task.isBinary && task.classes == nil && universe.names.count < 2 && !raws.isEmpty {
            throw InputError(file: folder.display("client.yaml"), field: "task '\(task.id)'",
                             "its files show only one class (\(universe.names.map(quoted).joined())); a multiclass task needs two or more, or declare 'classes:'")
        }
        let order = universe.displayOrder()
        var position = [Int](repeating: 0, count: universe.names.count)
        for (shown, original) in order.enumerated() { position[original] = shown }

        let sets = raws.sorted { lhs, rhs in
            (task.id, indexOfSet(lhs.set.id)) < (task.id, indexOfSet(rhs.set.id))
        }.map { entry -> EvaluationSet in
            if let raw = entry.predictions {
                var keyed = raw.keyed
                if keyed != nil {
                    // Internal class indices to display order; the hash order is unchanged.
                    keyed!.cells = keyed!.cells.map { UInt16(position[Int($0 >> 8)]) << 8 | UInt16(position[Int($0 & 0xFF)]) }
                }
                let segments = zip(raw.segmentNames, raw.segmentCounts)
                    .map { (name: $0, matrix: $1.reordered(order)) }
                    .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
                return EvaluationSet(setID: entry.set.id, file: folder.display(entry.path), source: .predictions,
                                     matrix: raw.counts.reordered(order), segments: segments,
                                     scored: raw.scored, keyed: keyed, histogram: nil, relativePath: entry.path)
            }
            let raw = entry.counts!
            return EvaluationSet(setID: entry.set.id, file: folder.display(entry.path), source: .counts,
                                 matrix: raw.counts.reordered(order), segments: [], scored: nil, keyed: nil,
                                 histogram: raw.histogram, relativePath: entry.path)
        }
        let classes = order.map { universe.names[$0] }
        return TaskEvaluation(task: task, classes: classes,
                              positiveIndex: task.positiveLabel.flatMap { classes.firstIndex(of: $0) }, sets: sets)
    }

    private func indexOfSet(_ id: String) -> Int {
        // Sets follow client.yaml's order; the loader is given them already validated.
        setOrder.firstIndex(of: id) ?? Int.max
    }

    var setOrder: [String] = []

    init(folder: ClientFolder, task: TaskConfig, setOrder: [String] = []) {
        self.folder = folder
        self.task = task
        self.setOrder = setOrder
    }
}
