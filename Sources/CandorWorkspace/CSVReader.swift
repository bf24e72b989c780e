import Foundation

/// A streaming RFC 4180 reader over bytes that knows the physical line of every record.
///
/// It reads the file in fixed-size chunks and never holds more than one chunk and one
/// record, so a file of tens of millions of rows costs the same memory as a small one.
/// Fields are exposed as byte ranges of a reused buffer; callers turn the few they need
/// into values. Accepts a UTF-8 BOM, `\n` or `\r\n`, quoted fields with `""`, commas and
/// newlines inside quotes. Blank lines are skipped.
public final class CSVReader {
    public let file: String
    /// The physical line (from 1) on which the current record starts.
    public private(set) var line = 0
    /// Field contents of the current record, unescaped, back to back.
    public private(set) var bytes: [UInt8] = []
    /// End offset in `bytes` of each field of the current record.
    public private(set) var fieldEnds: [Int] = []

    private let descriptor: Int32
    private var chunk: [UInt8]
    private var position = 0
    private var available = 0
    private var atEnd = false
    private var nextLine = 1
    private var isFirstChunk = true

    public init(path: String, displayPath: String, chunkSize: Int = 1 << 20) throws {
        file = displayPath
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputError(file: displayPath, "cannot be opened") }
        chunk = [UInt8](repeating: 0, count: chunkSize)
    }

    deinit { close(descriptor) }

    public var fieldCount: Int { fieldEnds.count }

    public func fieldRange(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]
    }

    /// The field as text; nil when it is not valid UTF-8.
    public func string(_ index: Int) -> String? {
        String(validating: bytes[fieldRange(index)], as: UTF8.self)
    }

    private func fill() throws -> Bool {
        if atEnd { return false }
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else { throw InputError(file: file, "read failed") }
        if count == 0 { atEnd = true; return false }
        position = 0
        available = count
        if isFirstChunk {
            isFirstChunk = false
            if count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { position = 3 }
        }
        return true
    }

    private func nextByte() throws -> UInt8? {
        if position == available, try !fill() { return nil }
        defer { position += 1 }
        return chunk[position]
    }

    private func peekByte() throws -> UInt8? {
        if position == available, try !fill() { return nil }
        return chunk[position]
    }

    /// Reads the next record; false at the end of the file.
    public func next() throws -> Bool {
        while true {
            guard try readRecord() else { return false }
            // A blank line is one empty field: not a record.
            if fieldEnds.count == 1 && bytes.isEmpty { continue }
            return true
        }
    }

    private func readRecord() throws -> Bool {
        bytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        line = nextLine
        guard try peekByte() != nil else { return false }
        while true {
            let ended = try readField()
            fieldEnds.append(bytes.count)
            if ended { return true }
        }
    }

    /// Reads one field; returns true when the record ended after it.
    private func readField() throws -> Bool {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        if try peekByte() == quote {
            position += 1
            let openedOn = nextLine
            while true {
                guard let byte = try nextByte() else {
                    throw InputError(file: file, line: openedOn, "a quoted field opened on this line is never closed")
                }
                if byte == quote {
                    if try peekByte() == quote { position += 1; bytes.append(quote); continue }
                    break
                }
                if byte == lf { nextLine += 1 }
                bytes.append(byte)
            }
            // After the closing quote only a separator or the end of the record may follow.
            guard let after = try nextByte() else { return true }
            if after == comma { return false }
            if after == lf { nextLine += 1; return true }
            if after == cr, try peekByte() == lf { position += 1; nextLine += 1; return true }
            throw InputError(file: file, line: nextLine, "unexpected character after a closing quote; a quote inside a quoted field must be doubled (\"\")")
        }
        while try position < available || fill() {
            // Scan the unquoted run inside the current chunk without per-byte bookkeeping.
            let start = position
            var stop = start
            var terminator: UInt8 = 0
            let end = available
            chunk.withUnsafeBufferPointer { buffer in
                while stop < end {
                    let byte = buffer[stop]
                    if byte == comma || byte == lf || byte == cr { terminator = byte; break }
                    stop += 1
                }
            }
            if stop > start {
                chunk.withUnsafeBufferPointer { buffer in
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<stop]))
                }
            }
            position = stop
            if stop == available { continue }
            position += 1
            switch terminator {
            case comma:
                return false
            case lf:
                nextLine += 1
                return true
            default:
                if try peekByte() == lf { position += 1; nextLine += 1; return true }
                bytes.append(cr)
            }
        }
        return true
    }
}
