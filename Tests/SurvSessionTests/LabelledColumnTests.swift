import Foundation
import SurvData
import SurvLanguage
import SurvResults
import XCTest
@testable import SurvSession

/// A Stata file's labelled columns in the language: categories by their labels, in code order, and numbers
/// by their codes. The file is Tests/StatFiles/cohort.dta, written by R's haven (make_stat_files.R).
final class LabelledColumnTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("StatFiles")

    private func session(loading file: String = "cohort.dta") throws -> Session {
        let session = Session(baseDirectory: Self.folder)
        _ = try run(session, "load \"\(file)\"")
        return session
    }

    @discardableResult
    private func run(_ session: Session, _ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) throws -> Report {
        var last: Report?
        for outcome in session.run(line: line) {
            switch outcome.result {
            case .success(let r): last = r
            case .failure(let d): throw d
            }
        }
        return try XCTUnwrap(last, file: file, line: lineNumber)
    }

    private func message(_ session: Session, _ line: String) throws -> String {
        guard case .message(let text) = try run(session, line) else { XCTFail("not a message"); return "" }
        return text
    }

    private func failure(_ session: Session, _ line: String) -> Diagnostic? {
        for outcome in session.run(line: line) { if case .failure(let d) = outcome.result { return d } }
        return nil
    }

    func testLoadSaysWhichColumnsAreLabelledAndWhichAreDates() throws {
        let session = Session(baseDirectory: Self.folder)
        let text = try message(session, "load \"cohort.dta\"")
        XCTAssertTrue(text.hasPrefix("loaded cohort.dta: 12 rows, 11 columns"), text)
        XCTAssertTrue(text.contains("categories from value labels (levels in code order): arm, sex, status, grade"), text)
        XCTAssertTrue(text.contains("dates: diag, last, seen"), text)
    }

    func testALabelledColumnIsComparedByItsCodeOrByItsLabel() throws {
        let session = try session()
        XCTAssertEqual(try message(session, "where arm == 1"), "4 of 12 rows kept")
        _ = try run(session, "where all")
        XCTAssertEqual(try message(session, "where arm == \"Control\""), "4 of 12 rows kept")
        _ = try run(session, "where all")
        XCTAssertEqual(try message(session, "where arm in (1, 2)"), "8 of 12 rows kept")
        _ = try run(session, "where all")
        XCTAssertEqual(try message(session, "where arm in (\"Low dose\", \"High dose\") and arm != 2"), "4 of 12 rows kept")
        _ = try run(session, "where all")
        XCTAssertEqual(try message(session, "where arm > 0"), "8 of 12 rows kept")
        _ = try run(session, "where all; let arm2 = arm * 10")
        guard case .number(let values, _)? = session.table?.column(named: "arm2")?.data else { return XCTFail("arm2 is not numeric") }
        XCTAssertEqual(Array(values.prefix(3)), [0, 10, 20])
    }

    func testACodeThatDoesNotOccurIsNamedWithTheCodesThatDo() throws {
        let session = try session()
        let refused = try XCTUnwrap(failure(session, "where arm == 5"))
        XCTAssertEqual(refused.hint, "'arm' has no value 5; its codes are: 0 = Control, 1 = Low dose, 2 = High dose")
    }

    func testALabelledZeroOneColumnIsAnEventIndicator() throws {
        let session = try session()
        XCTAssertEqual(try message(session, "endpoint id, status"), "endpoint Surv(id, status): 12 rows with an outcome, 7 events")
    }

    func testStrataTablesAndCoxUseTheLabelsInCodeOrder() throws {
        let session = try session()
        _ = try run(session, "endpoint id, status; stratify by arm")
        guard case .kaplanMeier(let km) = try run(session, "km") else { return XCTFail("not km") }
        XCTAssertEqual(km.strata.map(\.label), ["arm=Control", "arm=Low dose", "arm=High dose"])
        guard case .tabulate(let table) = try run(session, "tab grade by arm") else { return XCTFail("not tab") }
        XCTAssertEqual(table.rowLevels, ["Low", "High", "3"])
        XCTAssertEqual(table.columnLevels, ["Control", "Low dose", "High dose"])
        guard case .cox(let cox) = try run(session, "cox arm") else { return XCTFail("not cox") }
        XCTAssertEqual(cox.fit.coefficients.map(\.name), ["armLow dose", "armHigh dose"])
        // The reference by its code, as Stata's ib2.arm.
        _ = try run(session, "set ref arm 2")
        guard case .cox(let relevelled) = try run(session, "cox arm") else { return XCTFail("not cox") }
        XCTAssertEqual(relevelled.fit.coefficients.map(\.name), ["armControl", "armLow dose"])
        let refused = try XCTUnwrap(failure(session, "set ref arm 5"))
        XCTAssertEqual(refused.message, "'arm' has no value 5")
        XCTAssertEqual(refused.hint, "its codes are: 0 = Control, 1 = Low dose, 2 = High dose")
    }

    func testCompetingCausesByCodeOrByLabelAreTheSame() throws {
        let session = try session()
        _ = try run(session, "endpoint id, grade event 1 competing 2")
        guard case .cumulativeIncidence(let byCode) = try run(session, "cuminc") else { return XCTFail("not cuminc") }
        _ = try run(session, "endpoint id, grade event \"Low\" competing \"High\"")
        guard case .cumulativeIncidence(let byLabel) = try run(session, "cuminc") else { return XCTFail("not cuminc") }
        XCTAssertEqual(byCode.curves.map(\.events), [4, 4])
        XCTAssertEqual(byCode.curves.map { $0.at.map(\.estimate) }, byLabel.curves.map { $0.at.map(\.estimate) })
    }

    func testDescribeAndShowColumnsCarryTheVariableLabels() throws {
        let session = try session()
        guard case .describe(let columns) = try run(session, "describe age, arm") else { return XCTFail("not describe") }
        guard case .numeric(_, let age, let label) = columns[0] else { return XCTFail("age is not numeric") }
        XCTAssertEqual(label, "Age at diagnosis (years)")
        XCTAssertEqual(age.missing, 3)
        guard case .categorical(_, let counts, _, let armLabel) = columns[1] else { return XCTFail("arm is not categorical") }
        XCTAssertEqual(armLabel, "Treatment arm")
        XCTAssertEqual(counts.map(\.level), ["Control", "Low dose", "High dose"])
        guard case .columns(let list) = try run(session, "show columns") else { return XCTFail("not columns") }
        XCTAssertEqual(list.columns.map(\.kind), [.number, .labelled, .labelled, .number, .labelled, .labelled, .date, .date, .dateTime, .text, .number])
        XCTAssertEqual(list.columns[1].codes, [0, 1, 2])
        XCTAssertEqual(list.columns[3].missing, 3)
    }

    func testACopyOfALabelledColumnKeepsItsCodes() throws {
        let session = try session()
        _ = try run(session, "let treatment = arm")
        let column = try XCTUnwrap(session.table?.column(named: "treatment"))
        XCTAssertEqual(column.levelValues, [0, 1, 2])
        XCTAssertEqual(column.label, "Treatment arm")
        XCTAssertEqual(try message(session, "where treatment == 2"), "4 of 12 rows kept")
    }

    func testEveryFormatLoadsThroughTheSession() throws {
        for name in ["cohort.dta", "cohort_v8.dta", "cohort.sav", "cohort.zsav", "cohort.por", "cohort.xpt", "cohort.sas7bdat"] {
            let session = Session(baseDirectory: Self.folder)
            XCTAssertTrue(try message(session, "load \"\(name)\"").hasPrefix("loaded \(name): 12 rows, 11 columns"), name)
        }
    }

    func testFilesOfOtherProgramsAreRefusedByWhatTheyAre() throws {
        let session = try session()
        let refused = try XCTUnwrap(failure(session, "load \"cohort.xlsx\""))
        XCTAssertTrue(refused.message.hasPrefix("'cohort.xlsx' is an Excel workbook;"), refused.message)
        XCTAssertEqual(session.table?.name, "cohort")
    }

    func testADamagedFileLeavesTheSessionAsItWas() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("surv-labelled-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let bytes = try Data(contentsOf: Self.folder.appendingPathComponent("cohort.sav"))
        try bytes.prefix(bytes.count - 100).write(to: folder.appendingPathComponent("cut.sav"))
        try Data("time,status\n1,1\n".utf8).write(to: folder.appendingPathComponent("fake.dta"))
        let session = Session(baseDirectory: folder)
        _ = try run(session, "load aml; endpoint time, status")
        let cut = try XCTUnwrap(failure(session, "load \"cut.sav\""))
        XCTAssertEqual(cut.message, "cut.sav: this SPSS file holds fewer rows than the 12 its header declares: it is cut short or damaged")
        let fake = try XCTUnwrap(failure(session, "load \"fake.dta\""))
        XCTAssertEqual(fake.message, "fake.dta: this is not a Stata file, or it is cut short before the end of its header")
        XCTAssertEqual(session.table?.name, "aml")
        XCTAssertEqual(session.currentEndpoint, "time, status")
    }
}
