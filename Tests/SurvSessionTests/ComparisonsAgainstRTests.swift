import Foundation
import SurvResults
import XCTest
import SurvCore
import SurvRender
@testable import SurvSession

/// `rmst`, `km quantile`, `chisq`, `wilcoxon` and `kruskal` typed as commands on the bundled data, compared
/// with R (Reference/session.R: survfit's rmean, quantile.survfit, chisq.test, wilcox.test, kruskal.test).
final class ComparisonsAgainstRTests: SessionReferenceTestCase {
    /// R's NA is written as the string "NA": nil here, where surv says "not reached".
    func values(_ section: [String: Any], _ key: String) -> [Double?] {
        (section[key] as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue }
    }

    func value(_ section: [String: Any], _ key: String) -> Double? { values(section, key).first ?? nil }

    func flag(_ section: [String: Any], _ key: String) -> Bool? { (section[key] as? [Any])?.first as? Bool }

    /// As `close`, where R may give NA: then surv must give nothing either.
    func closeOrBothMissing(_ a: Double?, _ b: Double?, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let a, let b else { return XCTAssertTrue(a == nil && b == nil, "\(what): \(String(describing: a)) vs R \(String(describing: b))", file: file, line: line) }
        XCTAssertTrue(abs(a - b) <= 1e-6 * max(1, abs(b)), "\(what): \(a) vs R \(b)", file: file, line: line)
    }

    func session(_ setup: String) throws -> Session {
        let s = Session()
        _ = try report(s, setup)
        return s
    }

    // MARK: - rmst

    func checkRestrictedMean(_ r: RestrictedMeanReport, _ name: String) throws {
        let ref = try section(name)
        XCTAssertEqual(r.tau, value(ref, "tau"))
        XCTAssertEqual(r.strata.count, values(ref, "rmst").count, name)
        for (i, s) in r.strata.enumerated() {
            closeOrBothMissing(s.mean.estimate, values(ref, "rmst")[i], "\(name) rmst \(s.label)")
            closeOrBothMissing(s.mean.stdErr, values(ref, "se")[i], "\(name) se \(s.label)")
            closeOrBothMissing(s.interval.lower, values(ref, "lower")[i], "\(name) lower \(s.label)")
            closeOrBothMissing(s.interval.upper, values(ref, "upper")[i], "\(name) upper \(s.label)")
            XCTAssertEqual(Double(s.n), values(ref, "n")[i], "\(name) n \(s.label)")
            XCTAssertEqual(s.events, values(ref, "events")[i], "\(name) events \(s.label)")
        }
        if let d = ref["difference"] as? [String: Any] {
            let mine = try XCTUnwrap(r.difference, "\(name): no difference")
            closeOrBothMissing(mine.estimate, value(d, "estimate"), "\(name) difference")
            closeOrBothMissing(mine.stdErr, value(d, "se"), "\(name) difference se")
            closeOrBothMissing(mine.lower, value(d, "lower"), "\(name) difference lower")
            closeOrBothMissing(mine.upper, value(d, "upper"), "\(name) difference upper")
            closeOrBothMissing(mine.p, value(d, "p"), "\(name) difference p")
        } else {
            XCTAssertNil(r.difference, "\(name): a difference needs exactly two strata")
        }
    }

    func testRestrictedMeanOfTwoStrataAndTheirDifference() throws {
        let s = try session("load aml; endpoint time, status; stratify by x")
        guard case .restrictedMean(let r) = try report(s, "rmst at 40") else { return XCTFail() }
        try checkRestrictedMean(r, "rmst_aml")
        XCTAssertEqual(r.differenceLabel, "x=Nonmaintained − x=Maintained")
    }

    func testRestrictedMeanOnFilteredRowsAtNinetyPercent() throws {
        let s = try session("load lung; endpoint time, status; where age >= 60; set level 0.9; stratify by sex")
        guard case .restrictedMean(let r) = try report(s, "rmst at 365") else { return XCTFail() }
        try checkRestrictedMean(r, "rmst_lung_old")
    }

    func testRestrictedMeanOfFourStrataHasNoDifference() throws {
        // ph.ecog = 3 is one patient who died at 118: followed past 100, so that stratum's mean is 100 with se 0.
        let s = try session("load lung; endpoint time, status; stratify by ph.ecog")
        guard case .restrictedMean(let r) = try report(s, "rmst at 100") else { return XCTFail() }
        try checkRestrictedMean(r, "rmst_lung_ecog")
        XCTAssertEqual(r.rows.droppedMissing, 1)
    }

    func testRestrictedMeanWithoutStrata() throws {
        let s = try session("load lung; endpoint time, status")
        guard case .restrictedMean(let r) = try report(s, "rmst at 365") else { return XCTFail() }
        try checkRestrictedMean(r, "rmst_lung_all")
    }

    func testRestrictedMeanHorizonStopsAtTheShortestFollowup() throws {
        let limit = try XCTUnwrap(value(try section("rmst_aml"), "limit"))
        let s = try session("load aml; endpoint time, status; stratify by x")
        guard case .restrictedMean = try report(s, "rmst at \(Int(limit))") else { return XCTFail() }
        let before = s.transcript.count
        let outcome = s.run(line: "rmst at \(Int(limit) + 1)")
        guard case .failure(let d)? = outcome.first?.result else { return XCTFail("a horizon past the follow-up answered") }
        XCTAssertEqual(d.message, "the horizon \(Int(limit) + 1) is beyond the follow-up of x=Nonmaintained (its last time is \(Int(limit)))")
        XCTAssertNotNil(d.hint)
        XCTAssertEqual(s.transcript.count, before + 1, "the refusal is a cell of its own")
        XCTAssertEqual(s.strata, ["x"])
        guard case .failure(let early)? = s.run(line: "rmst at 4").first?.result else { return XCTFail("a horizon before any time answered") }
        XCTAssertEqual(early.message, "the horizon 4 is before the first observed time (5)")
    }

    // MARK: - km quantile

    func checkQuantiles(_ km: KaplanMeierReport, _ name: String) throws {
        let ref = try section(name)
        let probabilities = values(ref, "probs").compactMap { $0 }
        XCTAssertEqual(km.probabilities, probabilities)
        var k = 0
        for s in km.strata {
            XCTAssertEqual(s.quantiles.count, probabilities.count)
            for (j, q) in s.quantiles.enumerated() {
                closeOrBothMissing(q.estimate, values(ref, "quantile")[k], "\(name) \(s.label) q\(probabilities[j])")
                closeOrBothMissing(q.lower, values(ref, "lower")[k], "\(name) \(s.label) lower q\(probabilities[j])")
                closeOrBothMissing(q.upper, values(ref, "upper")[k], "\(name) \(s.label) upper q\(probabilities[j])")
                k += 1
            }
        }
        XCTAssertEqual(k, values(ref, "quantile").count)
    }

    func testSurvivalQuantilesPerStratum() throws {
        let s = try session("load aml; endpoint time, status; stratify by x")
        guard case .kaplanMeier(let km) = try report(s, "km quantile 0.25, 0.75") else { return XCTFail() }
        try checkQuantiles(km, "km_quantile_aml")
    }

    func testSurvivalQuantilesWithLogLogIntervals() throws {
        let s = try session("load lung; endpoint time, status; stratify by sex; set ci loglog")
        guard case .kaplanMeier(let km) = try report(s, "km quantile 0.1, 0.25, 0.75") else { return XCTFail() }
        try checkQuantiles(km, "km_quantile_lung")
    }

    // MARK: - chisq

    func checkChiSquare(_ setup: String, _ command: String, _ name: String) throws {
        let s = try session(setup)
        guard case .chisq(let r) = try report(s, command) else { return XCTFail(command) }
        let ref = try section(name)
        closeOrBothMissing(r.result.statistic.chisq, value(ref, "chisq"), "\(name) chisq")
        XCTAssertEqual(r.result.statistic.df, value(ref, "df"), "\(name) df")
        closeOrBothMissing(r.result.statistic.p, value(ref, "p"), "\(name) p")
        XCTAssertEqual(r.corrected, flag(ref, "yates"), "\(name) Yates")
        XCTAssertEqual(!r.result.warnings.isEmpty, flag(ref, "warned"), "\(name): surv warns where R warns")
    }

    func testChiSquareAgainstR() throws {
        try checkChiSquare("load lung", "chisq sex by dead", "chisq_sex_dead")
        try checkChiSquare("load lung", "chisq sex by dead nocorrect", "chisq_sex_dead_nocorrect")
        try checkChiSquare("load lung", "chisq sex by dead correct", "chisq_sex_dead")
        try checkChiSquare("load lung", "chisq sex by ph.ecog", "chisq_sex_ecog")
        try checkChiSquare("load lung; where age >= 60", "chisq sex by ph.ecog nocorrect", "chisq_old_sex_ecog")
        try checkChiSquare("load aml", "chisq x by status", "chisq_aml")
    }

    // MARK: - rank tests

    func checkWilcoxon(_ setup: String, _ command: String, _ name: String) throws {
        let s = try session(setup)
        guard case .wilcoxon(let r) = try report(s, command) else { return XCTFail(command) }
        let ref = try section(name)
        closeOrBothMissing(r.result.statistic, value(ref, "statistic"), "\(name) W")
        closeOrBothMissing(r.result.p, value(ref, "p"), "\(name) p")
        XCTAssertEqual(r.result.exact, flag(ref, "exact"), "\(name) exact")
        XCTAssertEqual(r.tiesPreventedExact, flag(ref, "warned"), "\(name): surv notes the ties where R warns")
    }

    func testWilcoxonAgainstR() throws {
        try checkWilcoxon("load lung", "wilcoxon age by sex", "wilcoxon_lung")
        try checkWilcoxon("load aml", "wilcoxon time by x", "wilcoxon_aml")
        try checkWilcoxon("load lung; where inst == 12", "wilcoxon time by sex", "wilcoxon_inst12")
    }

    func checkKruskal(_ setup: String, _ command: String, _ name: String) throws -> KruskalReport? {
        let s = try session(setup)
        guard case .kruskal(let r) = try report(s, command) else { XCTFail(command); return nil }
        let ref = try section(name)
        closeOrBothMissing(r.statistic.chisq, value(ref, "chisq"), "\(name) chisq")
        XCTAssertEqual(r.statistic.df, value(ref, "df"), "\(name) df")
        closeOrBothMissing(r.statistic.p, value(ref, "p"), "\(name) p")
        return r
    }

    func testKruskalAgainstR() throws {
        XCTAssertEqual(try checkKruskal("load lung", "kruskal age by ph.ecog", "kruskal_lung")?.rows.droppedMissing, 1)
        let women = try checkKruskal("load lung; where sex == 2", "kruskal wt.loss by ph.ecog", "kruskal_women")
        XCTAssertEqual(women?.rows.kept, 90)
        _ = try checkKruskal("load aml", "kruskal time by x", "kruskal_aml")
    }

    // MARK: - refusals and JSON

    func testRankTestsRefuseTheWrongNumberOfGroups() throws {
        let s = try session("load lung")
        guard case .failure(let d)? = s.run(line: "wilcoxon age by ph.ecog").first?.result else { return XCTFail() }
        XCTAssertEqual(d.message, "the Wilcoxon test compares two groups, but 'ph.ecog' has 4 in the kept rows")
        XCTAssertEqual(d.hint, "use kruskal age by ph.ecog for more groups, or keep two with where")
        _ = try report(s, "where sex == 1")
        guard case .failure(let one)? = s.run(line: "kruskal age by sex").first?.result else { return XCTFail() }
        XCTAssertEqual(one.message, "the Kruskal–Wallis test compares groups, but 'sex' has one value in the kept rows")
    }

    func testJSONObjectsCarryTheDocumentedFields() throws {
        let s = try session("load aml; endpoint time, status; stratify by x")
        func object(_ command: String) throws -> [String: Any] {
            let line = JSONRenderer.line(command: command, line: 1, report: try report(s, command))
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try XCTUnwrap(json["result"] as? [String: Any])
        }
        let rmst = try object("rmst at 40")
        XCTAssertEqual(rmst["tau"] as? Double, 40)
        let stratum = try XCTUnwrap((rmst["strata"] as? [[String: Any]])?.first)
        for key in ["label", "rmst", "se", "lower", "upper"] { XCTAssertNotNil(stratum[key], "rmst stratum lacks \(key)") }
        let difference = try XCTUnwrap(rmst["difference"] as? [String: Any])
        for key in ["estimate", "se", "lower", "upper", "p"] { XCTAssertNotNil(difference[key], "rmst difference lacks \(key)") }
        let chisq = try object("chisq x by status")
        for key in ["chisq", "df", "p", "correct", "table"] { XCTAssertNotNil(chisq[key], "chisq lacks \(key)") }
        let wilcoxon = try object("wilcoxon time by x")
        for key in ["statistic", "p", "exact", "groups"] { XCTAssertNotNil(wilcoxon[key], "wilcoxon lacks \(key)") }
        let kruskal = try object("kruskal time by x")
        for key in ["chisq", "df", "p", "groups"] { XCTAssertNotNil(kruskal[key], "kruskal lacks \(key)") }
        let km = try object("km quantile 0.25, 0.75")
        let quantiles = try XCTUnwrap((km["strata"] as? [[String: Any]])?.first?["quantiles"] as? [[String: Any]])
        XCTAssertEqual(quantiles.count, 2)
        for key in ["p", "time", "lower", "upper"] { XCTAssertNotNil(quantiles.first?[key], "quantile lacks \(key)") }
        XCTAssertTrue(quantiles.first?["upper"] is NSNull, "a limit not reached is null")
        XCTAssertNil((try object("km")["strata"] as? [[String: Any]])?.first?["quantiles"], "plain km output is unchanged")
    }
}
