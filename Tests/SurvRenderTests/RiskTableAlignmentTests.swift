import Foundation
import XCTest
@testable import SurvRender

#if canImport(FoundationXML)
import FoundationXML
import SurvResults
#endif

/// Every number at risk sits exactly under its tick label: in the terminal the centre column of each
/// count equals the centre column of its tick's label, and in SVG their x coordinates are equal.
final class RiskTableAlignmentTests: XCTestCase {
    typealias F = FigureFixtures

    /// Figures whose ticks, widths and counts vary: default ticks, `by`, `xmax`, many ticks, wide counts.
    var figures: [(String, SurvivalFigure)] {
        var wide = F.figure([("A", F.maintained), ("B", F.nonmaintained)], by: 10)
        wide.strata[0].atRisk = wide.strata[0].atRisk.map { $0 * 100_000 + 7 }
        return [
            ("default", F.figure([("Maintained", F.maintained), ("Nonmaintained", F.nonmaintained)])),
            ("by 12 to 60", F.figure([("A", F.maintained), ("B", F.nonmaintained), ("C", F.third)], xmax: 60, by: 12)),
            ("by 5", F.figure([("A", F.maintained), ("B", F.nonmaintained)], by: 5)),
            ("by 1 to 30", F.figure([("one", F.third)], xmax: 30, by: 1)),
            ("wide counts", wide),
        ]
    }

    func testTerminalCountsAreCentredUnderTheirTickLabels() {
        for (name, figure) in figures {
            for style in [TerminalFigureStyle(), .init(width: 80), .init(width: 50), .init(width: 120, ascii: true)] {
                let text = TerminalFigure.survival(figure, style: style)
                let lines = text.components(separatedBy: "\n")
                let context = "\(name), width \(style.width)\n\(text)"
                guard let title = lines.firstIndex(where: { $0.contains(figure.xAxis.label) }),
                      let header = lines.firstIndex(of: "Number at risk") else {
                    XCTFail("no axis title or risk table: \(context)")
                    continue
                }
                let labels = tokens(lines[title - 1], from: 0)
                XCTAssertGreaterThanOrEqual(labels.count, 2, context)
                for (index, stratum) in figure.strata.enumerated() {
                    let row = lines[header + 1 + index]
                    // The name as shown: the label, or its beginning cut with an ellipsis.
                    var shown = String(zip(row, stratum.label).prefix { $0 == $1 }.map(\.0))
                    if shown != stratum.label {
                        XCTAssertEqual(row.dropFirst(shown.count).first, "…", context)
                        shown += "…"
                    }
                    let counts = tokens(row, from: DisplayWidth.of(shown))
                    XCTAssertEqual(counts.map(\.centre), labels.map(\.centre), "\(stratum.label): \(context)")
                    // Whatever ticks are printed, their counts are the stratum's counts at those ticks.
                    for (label, count) in zip(labels, counts) {
                        guard let tick = figure.xAxis.ticks.firstIndex(where: { TickText.format([$0], percent: false)[0] == label.text
                                                                             || NumberFormat().data($0) == label.text }) else { continue }
                        XCTAssertEqual(count.text, NumberFormat().data(stratum.atRisk[tick]), "tick \(label.text): \(context)")
                    }
                }
                for line in lines {
                    XCTAssertLessThanOrEqual(DisplayWidth.of(line), style.pageWidth, "line too wide: \(line)")
                }
            }
        }
    }

    func testSVGCountsShareTheirTickLabelsX() throws {
        for (name, figure) in figures {
            let svg = SVGFigure.survival(figure)
            let texts = try SVGTexts(svg)
            let ticks = texts.items.filter { $0.group == "x-axis" && $0.anchor == "middle" }
            let counts = texts.items.filter { $0.group == "risk-table" && $0.anchor == "middle" }
            XCTAssertGreaterThanOrEqual(ticks.count, 2, name)
            let rows = Dictionary(grouping: counts, by: \.y)
            XCTAssertEqual(rows.count, figure.strata.count, name)
            for (_, row) in rows {
                XCTAssertEqual(row.map(\.x), ticks.map(\.x), name)
            }
        }
    }

    /// Runs of non-blank characters from display column `from` on, with their centre columns by the
    /// figures' rule (one left of centre for an even width).
    func tokens(_ line: String, from: Int) -> [(text: String, centre: Int)] {
        var out: [(String, Int)] = []
        var column = 0, current = "", start = 0
        for character in line {
            if column >= from && character != " " {
                if current.isEmpty { start = column }
                current.append(character)
            } else if !current.isEmpty {
                out.append((current, start + (DisplayWidth.of(current) - 1) / 2))
                current = ""
            }
            column += DisplayWidth.of(character)
        }
        if !current.isEmpty { out.append((current, start + (DisplayWidth.of(current) - 1) / 2)) }
        return out
    }
}

/// The `<text>` elements of an SVG document with their group, anchor, position and content.
final class SVGTexts: NSObject, XMLParserDelegate {
    struct Item { var group: String; var anchor: String; var x: String; var y: String; var content: String }
    private(set) var items: [Item] = []
    private var groups: [String] = []
    private var current: Item?

    init(_ svg: String) throws {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? NSError(domain: "svg", code: 1) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "g" { groups.append(attributes["id"] ?? "") }
        if name == "text" {
            current = Item(group: groups.last ?? "", anchor: attributes["text-anchor"] ?? "start", x: attributes["x"] ?? "",
                           y: attributes["y"] ?? "", content: "")
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current?.content += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "g" { _ = groups.popLast() }
        if name == "text", let item = current {
            items.append(item)
            current = nil
        }
    }
}

final class StratumNamesTests: XCTestCase {
    /// One column's strata whose names would be cut lose the column's name in the risk table first.
    func testASharedColumnNameIsDroppedBeforeANameIsCut() {
        let labels = ["mrd_class=<0.1%", "mrd_class=0.1-1%", "mrd_class=>1%"]
        let names = StratumNames(labels) { String($0.prefix(14)) }
        XCTAssertEqual(names.legend, labels)
        XCTAssertEqual(names.table, ["<0.1%", "0.1-1%", ">1%"])
    }

    func testNamesThatFitAndStrataOfSeveralColumnsKeepTheirNames() {
        XCTAssertEqual(StratumNames(["x=Maintained", "x=Nonmaintained"]) { String($0.prefix(16)) }.table,
                       ["x=Maintained", "x=Nonmaintained"])
        let twoColumns = ["sex=F, arm=A", "sex=F, arm=B"]
        // Nothing is shared to drop: cut alike, the rows are numbered instead.
        XCTAssertEqual(StratumNames(twoColumns) { String($0.prefix(8)) }.table, ["1 sex=F,", "2 sex=F,"])
        XCTAssertNil(StratumNames.sharedColumnPrefix(twoColumns))
    }
}
