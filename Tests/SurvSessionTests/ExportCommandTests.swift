import Foundation
import SurvData
import SurvLanguage
import SurvResults
import XCTest
@testable import SurvSession

/// `export`: the analysis data written for another program, with `save`'s rules for files.
final class ExportCommandTests: XCTestCase {
    private func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("surv-export-\(UUID().uuidString)").resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    private func outputs(_ session: Session, _ line: String) -> [Result<Report, Diagnostic>] {
        session.run(line: line).map(\.result)
    }

    private func message(_ session: Session, _ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) -> String {
        switch outputs(session, line).last {
        case .success(.message(let text))?: return text
        case .failure(let d)?: XCTFail("error: \(d.message)", file: file, line: lineNumber); return ""
        default: XCTFail("no message", file: file, line: lineNumber); return ""
        }
    }

    private func error(_ session: Session, _ line: String) -> Diagnostic? {
        for case .failure(let d) in outputs(session, line) { return d }
        return nil
    }

    func testTheKeptRowsAndDerivedColumnsAreExportedAndLoadBack() throws {
        let folder = try folder()
        let session = Session(baseDirectory: folder)
        _ = outputs(session, "load lung; where sex == 2; let age10 = age / 10")
        XCTAssertEqual(message(session, "export \"women.dta\""), """
            exported 90 rows and 12 columns to "women.dta" (Stata 14+), the rows the filter keeps
            renamed for Stata 14+: ph.ecog → ph_ecog, ph.karno → ph_karno, pat.karno → pat_karno, meal.cal → meal_cal, wt.loss → wt_loss
            """)
        XCTAssertEqual(message(session, "export \"women.csv\""), "exported 90 rows and 12 columns to \"women.csv\" (CSV), the rows the filter keeps")
        let back = Session(baseDirectory: folder)
        XCTAssertTrue(message(back, "load \"women.dta\"").hasPrefix("loaded women.dta: 90 rows, 12 columns"))
        XCTAssertEqual(message(back, "where sex == 2"), "90 of 90 rows kept")
        let csv = Session(baseDirectory: folder)
        XCTAssertTrue(message(csv, "load \"women.csv\"").hasPrefix("loaded women.csv: 90 rows, 12 columns"))
        XCTAssertEqual(csv.table?.column(named: "age10")?.number(at: 0), session.table?.column(named: "age10")?.number(at: session.keptRows?.first ?? 0))
    }

    func testALabelledStataFileRoundTripsThroughExport() throws {
        let folder = try folder()
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("StatFiles")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("trial.dta"), to: folder.appendingPathComponent("trial.dta"))
        let session = Session(baseDirectory: folder)
        _ = outputs(session, "load \"trial.dta\"; let time = last - diag; let day90 = diag + 90")
        _ = message(session, "export \"copy.sav\"")
        let back = Session(baseDirectory: folder)
        _ = message(back, "load \"copy.sav\"")
        for name in ["arm", "sex", "status", "diag", "last", "time", "day90", "age"] {
            let a = try XCTUnwrap(session.table?.column(named: name)), b = try XCTUnwrap(back.table?.column(named: name))
            XCTAssertEqual(a, b, name)
        }
    }

    func testAReplayedNotebookWritesNothing() throws {
        let folder = try folder()
        let session = Session(baseDirectory: folder, fileAccess: .confined(to: folder))
        _ = outputs(session, "load aml")
        XCTAssertEqual(message(session, "export \"aml.csv\""), "not run: export \"aml.csv\" (a notebook being replayed writes no files)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("aml.csv").path))
    }

    func testExportIsNoCellOfTheNotebook() throws {
        let folder = try folder()
        let session = Session(baseDirectory: folder)
        let outcomes = session.run(line: "load aml; export \"aml.csv\"")
        XCTAssertEqual(outcomes.map(\.belongsInTranscript), [true, false])
    }

    func testRefusals() throws {
        let folder = try folder()
        let session = Session(baseDirectory: folder)
        XCTAssertEqual(error(session, "export \"a.csv\"")?.message, "no dataset is loaded")
        _ = outputs(session, "load aml")
        XCTAssertEqual(error(session, "export \"a.xlsx\"")?.message, "export writes .csv, .tsv, .dta (Stata) or .sav (SPSS) files, chosen by the file's extension")
        XCTAssertEqual(error(session, "export \"missing/a.csv\"")?.message, "cannot write 'missing/a.csv': its folder does not exist")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.dta").path, withDestinationPath: "/tmp/elsewhere.dta")
        XCTAssertEqual(error(session, "export \"link.dta\"")?.message, "'link.dta' is a symbolic link; surv does not write through links")
    }
}
