import Foundation
import SurvCore
import SurvLanguage
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

/// `censor at` and `landmark at` on (start, stop] intervals give what R gives on the intervals tmerge and
/// survSplit cut (Reference/session.R): myeloid split at transplant, censored at relapse, then from day 100;
/// heart's delayed entries from day 30.
final class IntervalDesignAgainstRTests: SessionReferenceTestCase {
    private func nested(_ section: String, _ model: String, _ key: String) -> [Double] {
        (((reference[section] as? [String: Any])?[model] as? [String: Any])?[key] as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } ?? []
    }

    private func checkCox(_ s: Session, _ model: String, _ section: String, _ key: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard case .cox(let cox) = try report(s, "cox \(model)") else { return XCTFail("no Cox model", file: file, line: line) }
        let coef = nested(section, key, "coef"), se = nested(section, key, "se")
        XCTAssertEqual(cox.fit.coefficients.count, coef.count, file: file, line: line)
        for (k, c) in cox.fit.coefficients.enumerated() where k < coef.count {
            close(c.coef, coef[k], "\(key) \(c.name) coef", file: file, line: line)
            close(c.se, se[k], "\(key) \(c.name) se", file: file, line: line)
        }
    }

    func testCensorAtRelapseThenLandmarkOnSplitFollowUp() throws {
        let s = Session()
        _ = try report(s, "load myeloid; endpoint futime, death; split tx at txtime")
        guard case .censor(let censor) = try report(s, "censor at rltime") else { return XCTFail() }
        XCTAssertTrue(censor.intervals)
        XCTAssertEqual(Double(censor.censored), numbers("interval_design_myeloid", "censored").first)
        XCTAssertEqual(Double(censor.dropped), numbers("interval_design_myeloid", "dropped").first)
        XCTAssertEqual(Double(censor.eventsRemoved), numbers("interval_design_myeloid", "events_removed").first)
        try checkCox(s, "trt + tx", "interval_design_myeloid", "censor_cox")
        guard case .landmark(let landmark) = try report(s, "landmark at 100") else { return XCTFail() }
        XCTAssertEqual(Double(landmark.kept), numbers("interval_design_myeloid", "landmark_kept").first)
        XCTAssertEqual(Double(landmark.dropped), numbers("interval_design_myeloid", "landmark_dropped").first)
        try checkCox(s, "trt + tx", "interval_design_myeloid", "landmark_cox")
        // phtest tests the model on the designed intervals: it runs, on the same events as the fit.
        guard case .phtest(let test) = try report(s, "phtest") else { return XCTFail() }
        XCTAssertEqual(test.events, test.test.residuals.time.count)
    }

    func testLandmarkOnDelayedEntry() throws {
        let s = Session()
        let heart = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SurvCoreTests/Oracle/data/heart.csv")
        _ = try report(s, "load \"\(heart.path)\"; endpoint start, stop, event; stratify by transplant")
        guard case .landmark(let landmark) = try report(s, "landmark at 30") else { return XCTFail() }
        XCTAssertEqual(Double(landmark.kept), numbers("interval_landmark_heart", "kept").first)
        XCTAssertEqual(Double(landmark.dropped), numbers("interval_landmark_heart", "dropped").first)
        guard case .kaplanMeier(let km) = try report(s, "km at 100, 365") else { return XCTFail() }
        let at = km.strata.flatMap(\.at)
        let surv = numbers("interval_landmark_heart", "surv"), risk = numbers("interval_landmark_heart", "n_risk")
        XCTAssertEqual(at.count, surv.count)
        for (k, point) in at.enumerated() where k < surv.count {
            close(point?.surv, surv[k], "survival \(k)")
            XCTAssertEqual(point?.nRisk, risk[k])
        }
        try checkCox(s, "age + surgery + transplant", "interval_landmark_heart", "cox")
        guard case .failure(let d)? = s.run(line: "landmark at 5000").last?.result else { return XCTFail("a landmark after every stop was accepted") }
        XCTAssertEqual(d.message, "no intervals end beyond the landmark")
        XCTAssertEqual(s.landmark, 30)
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

    /// After split each row is an interval: an endpoint that reads rows as subjects, or takes a column split
    /// copied to every interval, is refused under the columns at fault, and the split endpoint stays.
    func testAnEndpointThatReadsIntervalsAsSubjectsIsRefused() throws {
        let s = Session()
        _ = try report(s, "load myeloid; endpoint futime, death; split tx at txtime")
        func diagnostic(_ line: String) -> Diagnostic? {
            guard case .failure(let d)? = s.run(line: line).last?.result else { return nil }
            return d
        }
        let oneRow = diagnostic("endpoint futime, death")
        XCTAssertEqual(oneRow?.message, "the data are split into intervals: an endpoint of one row per subject would count each interval as a subject")
        XCTAssertEqual(oneRow?.hint, "use the intervals: endpoint tstart, tstop, tevent; or load the data again")
        XCTAssertEqual(oneRow?.range.map { $0.start..<$0.end }, 9..<22)
        XCTAssertNotNil(diagnostic("endpoint futime, death event 1 competing 2"))
        let copied = diagnostic("endpoint tstart, tstop, death")
        XCTAssertEqual(copied?.message, "split copied 'death' to every interval of a row: as the event it would repeat the row's value on each interval")
        XCTAssertEqual(copied?.range.map { $0.start..<$0.end }, 24..<29)
        XCTAssertEqual(s.endpointOrder, ["tstart, tstop, tevent"])
        XCTAssertEqual(s.currentEndpoint, "tstart, tstop, tevent")
        // A column computed on the intervals is the user's own: it may be the event.
        _ = try report(s, "let died = tevent")
        guard case .message(let message) = try report(s, "endpoint tstart, tstop, died") else { return XCTFail() }
        XCTAssertEqual(message, "endpoint Surv(tstart, tstop, died): 1009 intervals, 320 events")
        // Loaded again, the data are one row per subject.
        _ = try report(s, "load myeloid; endpoint futime, death")
        XCTAssertNil(s.splitColumns)
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

    func testWhatReadsTheLastModelWorksOnTheIntervals() throws {
        let s = Session()
        _ = try report(s, "load graall; split hsct_td at hsct_months")
        func message(_ line: String) -> String? {
            guard case .failure(let d)? = s.run(line: line).last?.result else { return nil }
            return d.message
        }
        // Before a model, the usual answer; after it, the model on the intervals is the one read.
        XCTAssertEqual(message("phtest"), "there is no Cox model to test")
        guard case .cox(let cox) = try report(s, "cox hsct_td") else { return XCTFail() }
        guard case .phtest(let test) = try report(s, "phtest") else { return XCTFail() }
        XCTAssertEqual(test.model, "cox hsct_td")
        XCTAssertEqual(test.n, cox.fit.n)
        for line in ["plot zph", "plot cox", "plot km"] {
            guard case .figure = try report(s, line) else { return XCTFail(line) }
        }
        let hr = try XCTUnwrap(cox.fit.coefficients.first?.hr)
        guard case .expect = try report(s, "expect cox hr hsct_td = \(hr) +- 0.000001") else { return XCTFail() }
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
