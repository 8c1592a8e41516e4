import XCTest
@testable import SurvLanguage

/// `plot`: options in any order, each checked against the figure it is given to.
final class PlotSyntaxTests: XCTestCase {
    let context = CheckContext(schema: ColumnSchema([("time", .number), ("status", .number), ("sex", .text)]),
                               datasetLoaded: true, bundledDatasets: ["aml"], endpointNames: ["os"], hasCurrentEndpoint: true,
                               hasCoxModel: true)

    func plan(_ line: String, _ context: CheckContext? = nil) throws -> Plan {
        let commands = try Parser.parseLine(line)
        return try Checker(context: context ?? self.context).check(commands[0].command)
    }

    func diagnostic(_ line: String, _ context: CheckContext? = nil) -> Diagnostic? {
        do { _ = try plan(line, context); return nil } catch let d as Diagnostic { return d } catch { return nil }
    }

    func testOptionsInAnyOrderGiveOnePlan() throws {
        var expected = PlotPlan(figure: .km)
        expected.confidenceBand = true
        expected.riskTable = false
        expected.xmax = 60
        expected.tickSpacing = 12
        expected.title = "OS"
        expected.path = "km.svg"
        expected.scale = .cumulativeIncidence
        expected.percent = true
        XCTAssertEqual(try plan("plot km ci no risktable xmax 60 by 12 title \"OS\" to \"km.svg\" cuminc percent"), .plot(expected))
        XCTAssertEqual(try plan("plot km percent cuminc to \"km.svg\" title \"OS\" by 12 xmax 60 no risktable ci"), .plot(expected))
        XCTAssertEqual(try plan("plot km"), .plot(PlotPlan(figure: .km)))
    }

    func testEachMistakeGetsItsOwnMessage() {
        XCTAssertEqual(diagnostic("plot km risktabel")?.hint, "did you mean 'risktable'?")
        XCTAssertEqual(diagnostic("plot km ci ci")?.message, "'ci' is given twice")
        XCTAssertEqual(diagnostic("plot km cumhaz cuminc")?.message, "the y axis is chosen twice (cumhaz or cuminc, not both)")
        XCTAssertEqual(diagnostic("plot km no ci")?.message, "'no ci' means nothing: ci is off unless asked for")
        XCTAssertEqual(diagnostic("plot cox risktable")?.message, "'risktable' is not an option of plot cox")
        XCTAssertEqual(diagnostic("plot cox risktable")?.hint, "it belongs to plot cuminc and plot km")
        XCTAssertEqual(diagnostic("plot km to \"km.png\"")?.message, "a figure is written as SVG: the file name ends in .svg")
        XCTAssertEqual(diagnostic("plot km xmax -3")?.message, "xmax must be a positive time")
        XCTAssertEqual(diagnostic("plot km by 0")?.message, "the tick spacing must be positive")
        XCTAssertEqual(diagnostic("plot km xmax")?.message, "expected a number after 'xmax', found the end of the command")
        XCTAssertEqual(diagnostic("plot km title Lung")?.message, "expected text in double quotes after 'title', found 'Lung'")
        XCTAssertEqual(diagnostic("plot km cumhaz percent")?.message, "a cumulative hazard is not a proportion: percent does not apply to cumhaz")
        XCTAssertEqual(diagnostic("plot kmm")?.hint, "did you mean 'km'?")
    }

    func testFiguresNeedWhatTheyDraw() {
        let noModel = CheckContext(schema: context.schema, datasetLoaded: true, bundledDatasets: ["aml"], endpointNames: [],
                                   hasCurrentEndpoint: false, hasCoxModel: false)
        XCTAssertEqual(diagnostic("plot km", noModel)?.message, "no endpoint is declared")
        XCTAssertEqual(diagnostic("plot zph", noModel)?.message, "there is no Cox model to plot")
        XCTAssertEqual(diagnostic("plot cox", noModel)?.hint, "fit one first, e.g. cox age + sex")
    }

    func testPlotSettings() throws {
        XCTAssertEqual(try plan("set plot width 100"), .setting(.plotWidth(100)))
        XCTAssertEqual(try plan("set plot ascii"), .setting(.plotASCII(true)))
        XCTAssertEqual(try plan("set plot unicode"), .setting(.plotASCII(false)))
        XCTAssertEqual(diagnostic("set plot width 30")?.message, "'set plot width' takes a whole number of columns from 40 to 200")
        XCTAssertEqual(diagnostic("set plot colour")?.message, "'set plot' takes width N, ascii or unicode")
    }
}
