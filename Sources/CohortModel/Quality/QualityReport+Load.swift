extension QualityReport {
    /// What the loader did with the source: rows rejected per table and reason with the first rejected lines, and
    /// each CSV file's line account (``LoadReport/LineAccount``), with the ranges of lines not accounted for and of
    /// lines read after resynchronising.
    ///
    /// Rejected lines are given by file, line, column and reason only: never the offending value or the row's site,
    /// so the summary stays aggregate output.
    public struct LoadSummary: Sendable, Equatable, Codable {
        /// One rejected line.
        public struct RejectedLine: Sendable, Equatable, Codable {
            /// The file (or `sqlite:<table>`).
            public var file: String
            /// The 1-based line (the SQLite rowid).
            public var line: Int
            /// The column at fault, when one is.
            public var column: String?
            /// The reason key (``RejectionReason``).
            public var reason: String

            /// A rejected line.
            public init(file: String, line: Int, column: String?, reason: String) {
                self.file = file
                self.line = line
                self.column = column
                self.reason = reason
            }
        }

        /// The rejections of one table for one reason.
        public struct RejectionGroup: Sendable, Equatable, Codable {
            /// The table.
            public var table: String
            /// The reason key.
            public var reason: String
            /// Rows rejected for it.
            public var count: Int
            /// The first rejected lines, in file order (at most ``LoadSummary/listedPerGroup``).
            public var first: [RejectedLine]

            /// A group.
            public init(table: String, reason: String, count: Int, first: [RejectedLine]) {
                self.table = table
                self.reason = reason
                self.count = count
                self.first = first
            }
        }

        /// Rejected lines listed per table and reason.
        public static let listedPerGroup = 5

        /// Rows rejected, over every table.
        public var rejectedRows: Int
        /// Lines not accounted for by a blank line, a stored row or a rejected row (``LoadReport/unaccountedLineCount``).
        public var unaccountedLines: Int
        /// Lines read only after resynchronising past an unterminated quote.
        public var resynchronisedLines: Int
        /// Rejections per table and reason (tables in load order, reasons sorted).
        public var rejections: [RejectionGroup]
        /// Each CSV file's line account, in load order (empty for SQLite).
        public var lines: [LoadReport.LineAccount]

        /// A summary from its parts.
        public init(
            rejectedRows: Int, unaccountedLines: Int, resynchronisedLines: Int, rejections: [RejectionGroup],
            lines: [LoadReport.LineAccount]
        ) {
            self.rejectedRows = rejectedRows
            self.unaccountedLines = unaccountedLines
            self.resynchronisedLines = resynchronisedLines
            self.rejections = rejections
            self.lines = lines
        }

        /// The summary of a load report.
        public init(_ report: LoadReport) {
            self.init(
                rejectedRows: report.rejectedRowCount, unaccountedLines: report.unaccountedLineCount,
                resynchronisedLines: report.resynchronisedLines.reduce(0) { $0 + $1.count },
                rejections: report.rejectionGroups(limit: Self.listedPerGroup).map { g in
                    RejectionGroup(
                        table: g.table, reason: g.reason, count: g.count,
                        first: g.first.map { RejectedLine(file: $0.file, line: $0.line, column: $0.column, reason: $0.reason) })
                },
                lines: report.lineAccounts)
        }

        /// Text for the console: the first rejected lines per table and reason, the ranges read after
        /// resynchronising, and the lines not accounted for (or that there are none).
        public func listing() -> String {
            var out: [String] = []
            if !rejections.isEmpty {
                out.append("rejected rows by table and reason (first \(Self.listedPerGroup) of each):")
                for g in rejections {
                    out.append("  \(g.table): \(g.reason): \(g.count) row\(g.count == 1 ? "" : "s")")
                    for r in g.first {
                        out.append("    \(r.file):\(r.line)" + (r.column.map { ": column \($0)" } ?? ""))
                    }
                    if g.count > g.first.count { out.append("    … \(g.count - g.first.count) more") }
                }
            }
            let resync = lines.flatMap(\.resynchronised)
            if !resync.isEmpty {
                out.append("lines read after resynchronising past an unterminated quote:")
                for r in resync { out.append("  \(r.file) \(Self.span(r)): \(r.note)") }
            }
            let multi = lines.filter { $0.multiLineRows > 0 }
            for a in multi {
                out.append("\(a.file): \(a.multiLineRows) stored row\(a.multiLineRows == 1 ? " spans" : "s span") several lines "
                    + "(quoted line breaks; the first at line \(a.firstMultiLineRow ?? 0))")
            }
            if unaccountedLines > 0 {
                out.append("ROWS MAY BE LOST: \(unaccountedLines) line\(unaccountedLines == 1 ? " is" : "s are") not accounted for by a stored or rejected row:")
                for a in lines where !a.isComplete {
                    for r in a.unaccounted { out.append("  \(r.file) \(Self.span(r)): \(r.note)") }
                    if !a.isBalanced {
                        out.append("  \(a.file): \(a.dataLines) data lines, of which \(a.blankLines) blank, \(a.storedLines) in stored rows, "
                            + "\(a.rejectedRows) rejected, \(a.unaccountedLines) listed above")
                    }
                }
            } else if !lines.isEmpty {
                let total = lines.reduce(0) { $0 + $1.dataLines }
                out.append("lines: all \(total) data lines accounted for (blank, stored or rejected)")
            }
            return out.joined(separator: "\n")
        }

        static func span(_ r: LoadReport.LineRange) -> String {
            r.count == 1 ? "line \(r.first)" : "lines \(r.first)–\(r.last)"
        }
    }
}
