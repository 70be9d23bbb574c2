/// Which of a person's qualifying dates become events.
///
/// A person's qualifying dates are taken in date order. Several qualifying records on one day are always one
/// event (an event is a person and a day).
public enum OutcomeOccurrences: Sendable, Equatable, Codable {
    /// Only the first qualifying date in the person's whole record (observed or not; see
    /// ``OutcomeEvents/insideObservation(of:)``).
    case first
    /// Every qualifying date at least `minimumGapDays` days after the previous *counted* event.
    ///
    /// With a gap of 30, qualifying dates on days 0, 10, 29, 30, 45 and 61 count on days 0, 30 and 61: 10 and 29
    /// are within 30 days of day 0, 45 within 30 days of day 30. A gap of 0 or 1 counts every distinct day.
    case all(minimumGapDays: Int)

    /// Every distinct qualifying day.
    public static var everyDay: OutcomeOccurrences { .all(minimumGapDays: 1) }

    func validate(_ context: String) throws(OutcomeError) {
        if case .all(let gap) = self, gap < 0 {
            throw .invalidParameter(name: "\(context) minimumGapDays", value: Double(gap), reason: "must be 0 or more")
        }
    }
}
