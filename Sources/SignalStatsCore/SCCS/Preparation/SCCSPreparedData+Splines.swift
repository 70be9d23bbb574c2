extension SCCSPreparedData {
    /// The spline model of prepared data: cases as ``cases(exposures:)`` builds them, time split by month (calendar
    /// months when ``birthDate`` is given, months of age otherwise), and the requested splines. Without a date of
    /// birth only the age spline is available.
    ///
    /// Step-function age and season groups (``model(exposures:ageCutPoints:seasonStartMonths:)``) remain the R `SCCS`
    /// default; this is the OHDSI-style alternative.
    public func splineModel(exposures: [SCCSExposureDefinition], splines: SCCSSplineAdjustment) throws(SCCSError) -> SCCSSplineModel {
        let (cases, names) = try cases(exposures: exposures)
        return try SCCSSplineModel(cases: cases, parameterNames: names, splines: splines)
    }
}
