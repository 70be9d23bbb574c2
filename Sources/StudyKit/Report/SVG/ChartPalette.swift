/// Colours of the report's charts: the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies
/// (Okabe & Ito 2008, *Color Universal Design*).
public enum ChartPalette {
    /// Series colours in order of use: blue, vermillion, bluish green, orange, sky blue, reddish purple.
    public static let series = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7"]
    /// The colour of series `index` (cycles after six).
    public static func color(_ index: Int) -> String { series[((index % series.count) + series.count) % series.count] }
    /// Axis lines and tick labels.
    static let axis = "#444444"
    /// Grid lines.
    static let grid = "#e3e3e3"
    /// Reference lines (null value, thresholds).
    static let reference = "#777777"
    /// Shaded regions (equipoise band).
    static let highlight = "#cfcfcf"
    /// Text.
    static let text = "#222222"
    /// Muted text (notes, "not estimable").
    static let muted = "#666666"
}
