/// The controls an empirical-calibration fit may use, chosen as EmpiricalCalibration 3.1.4 chooses them
/// (`fitNull`, `fitSystematicErrorModel`): a control is dropped when its log estimate or its standard
/// error is infinite or NaN, and (for the null only) when |log RR| > log 100.
struct ControlSelection {
    /// Indices of the usable controls, in input order.
    var indices: [Int]
    /// How many controls were dropped.
    var excluded: Int

    /// Selects usable controls.
    ///
    /// - Parameters:
    ///   - dropExtreme: Also drop |logRr| > log 100 (`fitNull` does, `fitSystematicErrorModel` does not).
    init(logRr: [Double], seLogRr: [Double], dropExtreme: Bool) throws(CalibrationError) {
        guard logRr.count == seLogRr.count else {
            throw .lengthMismatch(
                first: "logRr", firstCount: logRr.count, second: "seLogRr", secondCount: seLogRr.count)
        }
        let limit = 4.605170185988092  // log(100)
        var kept: [Int] = []
        for i in logRr.indices {
            let x = logRr[i]
            let s = seLogRr[i]
            guard x.isFinite, s.isFinite, s >= 0 else { continue }
            if dropExtreme && abs(x) > limit { continue }
            kept.append(i)
        }
        indices = kept
        excluded = logRr.count - kept.count
    }
}
