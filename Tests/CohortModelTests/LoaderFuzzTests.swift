import Foundation
import Testing

@testable import CohortModel

/// SplitMix64 (Steele, Lea & Flood 2014), seeded, so a failure reproduces.
struct FuzzGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Feeds random bytes and random mutations of valid files to the loader in lenient mode: it must never crash,
/// may only throw a file-level ``CohortModelError``, and whenever it returns, every source row is stored or
/// rejected (per table and site) and the stored rows' checksums match.
@Suite("Loaders: fuzzing")
struct LoaderFuzzTests {
    /// Bytes a CSV mutation likes: delimiters, quotes, line breaks, digits, dashes, letters, high bytes.
    static let alphabet: [UInt8] = Array(",,,\"\"\n\n\r0123456789--.ANPHYJUFMLoralinjectionoutpatient ".utf8) + [0x00, 0x80, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]

    static func randomBytes(_ rng: inout FuzzGenerator) -> [UInt8] {
        let n = Int.random(in: 0...400, using: &rng)
        let plain = Bool.random(using: &rng)
        return (0..<n).map { _ in plain ? UInt8.random(in: 0...255, using: &rng) : alphabet.randomElement(using: &rng)! }
    }

    static func mutate(_ bytes: [UInt8], _ rng: inout FuzzGenerator) -> [UInt8] {
        var b = bytes
        let edits = Int.random(in: 1...6, using: &rng)
        for _ in 0..<edits {
            guard !b.isEmpty else {
                b = randomBytes(&rng)
                continue
            }
            let i = Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: b[i] = alphabet.randomElement(using: &rng)!  // replace a byte
            case 1: b.insert(alphabet.randomElement(using: &rng)!, at: i)  // insert
            case 2: b.remove(at: i)  // delete
            case 3: b.removeSubrange(i..<min(b.count, i + Int.random(in: 1...30, using: &rng)))  // delete a run
            case 4: b = Array(b[0..<i])  // truncate
            case 5:  // duplicate a line
                let lines = b.split(separator: 0x0A, omittingEmptySubsequences: false)
                if let l = lines.randomElement(using: &rng) { b += [0x0A] + l + [0x0A] }
            case 6: b[i] = UInt8.random(in: 0...255, using: &rng)  // any byte
            default:  // swap two bytes
                let j = Int.random(in: 0..<b.count, using: &rng)
                b.swapAt(i, j)
            }
        }
        return b
    }

    static let files = ["sites.csv", "persons.csv", "observation_periods.csv", "drug_exposures.csv", "diagnoses.csv",
                        "lab_results.csv", "admissions.csv"]

    @Test(arguments: 0..<4)
    func randomInputNeverBreaksTheAccounting(block: Int) throws {
        var rng = FuzzGenerator(state: 0x5EED_0000 + UInt64(block))
        var returned = 0, threw = 0
        // LOADER_FUZZ_ITERATIONS scales the run (60 per block by default).
        let iterations = ProcessInfo.processInfo.environment["LOADER_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 60
        for _ in 0..<iterations {
            // Mutate one or two files; sometimes replace one with random bytes.
            var replace: [String: [UInt8]] = [:]
            for _ in 0..<Int.random(in: 1...2, using: &rng) {
                let f = Self.files.randomElement(using: &rng)!
                let valid = Array(Fixture.files[f]!.utf8)
                replace[f] = Int.random(in: 0..<5, using: &rng) == 0 ? Self.randomBytes(&rng) : Self.mutate(valid, &rng)
            }
            let dir = try Fixture.write(replace: replace)
            defer { try? FileManager.default.removeItem(at: dir) }
            let parallelism = Int.random(in: 1...3, using: &rng)
            do throws(CohortModelError) {
                let loaded = try NetworkLoader.loadCSV(directory: dir, options: LoadOptions(mode: .lenient, parallelism: parallelism))
                returned += 1
                checkAccounting(loaded.report)
                // Independent count: when the strict CSV reader accepts a file, its row count is the source count.
                for (f, bytes) in replace {
                    let table = String(f.dropLast(4))
                    if let t = try? CSVTable(parsing: bytes, source: f) {
                        #expect(loaded.report.sourceRows(table) == t.rowCount, "\(f)")
                    }
                }
                // Lines: counted physically (as `wc -l`, plus a last line without a break), and every data line is
                // blank, in a stored row, a rejected row's line, or listed as unaccounted.
                for a in loaded.report.lineAccounts {
                    let bytes = replace[a.file] ?? Array(Fixture.files[a.file]!.utf8)
                    #expect(a.lines == LoaderRobustnessTests.physicalLines(bytes), "\(a.file)")
                    #expect(a.isBalanced, "\(a.file): \(a)")
                    #expect(a.storedRows == loaded.report.storedRows(a.table), "\(a.file)")
                    #expect(a.rejectedRows == loaded.report.rejections(of: a.table).count, "\(a.file)")
                }
                #expect(loaded.report.lineAccounts.count == Self.files.count)
                let n = loaded.network
                // The model's invariants: offsets cover every row, rows sorted by person then date.
                #expect(n.drugs.offsets.last == n.drugs.table.count)
                #expect(n.labs.offsets.last == n.labs.table.count)
                for p in 0..<n.personCount {
                    let r = n.drugs.rows(ofPerson: p)
                    #expect(n.drugs.table.person[r].allSatisfy { Int($0) == p })
                }
                // Strict mode on the same files either loads the same network or throws.
                if let strict = try? NetworkLoader.loadCSV(directory: dir, options: .strict) {
                    #expect(loaded.report.rejections.isEmpty)
                    #expect(Bool(sameNetwork(strict.network, n)))
                }
            } catch {
                threw += 1
                switch error {
                case .rejectedRow: Issue.record("lenient mode threw a row rejection: \(error)")
                default: break
                }
            }
        }
        #expect(returned > 0)
    }

    /// Random bytes as every file at once, in SQLite too: the loader must fail cleanly.
    @Test func randomFilesEverywhere() throws {
        var rng = FuzzGenerator(state: 42)
        for _ in 0..<30 {
            var replace: [String: [UInt8]] = [:]
            for f in Self.files { replace[f] = Self.randomBytes(&rng) }
            let dir = try Fixture.write(replace: replace)
            defer { try? FileManager.default.removeItem(at: dir) }
            if let loaded = try? NetworkLoader.loadCSV(directory: dir, options: .lenient) { checkAccounting(loaded.report) }
            let db = dir.appendingPathComponent("x.sqlite")
            try Data(Self.randomBytes(&rng)).write(to: db)
            if let loaded = try? NetworkLoader.loadSQLite(file: db, options: .lenient) { checkAccounting(loaded.report) }
        }
    }
}
