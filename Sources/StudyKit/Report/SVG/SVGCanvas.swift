/// A minimal SVG writer: elements are appended in order with attributes in the order given,
/// so the same drawing calls always produce the same bytes.
struct SVGCanvas {
    /// Canvas width in user units (pixels).
    let width: Double
    /// Canvas height in user units (pixels).
    let height: Double
    private var parts: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// An attribute value: numbers are formatted with ``SVGNumber/fixed(_:decimals:)``.
    enum Value: ExpressibleByStringLiteral {
        case text(String)
        case number(Double)
        init(stringLiteral value: String) { self = .text(value) }
        var rendered: String {
            switch self {
            case .text(let s): return Markup.escape(s)
            case .number(let x): return SVGNumber.fixed(x)
            }
        }
    }

    private static func attributes(_ attrs: KeyValuePairs<String, Value>) -> String {
        attrs.map { " \($0.key)=\"\($0.value.rendered)\"" }.joined()
    }

    /// An empty element such as `<line .../>`.
    mutating func element(_ name: String, _ attrs: KeyValuePairs<String, Value>) {
        parts.append("<\(name)\(Self.attributes(attrs))/>")
    }

    /// An element with escaped text content.
    mutating func element(_ name: String, _ attrs: KeyValuePairs<String, Value>, text: String) {
        parts.append("<\(name)\(Self.attributes(attrs))>\(Markup.escape(text))</\(name)>")
    }

    /// Opens a group; close it with ``close(_:)``.
    mutating func open(_ name: String, _ attrs: KeyValuePairs<String, Value> = [:]) {
        parts.append("<\(name)\(Self.attributes(attrs))>")
    }

    /// Closes an element opened with ``open(_:_:)``.
    mutating func close(_ name: String) { parts.append("</\(name)>") }

    // MARK: - Shapes

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double,
                       stroke: String = "#444", width: Double = 1, dash: String? = nil) {
        if let dash {
            element("line", ["x1": .number(x1), "y1": .number(y1), "x2": .number(x2), "y2": .number(y2),
                             "stroke": .text(stroke), "stroke-width": .number(width), "stroke-dasharray": .text(dash)])
        } else {
            element("line", ["x1": .number(x1), "y1": .number(y1), "x2": .number(x2), "y2": .number(y2),
                             "stroke": .text(stroke), "stroke-width": .number(width)])
        }
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String,
                       stroke: String = "none", strokeWidth: Double = 1, opacity: Double = 1,
                       dash: String? = nil, radius: Double = 0) {
        element("rect", ["x": .number(x), "y": .number(y), "width": .number(max(0, w)), "height": .number(max(0, h)),
                         "rx": .number(radius), "fill": .text(fill), "fill-opacity": .number(opacity),
                         "stroke": .text(stroke), "stroke-width": .number(strokeWidth),
                         "stroke-dasharray": .text(dash ?? "none")])
    }

    mutating func circle(_ cx: Double, _ cy: Double, r: Double, fill: String, stroke: String = "none", opacity: Double = 1) {
        element("circle", ["cx": .number(cx), "cy": .number(cy), "r": .number(r), "fill": .text(fill),
                           "fill-opacity": .number(opacity), "stroke": .text(stroke)])
    }

    /// A polyline or polygon path through `points` (`M x y L x y ...`, `Z` when `closed`).
    mutating func path(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 1.5,
                       fill: String = "none", fillOpacity: Double = 1, closed: Bool = false, dash: String? = nil) {
        guard let first = points.first else { return }
        var d = "M\(SVGNumber.fixed(first.x)) \(SVGNumber.fixed(first.y))"
        for p in points.dropFirst() { d += "L\(SVGNumber.fixed(p.x)) \(SVGNumber.fixed(p.y))" }
        if closed { d += "Z" }
        element("path", ["d": .text(d), "fill": .text(fill), "fill-opacity": .number(fillOpacity),
                         "stroke": .text(stroke), "stroke-width": .number(width),
                         "stroke-dasharray": .text(dash ?? "none"), "stroke-linejoin": "round"])
    }

    /// Horizontal alignment of a text label.
    enum Anchor: String { case start, middle, end }

    mutating func text(_ s: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12,
                       weight: String = "normal", fill: String = "#222", rotate: Double? = nil) {
        if let rotate {
            element("text", ["x": .number(x), "y": .number(y), "text-anchor": .text(anchor.rawValue),
                             "font-size": .number(size), "font-weight": .text(weight), "fill": .text(fill),
                             "transform": .text("rotate(\(SVGNumber.fixed(rotate)) \(SVGNumber.fixed(x)) \(SVGNumber.fixed(y)))")],
                    text: s)
        } else {
            element("text", ["x": .number(x), "y": .number(y), "text-anchor": .text(anchor.rawValue),
                             "font-size": .number(size), "font-weight": .text(weight), "fill": .text(fill)], text: s)
        }
    }

    /// The finished `<svg>` element with an accessible `<title>` and `<desc>`, identified by `id`.
    /// Inline SVG in HTML needs no namespace; pass `standalone: true` for a separate `.svg` file.
    func rendered(id: String, title: String, description: String, standalone: Bool = false) -> String {
        let safeID = Markup.identifier(id)
        var out = "<svg"
        if standalone { out += " xmlns=\"http://www.w3.org/2000/svg\"" }
        out += " id=\"\(safeID)\" role=\"img\""
        out += " aria-labelledby=\"\(safeID)-title \(safeID)-desc\""
        out += " viewBox=\"0 0 \(SVGNumber.fixed(width)) \(SVGNumber.fixed(height))\""
        out += " width=\"\(SVGNumber.fixed(width))\" height=\"\(SVGNumber.fixed(height))\""
        out += " font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
        out += "<title id=\"\(safeID)-title\">\(Markup.escape(title))</title>\n"
        out += "<desc id=\"\(safeID)-desc\">\(Markup.escape(description))</desc>\n"
        out += parts.joined(separator: "\n")
        out += "\n</svg>"
        return out
    }
}
