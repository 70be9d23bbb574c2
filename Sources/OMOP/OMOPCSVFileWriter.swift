import Foundation

/// Writes one CSV file with a header, buffered (1 MiB), quoting fields that hold a comma, a quote or a line break.
struct OMOPCSVFileWriter {
    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var rows = 0

    init(url: URL, header: [String]) throws(OMOPError) {
        path = url.path
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
            let h = try? FileHandle(forWritingTo: url)
        else { throw .io(path: url.path, message: "cannot create the file") }
        handle = h
        buffer.reserveCapacity(1 << 20)
        append(header)
        rows = 0
    }

    /// Appends a row (`nil` or empty writes an empty field).
    mutating func append(_ fields: [String?]) {
        for (k, f) in fields.enumerated() {
            if k > 0 { buffer.append(44) }
            guard let f, !f.isEmpty else { continue }
            let bytes = Array(f.utf8)
            if bytes.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
                buffer.append(34)
                for b in bytes {
                    if b == 34 { buffer.append(34) }
                    buffer.append(b)
                }
                buffer.append(34)
            } else {
                buffer += bytes
            }
        }
        buffer.append(10)
        rows += 1
    }

    mutating func flushIfFull() throws(OMOPError) {
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws(OMOPError) {
        do { try handle.write(contentsOf: buffer) } catch { throw .io(path: path, message: error.localizedDescription) }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws(OMOPError) {
        try flush()
        do { try handle.close() } catch { throw .io(path: path, message: error.localizedDescription) }
    }
}
