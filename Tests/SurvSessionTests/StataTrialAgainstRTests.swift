import Foundation
import SurvCore
import SurvResults
import XCTest
@testable import SurvSession

/// A trial as a Stata user hands it over (Tests/StatFiles/trial.dta: labelled arm, sex and status, dates of
/// diagnosis and last news), analysed as they would: the time from the two dates, Cox with the first code as
/// reference. R's numbers come from the same file read with haven and `as_factor` (make_stat_files.R).
final class StataTrialAgainstRTests: XCTestCase {
    private var reference: [String: Any] = [:]
    private var session = Session()

    override func setUpWithError() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("StatFiles")
        let data = try Data(contentsOf: folder.appendingPathComponent("reference.json"))
        let all = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        reference = try XCTUnwrap(all["trial"] as? [String: Any])
        session = Session(baseDirectory: folder)
        _ = try run("load \"trial.dta\"; let time = last - diag; endpoint time, status")
    }

    @discardableResult
    private func run(_ line: String) throws -> Report {
        var last: Report?
        for outcome in session.run(line: line) {
            switch outcome.result {
            case .success(let r): last = r
            case .failure(let d): throw d
            }
        }
        return try XCTUnwrap(last)
    }

    private func close(_ a: Double?, _ b: Any?, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let a, let b = (b as? NSNumber)?.doubleValue else { return XCTFail("\(what): \(String(describing: a)) vs R \(String(describing: b))", file: file, line: line) }
        XCTAssertTrue(abs(a - b) <= 1e-6 * max(1, abs(b)), "\(what): \(a) vs R \(b)", file: file, line: line)
    }

    func testCoxWithTheFirstCodeAsReference() throws {
        guard case .cox(let report) = try run("cox arm + age") else { return XCTFail("not cox") }
        let cox = try XCTUnwrap(reference["cox"] as? [String: Any])
        let names = try XCTUnwrap(cox["names"] as? [String]).map { $0.replacingOccurrences(of: "arm_f", with: "arm") }
        XCTAssertEqual(report.fit.coefficients.map(\.name), names)
        for (i, c) in report.fit.coefficients.enumerated() {
            close(c.coef, (cox["coef"] as? [Any])?[i], "coef \(c.name)")
            close(c.se, (cox["se"] as? [Any])?[i], "se \(c.name)")
            close(c.hrLower, (cox["hr_lower"] as? [Any])?[i], "lower \(c.name)")
            close(c.hrUpper, (cox["hr_upper"] as? [Any])?[i], "upper \(c.name)")
        }
        XCTAssertEqual(report.fit.n, cox["n"] as? Int)
        XCTAssertEqual(report.fit.events, cox["events"] as? Int)
    }

    func testKaplanMeierAndLogRankByArm() throws {
        _ = try run("stratify by arm")
        guard case .kaplanMeier(let km) = try run("km") else { return XCTFail("not km") }
        XCTAssertEqual(km.strata.map(\.label), (reference["strata"] as? [String])?.map { $0.replacingOccurrences(of: "arm_f", with: "arm") })
        for (i, stratum) in km.strata.enumerated() {
            close(stratum.median.estimate, (reference["km_median"] as? [Any])?[i], "median \(stratum.label)")
            XCTAssertEqual(stratum.curve.n, (reference["km_n"] as? [Int])?[i])
        }
        guard case .logrank(let logrank) = try run("logrank") else { return XCTFail("not logrank") }
        close(logrank.test.statistic.chisq, reference["logrank_chisq"], "log-rank chi-square")
    }

    func testYearsAndMonthsFromDays() throws {
        guard case .describe(let columns) = try run("let years = time / 365.25; let months = time / 30.4375; describe years, months") else {
            return XCTFail("not describe")
        }
        guard case .numeric(_, let years, _) = columns[0], case .numeric(_, let months, _) = columns[1] else { return XCTFail("not numeric") }
        close(years.mean, reference["time_years_mean"], "mean years")
        close(months.median, reference["time_months_median"], "median months")
    }

    func testDescribeTheLabelledAndDatedColumns() throws {
        guard case .describe(let columns) = try run("describe age, sex, diag") else { return XCTFail("not describe") }
        let age = try XCTUnwrap(reference["age"] as? [String: Any])
        guard case .numeric(_, let summary, let label) = columns[0] else { return XCTFail("age is not numeric") }
        XCTAssertEqual(label, "Age at diagnosis (years)")
        XCTAssertEqual(summary.n, age["n"] as? Int)
        close(summary.mean, age["mean"], "age mean")
        close(summary.sd, age["sd"], "age sd")
        close(summary.median, age["median"], "age median")
        guard case .categorical(_, let counts, _, _) = columns[1] else { return XCTFail("sex is not categorical") }
        let sex = try XCTUnwrap(reference["sex_counts"] as? [String: Int])
        XCTAssertEqual(counts.map(\.level), ["Male", "Female"])
        XCTAssertEqual(counts.map(\.count), [sex["Male"], sex["Female"]].compactMap { $0 })
        guard case .date(_, let dates, _, false) = columns[2] else { return XCTFail("diag is not a date") }
        XCTAssertEqual(dates.min.flatMap { CalendarDate.text(days: $0) }, reference["diag_min"] as? String)
        XCTAssertEqual(dates.median.flatMap { CalendarDate.text(days: $0) }, reference["diag_median"] as? String)
        XCTAssertEqual(dates.max.flatMap { CalendarDate.text(days: $0) }, reference["diag_max"] as? String)
    }

    func testDatesInConditions() throws {
        XCTAssertEqual(try run("where diag >= date(\"2014-01-01\")"), .message("\(reference["diag_after_2014"] as? Int ?? -1) of 90 rows kept"))
        _ = try run("where all")
        XCTAssertEqual(try run("where year(diag) == 2013"), .message("\(reference["year_2013"] as? Int ?? -1) of 90 rows kept"))
        _ = try run("where all")
        XCTAssertEqual(try run("where month(diag) == 3"), .message("\(reference["month_march"] as? Int ?? -1) of 90 rows kept"))
    }
}
