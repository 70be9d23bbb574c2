/// The results of one sequence symmetry analysis: named pairs and, optionally, a screen of all class pairs.
public struct SSADesignResult: Sendable, Equatable, Codable {
    /// The washout, gap and study period used.
    public var settings: Settings
    /// One entry per named index–marker pair.
    public var pairs: [Pair]
    /// The network-wide screen, when requested.
    public var screening: Screening?

    /// Creates SSA results.
    public init(settings: Settings, pairs: [Pair], screening: Screening?) {
        self.settings = settings
        self.pairs = pairs
        self.screening = screening
    }

    /// Design settings.
    public struct Settings: Sendable, Equatable, Codable {
        /// Days without either drug before a first start counts as incident.
        public var washoutDays: Int
        /// Smallest and largest days from first to second start.
        public var minimumGapDays: Int
        /// Largest days from first to second start.
        public var maximumGapDays: Int
        /// Study period (ISO dates).
        public var studyStart: String
        /// Last day of the study period.
        public var studyEnd: String
        /// Creates settings.
        public init(washoutDays: Int, minimumGapDays: Int, maximumGapDays: Int, studyStart: String, studyEnd: String) {
            self.washoutDays = washoutDays
            self.minimumGapDays = minimumGapDays
            self.maximumGapDays = maximumGapDays
            self.studyStart = studyStart
            self.studyEnd = studyEnd
        }
    }

    /// One index–marker pair.
    public struct Pair: Sendable, Equatable, Codable {
        /// Index drug (concept set name).
        public var index: String
        /// Marker drug.
        public var marker: String
        /// Incident users and sequence counts.
        public var counts: Counts
        /// Crude sequence ratio (index-first / marker-first) with its beta-based interval.
        public var crude: RatioEstimate
        /// Null-effect sequence ratio (the ratio expected from prescribing trends alone).
        public var nullEffectRatio: Double
        /// Adjusted sequence ratio (crude / null-effect) with its interval.
        public var adjusted: RatioEstimate
        /// Histogram of days from the first to the second start, by order.
        public var timeToSecond: TimeHistogram
        /// Notes from the analysis (for example a study period shorter than the gap).
        public var notes: [String]
        /// This pair's attrition (the design's attrition is the first pair's).
        public var attrition: AttritionTable

        /// Creates a pair result.
        public init(
            index: String, marker: String, counts: Counts, crude: RatioEstimate, nullEffectRatio: Double,
            adjusted: RatioEstimate, timeToSecond: TimeHistogram, notes: [String], attrition: AttritionTable = AttritionTable(columns: [], steps: [])
        ) {
            self.index = index
            self.marker = marker
            self.counts = counts
            self.crude = crude
            self.nullEffectRatio = nullEffectRatio
            self.adjusted = adjusted
            self.timeToSecond = timeToSecond
            self.notes = notes
            self.attrition = attrition
        }
    }

    /// Incident users and sequences of one pair.
    public struct Counts: Sendable, Equatable, Codable {
        /// Incident users of the index drug.
        public var indexUsers: CellCount
        /// Incident users of the marker drug.
        public var markerUsers: CellCount
        /// Persons with incident starts of both.
        public var pairs: CellCount
        /// Index drug first, marker within the gap.
        public var indexFirst: CellCount
        /// Marker first, index within the gap.
        public var markerFirst: CellCount
        /// Both started on the same day (excluded).
        public var sameDay: CellCount
        /// Second start too soon (excluded).
        public var gapTooShort: CellCount
        /// Second start too late (excluded).
        public var gapTooLong: CellCount
        /// Creates counts.
        public init(
            indexUsers: CellCount, markerUsers: CellCount, pairs: CellCount, indexFirst: CellCount, markerFirst: CellCount,
            sameDay: CellCount, gapTooShort: CellCount, gapTooLong: CellCount
        ) {
            self.indexUsers = indexUsers
            self.markerUsers = markerUsers
            self.pairs = pairs
            self.indexFirst = indexFirst
            self.markerFirst = markerFirst
            self.sameDay = sameDay
            self.gapTooShort = gapTooShort
            self.gapTooLong = gapTooLong
        }
    }

    /// Days from the first to the second start in fixed bins, split by which drug came first.
    public struct TimeHistogram: Sendable, Equatable, Codable {
        /// Bin width in days.
        public var binDays: Int
        /// The bins, from the minimum gap to the maximum gap.
        public var bins: [Bin]
        /// Creates a histogram.
        public init(binDays: Int, bins: [Bin]) {
            self.binDays = binDays
            self.bins = bins
        }
        /// One bin: days `from...to` after the first start.
        public struct Bin: Sendable, Equatable, Codable {
            /// First day of the bin.
            public var from: Int
            /// Last day of the bin (inclusive).
            public var to: Int
            /// Persons whose index drug came first.
            public var indexFirst: CellCount
            /// Persons whose marker drug came first.
            public var markerFirst: CellCount
            /// Creates a bin.
            public init(from: Int, to: Int, indexFirst: CellCount, markerFirst: CellCount) {
                self.from = from
                self.to = to
                self.indexFirst = indexFirst
                self.markerFirst = markerFirst
            }
        }
    }

    /// The network-wide screen of ordered class pairs, ranked, with false-discovery-rate control.
    public struct Screening: Sendable, Equatable, Codable {
        /// How classes are formed (for example `"YJ prefix 7"`).
        public var classes: String
        /// Number of classes.
        public var classCount: Int
        /// Ordered pairs tested.
        public var pairsTested: Int
        /// Pairs not tested (too few sequences).
        public var untested: Int
        /// Target false-discovery rate (Benjamini–Hochberg).
        public var falseDiscoveryRate: Double
        /// Pairs flagged as signals.
        public var flagged: Int
        /// The top rows of the ranking (at most the study's `top`).
        public var rows: [Row]
        /// Creates a screening table.
        public init(
            classes: String, classCount: Int, pairsTested: Int, untested: Int, falseDiscoveryRate: Double, flagged: Int, rows: [Row]
        ) {
            self.classes = classes
            self.classCount = classCount
            self.pairsTested = pairsTested
            self.untested = untested
            self.falseDiscoveryRate = falseDiscoveryRate
            self.flagged = flagged
            self.rows = rows
        }
        /// One ranked pair.
        public struct Row: Sendable, Equatable, Codable {
            /// Rank (1 = strongest).
            public var rank: Int
            /// Index class (code and, when known, name).
            public var index: String
            /// Marker class.
            public var marker: String
            /// Index-first sequences.
            public var indexFirst: CellCount
            /// Marker-first sequences.
            public var markerFirst: CellCount
            /// Crude sequence ratio.
            public var crudeRatio: Double
            /// Null-effect sequence ratio.
            public var nullEffectRatio: Double
            /// Adjusted sequence ratio with its interval.
            public var adjusted: RatioEstimate
            /// Benjamini–Hochberg q-value.
            public var qValue: Double
            /// Whether the pair is flagged at the false-discovery rate.
            public var flagged: Bool
            /// Creates a row.
            public init(
                rank: Int, index: String, marker: String, indexFirst: CellCount, markerFirst: CellCount, crudeRatio: Double,
                nullEffectRatio: Double, adjusted: RatioEstimate, qValue: Double, flagged: Bool
            ) {
                self.rank = rank
                self.index = index
                self.marker = marker
                self.indexFirst = indexFirst
                self.markerFirst = markerFirst
                self.crudeRatio = crudeRatio
                self.nullEffectRatio = nullEffectRatio
                self.adjusted = adjusted
                self.qValue = qValue
                self.flagged = flagged
            }
        }
    }
}
