/// A table of the report, rendered as escaped HTML.
struct HTMLTable {
    /// A cell: text and an optional CSS class (`num` right-aligns numbers, `pass`/`fail` colour a status).
    struct Cell: ExpressibleByStringLiteral {
        var text: String
        var cssClass: String?
        init(_ text: String, _ cssClass: String? = nil) {
            self.text = text
            self.cssClass = cssClass
        }
        init(stringLiteral value: String) { self.init(value) }
        /// A right-aligned number cell.
        static func num(_ text: String) -> Cell { Cell(text, "num") }
        /// A pass/fail badge.
        static func status(_ passed: Bool) -> Cell { Cell(passed ? "pass" : "fail", passed ? "pass" : "fail") }
    }

    var headers: [Cell]
    var rows: [[Cell]]
    var caption: String?
    /// CSS class of the `<table>`.
    var cssClass: String = "data"

    func render() -> String {
        var out = "<div class=\"table-wrap\"><table class=\"\(cssClass)\">"
        if let caption { out += "<caption>\(Markup.escape(caption))</caption>" }
        out += "<thead><tr>"
        for h in headers { out += "<th\(Self.classAttribute(h.cssClass))>\(Markup.escape(h.text))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for c in row { out += "<td\(Self.classAttribute(c.cssClass))>\(Markup.escape(c.text))</td>" }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n"
        return out
    }

    private static func classAttribute(_ c: String?) -> String {
        guard let c else { return "" }
        return " class=\"\(Markup.escape(c))\""
    }
}

/// Small HTML fragments used by every section.
enum HTML {
    /// `<tag>escaped text</tag>`.
    static func element(_ tag: String, _ text: String, cssClass: String? = nil) -> String {
        let c = cssClass.map { " class=\"\(Markup.escape($0))\"" } ?? ""
        return "<\(tag)\(c)>\(Markup.escape(text))</\(tag)>\n"
    }

    /// A paragraph of escaped text.
    static func paragraph(_ text: String, cssClass: String? = nil) -> String { element("p", text, cssClass: cssClass) }

    /// A heading with an id for the table of contents.
    static func heading(_ level: Int, _ text: String, id: String) -> String {
        "<h\(level) id=\"\(Markup.identifier(id))\">\(Markup.escape(text))</h\(level)>\n"
    }

    /// A figure: the SVG (already markup) and an escaped caption explaining how to read it.
    static func figure(_ svg: String, caption: String, cssClass: String = "figure") -> String {
        let text = caption.isEmpty ? "" : "<figcaption>\(Markup.escape(caption))</figcaption>\n"
        return "<figure class=\"\(cssClass)\">\n\(svg)\n\(text)</figure>\n"
    }

    /// A definition list of label/value pairs (escaped).
    static func facts(_ pairs: [(String, String)]) -> String {
        var out = "<dl class=\"facts\">"
        for (k, v) in pairs { out += "<dt>\(Markup.escape(k))</dt><dd>\(Markup.escape(v))</dd>" }
        return out + "</dl>\n"
    }

    /// A note box (e.g. a failed design, an empty plot).
    static func note(_ text: String, kind: String = "note") -> String {
        "<div class=\"\(Markup.escape(kind))\">\(Markup.escape(text))</div>\n"
    }
}
