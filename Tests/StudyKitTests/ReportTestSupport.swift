import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses `markup` as XML (the report is written as well-formed XHTML-compatible HTML) and returns the parser error,
/// or nil when it is well formed. Also collects element names and text for content assertions.
final class MarkupProbe: NSObject, XMLParserDelegate {
    private(set) var elements: [String] = []
    private(set) var attributes: [[String: String]] = []
    private(set) var error: String?

    static func parse(_ markup: String) -> MarkupProbe {
        let probe = MarkupProbe()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = probe
        if !parser.parse() {
            probe.error = "line \(parser.lineNumber), column \(parser.columnNumber): "
                + (parser.parserError.map { "\($0)" } ?? "unknown error")
        }
        return probe
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes attributeDict: [String: String] = [:]) {
        elements.append(elementName)
        attributes.append(attributeDict)
    }

    /// How many elements named `name` were seen.
    func count(_ name: String) -> Int { elements.filter { $0 == name }.count }

    /// Values of attribute `key` over all elements that have it.
    func values(of key: String) -> [String] { attributes.compactMap { $0[key] } }
}
