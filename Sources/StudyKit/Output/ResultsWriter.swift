import Foundation

/// Writes ``StudyResults`` as JSON with a fixed format, so two runs of one study give identical bytes.
///
/// Keys are sorted, indentation is two spaces, numbers use Swift's shortest round-trip representation, non-finite
/// numbers are the strings `"NaN"`, `"Infinity"` and `"-Infinity"`, and the file ends with a newline.
public enum ResultsWriter {
    /// The JSON bytes of `results`.
    public static func data(_ results: StudyResults) throws -> Data {
        var data = try encoder().encode(results)
        data.append(0x0A)
        return data
    }

    /// Reads results written by ``data(_:)``.
    public static func read(_ data: Data) throws -> StudyResults {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(StudyResults.self, from: data)
    }

    /// The encoder used for results and for canonical study hashes.
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }
}
