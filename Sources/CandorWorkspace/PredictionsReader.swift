import Foundation

/// Reads one `<set-id>.csv` of per-example predictions into counts (and the rows an
/// analysis needs), checking every row against the task's classes.
struct PredictionsReader {
    let folder: ClientFolder
    let path: String
    let universe: ClassUniverse

    /// What one file holds, in the universe's internal class indices.
    struct Raw {
        var counts = GrowableMatrix()
        var segmentNames: [String] = []
        var segmentCounts: [GrowableMatrix] = []
        var scored: ScoredExamples?
        var keyed: KeyedExamples?
    }

    private struct Columns {
        var label: Int
        var prediction: Int?
        var score: Int?
        var id: Int?
        var segment: Int?
        var count: Int
    }

    func read() throws -> Raw {
        let file = folder.display(path)
        let reader = try CSVReader(path: try folder.resolve(path), displayPath: file)
        guard try reader.next() else {
            throw InputError(file: file, line: 1, "is empty; expected a header row with at least 'label' and 'prediction'")
        }
        let columns = try readHeader(reader, file: file)
        let task = universe.task
        var raw = Raw()
        let binaryPositive = task.positiveLabel.map { _ in universe.names.firstIndex(of: task.positiveLabel!)! }
        let useScores = task.isBinary && columns.score != nil
        var positiveScores: [Double] = [], negativeScores: [Double] = []
        var idHashes: [UInt64] = [], cells: [UInt16] = []
        var segmentIndex: [String: Int] = [:]
        var rows = 0

        while try reader.next() {
            let line = reader.line
            guard reader.fieldCount == columns.count else {
                throw InputError(file: file, line: line, "has \(reader.fieldCount) fields, but the header has \(columns.count)")
            }
            func fail(_ column: String, _ reason: String) -> InputError {
                InputError(file: file, line: line, field: "column '\(column)'", reason)
            }
            let label: Int
            do { label = try universe.index(of: reader.bytes[reader.fieldRange(columns.label)]) } catch { throw fail("label", error.reason) }

            var score: Double?
            if useScores, let scoreColumn = columns.score {
                let range = reader.fieldRange(scoreColumn)
                guard let value = NumberParsing.double(reader.bytes[range]) else {
                    let text = String(decoding: reader.bytes[range], as: UTF8.self)
                    throw fail("score", text.isEmpty ? "is empty; expected a number" : "\(quoted(text)) is not a number")
                }
                guard value.isFinite else {
                    throw fail("score", "\(quoted(String(decoding: reader.bytes[range], as: UTF8.self))) is not a finite number")
                }
                score = value
            }

            let prediction: Int
            if let predictionColumn = columns.prediction {
                do { prediction = try universe.index(of: reader.bytes[reader.fieldRange(predictionColumn)]) } catch { throw fail("prediction", error.reason) }
            } else {
                prediction = score! >= task.threshold ? binaryPositive! : universe.negativeIndex()
            }

            raw.counts.add(label, prediction)
            if let score {
                if label == binaryPositive { positiveScores.append(score) } else { negativeScores.append(score) }
            }
            if let idColumn = columns.id {
                let range = reader.fieldRange(idColumn)
                guard !range.isEmpty else { throw fail("id", "is empty; every row of a file with ids needs one") }
                if reader.bytes[range].contains(where: { $0 >= 0x80 }), String(validating: reader.bytes[range], as: UTF8.self) == nil {
                    throw fail("id", "is not valid UTF-8")
                }
                idHashes.append(NumberParsing.hash(reader.bytes[range]))
                cells.append(UInt16(label) << 8 | UInt16(prediction))
            }
            if let segmentColumn = columns.segment {
                guard let name = reader.string(segmentColumn) else { throw fail("segment", "is not valid UTF-8") }
                let key = name.isEmpty ? "(no segment)" : name
                let index: Int
                if let known = segmentIndex[key] {
                    index = known
                } else {
                    index = raw.segmentNames.count
                    segmentIndex[key] = index
                    raw.segmentNames.append(key)
                    raw.segmentCounts.append(GrowableMatrix())
                }
                raw.segmentCounts[index].add(label, prediction)
            }
            rows += 1
        }
        guard rows > 0 else {
            throw InputError(file: file, line: 1, "has a header but no rows; a set with no examples cannot be reported")
        }
        if useScores {
            raw.scored = ScoredExamples(positives: positiveScores, negatives: negativeScores)
        }
        if let idColumn = columns.id {
            raw.keyed = KeyedExamples(idHashes: idHashes, cells: cells)
            try DuplicateIDs.check(sortedHashes: raw.keyed!.idHashes, folder: folder, path: path, idColumn: idColumn)
        }
        return raw
    }

    private func readHeader(_ reader: CSVReader, file: String) throws -> Columns {
        var positions: [String: Int] = [:]
        for index in 0..<reader.fieldCount {
            guard let name = reader.string(index) else {
                throw InputError(file: file, line: reader.line, "the header is not valid UTF-8")
            }
            let known = ["label", "prediction", "score", "id", "segment"]
            if known.contains(name), positions[name] != nil {
                throw InputError(file: file, line: reader.line, field: "column '\(name)'", "appears twice in the header")
            }
            positions[name] = index
        }
        func missing(_ column: String, _ why: String) -> InputError {
            InputError(file: file, line: reader.line, field: "column '\(column)'", "is missing; \(why)")
        }
        guard let label = positions["label"] else {
            throw missing("label", "every predictions file needs the true class in 'label'")
        }
        let task = universe.task
        if positions["prediction"] == nil {
            if !task.isBinary {
                throw missing("prediction", "a multiclass task needs the predicted class in 'prediction'")
            }
            if positions["score"] == nil {
                throw missing("prediction", "a binary task needs 'prediction', or 'score' to apply the threshold to")
            }
        }
        return Columns(label: label, prediction: positions["prediction"], score: positions["score"],
                       id: positions["id"], segment: positions["segment"], count: reader.fieldCount)
    }
}

/// A square count matrix that grows as new classes appear, in internal class indices.
struct GrowableMatrix {
    private(set) var size = 0
    private var cells: [Int] = []

    mutating func add(_ row: Int, _ column: Int, _ amount: Int = 1) {
        let needed = max(row, column) + 1
        if needed > size { grow(to: needed) }
        cells[row * size + column] += amount
    }

    private mutating func grow(to newSize: Int) {
        var grown = [Int](repeating: 0, count: newSize * newSize)
        for row in 0..<size { for column in 0..<size { grown[row * newSize + column] = cells[row * size + column] } }
        cells = grown
        size = newSize
    }

    func count(_ row: Int, _ column: Int) -> Int {
        row < size && column < size ? cells[row * size + column] : 0
    }

    /// The matrix over `order` (internal indices in display order).
    func reordered(_ order: [Int]) -> [[Int]] {
        order.map { row in order.map { column in count(row, column) } }
    }
}
