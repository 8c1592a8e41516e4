import Foundation
import SurvCore
import SurvRender
import SurvResults
import XCTest
@testable import SurvSession

/// `censor at` and `landmark at` give what R gives on the data they describe (Reference/session.R on
/// myeloid: censored at transplant, then from day 100 among those followed beyond it).
final class DesignAgainstRTests: SessionReferenceTestCase {
    func testCensorAtThenLandmarkIsRsDesign() throws {
        let s = Session()
        _ = try report(s, "load myeloid; endpoint futime, death; stratify by trt")
        guard case .censor(let censor) = try report(s, "censor at txtime") else { return XCTFail() }
        XCTAssertEqual(Double(censor.censored), numbers("design_myeloid", "censored").first)
        guard case .landmark(let landmark) = try report(s, "landmark at 100") else { return XCTFail() }
        XCTAssertEqual(Double(landmark.kept), numbers("design_myeloid", "kept").first)
        XCTAssertEqual(Double(landmark.dropped), numbers("design_myeloid", "dropped").first)
        guard case .kaplanMeier(let km) = try report(s, "km at 365") else { return XCTFail() }
        for (stratum, (surv, risk)) in zip(km.strata, zip(numbers("design_myeloid", "surv"), numbers("design_myeloid", "n_risk"))) {
            close(stratum.at.first??.surv, surv, "\(stratum.label) survival at 365")
            XCTAssertEqual(stratum.at.first??.nRisk, risk)
        }
        guard case .logrank(let lr) = try report(s, "logrank") else { return XCTFail() }
        close(lr.test.statistic.chisq, try XCTUnwrap(numbers("design_myeloid", "logrank_chisq").first), "log-rank chi-square")
        guard case .cox(let cox) = try report(s, "cox trt + sex") else { return XCTFail() }
        for (c, r) in zip(cox.fit.coefficients, numbers("design_myeloid", "cox_coef")) { close(c.coef, r, c.name) }
        // Undone, the analysis is the plain one again.
        _ = try report(s, "landmark none; censor none")
        guard case .kaplanMeier(let plain) = try report(s, "km") else { return XCTFail() }
        XCTAssertEqual(plain.strata.map(\.curve.n), [317, 329])
    }

    func testAFailedDesignChangesNothing() throws {
        let s = Session()
        _ = try report(s, "load myeloid; endpoint futime, death")
        guard case .failure(let d)? = s.run(line: "landmark at 100000").last?.result else { return XCTFail("a landmark after every time was accepted") }
        XCTAssertEqual(d.message, "no rows are followed beyond the landmark")
        XCTAssertNil(s.landmark)
        guard case .failure(let d2)? = s.run(line: "censor at sex").last?.result else { return XCTFail() }
        XCTAssertEqual(d2.message, "'censor at' needs a time, but this is a text value")
        XCTAssertNil(s.censorAt)
    }
}

/// `split` makes R's tmerge intervals, and cox on them is R's coxph on (tstart, tstop].
final class SplitAgainstRTests: SessionReferenceTestCase {
    func testSplitAtTransplantIsTmerge() throws {
        let s = Session()
        _ = try report(s, "load myeloid; endpoint futime, death")
        guard case .split(let split) = try report(s, "split tx at txtime") else { return XCTFail() }
        XCTAssertEqual(Double(split.intervals), numbers("split_myeloid", "intervals").first)
        XCTAssertEqual(Double(split.switched), numbers("split_myeloid", "switched").first)
        XCTAssertEqual(split.subjects, 646)
        guard case .cox(let cox) = try report(s, "cox trt + tx") else { return XCTFail() }
        for (c, (coef, se)) in zip(cox.fit.coefficients, zip(numbers("split_myeloid", "cox_coef"), numbers("split_myeloid", "cox_se"))) {
            close(c.coef, coef, "\(c.name) coef")
            close(c.se, se, "\(c.name) se")
        }
        XCTAssertEqual(s.checkContext.endpointKind, .countingProcess)
        guard case .failure(let d)? = s.run(line: "logrank").last?.result else { return XCTFail("logrank on intervals answered") }
        XCTAssertTrue(d.message.contains("not defined for (start, stop] data"), d.message)
    }

    func testMistakesChangeNothing() throws {
        let s = Session()
        _ = try report(s, "load myeloid; endpoint futime, death")
        func message(_ line: String) -> String? {
            guard case .failure(let d)? = s.run(line: line).last?.result else { return nil }
            return d.message
        }
        XCTAssertEqual(message("split trt at txtime"), "'trt' is already a column")
        XCTAssertEqual(message("split tx at sex"), "the switch time must be numeric, but 'sex' holds text")
        XCTAssertEqual(s.table?.rowCount, 646)
    }
}

/// `split` under a filter cuts every row but analyses the kept ones: its message counts both, and what reads the
/// last Cox model says that a model on intervals is not kept, instead of asking for a model just fitted.
final class SplitUnderFilterTests: SessionReferenceTestCase {
    /// The message as printed, its wrapped lines joined.
    private func text(_ r: Report) -> String {
        TextRenderer(digits: 3).render(r).replacingOccurrences(of: "\n  ", with: " ")
    }

    func testTheKeptRowsAreCountedApart() throws {
        let s = Session()
        _ = try report(s, "load graall; where cohort == \"mrd\" and hsct == 1")
        let transplanted = try XCTUnwrap(s.keptRows?.count)
        _ = try report(s, "where all; where cohort == \"mrd\"")
        let cohort = try XCTUnwrap(s.keptRows?.count)
        guard case .split(let split) = try report(s, "split hsct_td at hsct_months") else { return XCTFail() }
        let kept = try XCTUnwrap(split.kept)
        XCTAssertEqual(kept.subjects, cohort)
        XCTAssertEqual(kept.switched, transplanted, "every transplant in this cohort falls inside its follow-up")
        XCTAssertEqual(kept.intervals, kept.subjects + kept.switched)
        XCTAssertGreaterThan(split.subjects, kept.subjects, "the whole data set was split")
        guard case .cox(let cox) = try report(s, "cox hsct_td") else { return XCTFail() }
        XCTAssertEqual(cox.fit.n, kept.intervals, "the model uses the kept intervals the message counted")
        XCTAssertTrue(text(.split(split)).contains("the filter keeps \(cohort) rows: \(kept.intervals) intervals, \(transplanted) switched"))
    }

    func testNoFilterNoKeptCounts() throws {
        let s = Session()
        _ = try report(s, "load graall")
        guard case .split(let split) = try report(s, "split hsct_td at hsct_months") else { return XCTFail() }
        XCTAssertNil(split.kept)
        XCTAssertFalse(text(.split(split)).contains("the filter keeps"))
    }

    func testWhatReadsTheLastModelNamesTheIntervals() throws {
        let s = Session()
        _ = try report(s, "load graall; split hsct_td at hsct_months; cox hsct_td")
        func message(_ line: String) -> String? {
            guard case .failure(let d)? = s.run(line: line).last?.result else { return nil }
            return d.message
        }
        XCTAssertEqual(message("phtest"), "phtest is not available yet for a Cox model on (start, stop] data")
        XCTAssertEqual(message("plot zph"), "plot zph is not available yet for a Cox model on (start, stop] data")
        XCTAssertEqual(message("plot cox"), "plot cox is not available yet for a Cox model on (start, stop] data")
        XCTAssertEqual(message("expect cox hr hsct_td = 1"), "expect cox is not available yet for a Cox model on (start, stop] data")
        XCTAssertEqual(message("plot km"), "plot km is not available for (start, stop] data yet")
        XCTAssertEqual(message("expect logrank p = 0.5"),
                       "expect logrank is not defined for (start, stop] data: it would count each interval as a subject")
        XCTAssertEqual(message("expect followup median = 30"),
                       "expect followup is not defined for (start, stop] data: it would count each interval as a subject")
        // Without intervals, the usual answer: no model yet.
        let plain = Session()
        _ = try report(plain, "load graall")
        guard case .failure(let d)? = plain.run(line: "phtest").last?.result else { return XCTFail() }
        XCTAssertEqual(d.message, "there is no Cox model to test")
    }
}
