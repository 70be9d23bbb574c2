/// One case of a self-controlled case series, on a day scale: its observation period, its events, the risk
/// windows its exposures open, and what is needed to place its days in age and season groups.
///
/// Days are inclusive: observation `[observationStart, observationEnd]` lasts `end − start + 1` days, and a risk
/// window `[from, to]` includes both ends (the R `SCCS` and OHDSI convention). On R `SCCS` prepared data the day
/// scale is age in days (birth = day 0); on network data it is the calendar day number.
public struct SCCSCase: Sendable, Equatable {
    /// The case's id (for reporting).
    public var id: String
    public var observationStart: Int
    public var observationEnd: Int
    /// Event days (several for recurrent events; repeated days count as several events).
    public var events: [Int]
    /// Risk windows, each tied to one exposure parameter (index into ``SCCSNetworkDesign/parameterNames``).
    public var windows: [SCCSWindow]
    /// The day on which age is 0 (birth); used for age groups.
    public var birthDay: Int
    /// Calendar day number of day 0 of this case's day scale, for season groups (`nil`: no season adjustment
    /// possible). On network data this is 0 (days are calendar days); on prepared data it is the date of birth.
    public var calendarOrigin: Int?
    /// Whether the observation end is administrative (the study end or the data's extraction date) rather than an
    /// end that may follow from the event; the event-dependent observation model treats only the others as
    /// informative (``SCCSEventDependentObservation``).
    public var administrativeEnd: Bool

    public init(
        id: String, observationStart: Int, observationEnd: Int, events: [Int], windows: [SCCSWindow],
        birthDay: Int = 0, calendarOrigin: Int? = nil, administrativeEnd: Bool = false
    ) {
        self.administrativeEnd = administrativeEnd
        self.id = id
        self.observationStart = observationStart
        self.observationEnd = observationEnd
        self.events = events
        self.windows = windows
        self.birthDay = birthDay
        self.calendarOrigin = calendarOrigin
    }
}

/// A span of days during which one exposure parameter applies.
public struct SCCSWindow: Sendable, Equatable, Hashable {
    public var from: Int
    public var to: Int
    /// Index of the exposure parameter.
    public var parameter: Int
    public init(from: Int, to: Int, parameter: Int) {
        self.from = from
        self.to = to
        self.parameter = parameter
    }
}
