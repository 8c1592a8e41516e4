import Foundation
import XCTest
@testable import SurvCore

/// Cox models on (start, stop] data at the edges of R's agreg.fit (Oracle/counting_edges.R): which columns are
/// NA, when a coefficient is flagged infinite, fits that run out of iterations, a robust SE of 0.
final class CountingProcessEdgeTests: XCTestCase {
    private func reference(_ name: String) throws -> [String: Any] {
        let cases = try XCTUnwrap(try Oracle.json("counting_edges")["cases"] as? [String: Any])
        return try XCTUnwrap(cases[name] as? [String: Any], "no case \(name)")
    }

    /// R's numbers as written with na = "string": NA is nil, NaN is .nan.
    private func numbers(_ r: [String: Any], _ key: String) -> [Double?] {
        ((r[key] as? [Any]) ?? []).map { value in
            if let number = value as? Double { return number }
            return (value as? String) == "NaN" ? .nan : nil
        }
    }

    private func number(_ r: [String: Any], _ key: String) -> Double? {
        if let value = r[key] as? Double { return value }
        return (r[key] as? String) == "NaN" ? .nan : nil
    }

    private func input(_ dataset: String, start: String, stop: String, event: String, columns: [String],
                       strata: String? = nil, cluster: String? = nil, ties: TiesMethod) throws -> CountingProcessCoxInput {
        let data = try Oracle.dataset(dataset)
        func column(_ name: String) throws -> [Double] {
            let values = data.numbers(name)
            XCTAssertFalse(values.isEmpty, "\(dataset) has no column \(name)")
            return try values.map { try XCTUnwrap($0, "\(dataset).\(name) is missing") }
        }
        func codes(_ name: String) -> [Int] {
            let values = data.strings(name).map { $0 ?? "" }
            let levels = Array(Set(values)).sorted()
            return values.map { levels.firstIndex(of: $0) ?? 0 }
        }
        return CountingProcessCoxInput(start: try column(start), stop: try column(stop), event: try column(event).map { $0 == 1 },
                                       covariates: try columns.map(column), columnNames: columns,
                                       strata: strata.map(codes), cluster: cluster.map(codes), ties: ties)
    }

    /// The columns R does not report as NA, in order.
    private func estimated(_ r: [String: Any]) -> [Int] {
        numbers(r, "coef").indices.filter { numbers(r, "coef")[$0] != nil }
    }

    private func checkStructure(_ fit: CoxFit, _ r: [String: Any], _ name: String) {
        let names = (r["names"] as? [String]) ?? []
        XCTAssertEqual(fit.coefficients.map(\.name), estimated(r).map { names[$0] }, "\(name): the columns R estimates")
        XCTAssertEqual(fit.droppedColumns, numbers(r, "coef").indices.filter { numbers(r, "coef")[$0] == nil }.map { names[$0] },
                       "\(name): the columns R reports as NA")
        XCTAssertEqual(fit.converged, r["converged"] as? Bool, "\(name): converged")
        XCTAssertEqual(fit.iterations, r["iterations"] as? Int, "\(name): iterations")
        XCTAssertEqual(fit.warnings.contains { $0.code == "infinite_coefficient" }, r["infinite"] as? Bool,
                       "\(name): infinite-coefficient warning")
        XCTAssertMatchesR(fit.loglikNull, numbers(r, "loglik").first ?? nil, "\(name) null loglik")
        XCTAssertMatchesR(fit.loglik, numbers(r, "loglik").last ?? nil, "\(name) loglik")
        XCTAssertMatchesR(fit.scoreTest.chisq, number(r, "score"), "\(name) score test")
    }

    private func checkEstimates(_ fit: CoxFit, _ r: [String: Any], _ name: String, robust: Bool = false) {
        for (c, k) in zip(fit.coefficients, estimated(r)) {
            XCTAssertMatchesR(c.coef, numbers(r, "coef")[k], "\(name) coef \(c.name)")
            XCTAssertMatchesR(c.se, numbers(r, "se")[k], "\(name) se \(c.name)")
            XCTAssertMatchesR(c.z, numbers(r, "z")[k], "\(name) z \(c.name)")
            XCTAssertMatchesR(c.p, numbers(r, "p")[k], "\(name) p \(c.name)")
            if robust { XCTAssertMatchesR(c.robustSE, numbers(r, "robust_se")[k], "\(name) robust se \(c.name)") }
        }
        XCTAssertMatchesR(fit.waldTest.chisq, number(r, "wald"), "\(name) Wald")
    }

    /// Within a stratum, a stretch with no one at risk used to leave rounding residue in the risk sums that
    /// hid the one event carrying information about bin: the model was refused. R fits it, bin diverging.
    func testACoefficientDivergingWithinStrataIsEstimatedAndFlagged() throws {
        for ties in TiesMethod.allCases {
            let name = "strata_infinite_\(ties)"
            let fit = try CoxFit.fit(countingProcess: try input("counting_edge_strata_infinite", start: "start", stop: "stop",
                                                                event: "ev", columns: ["bin"], strata: "g1", ties: ties))
            let r = try reference(name)
            checkStructure(fit, r, name)
            checkEstimates(fit, r, name)
        }
    }

    /// Both switches diverge and the fit runs out of iterations; the information at beta = 0 has full rank,
    /// so R keeps both columns (surv used to drop one as collinear). Where each path stops on the flat
    /// likelihood depends on rounding in the risk sums, so the estimates themselves are not compared.
    func testAFitOutOfIterationsKeepsColumnsOfFullRank() throws {
        for ties in TiesMethod.allCases {
            let name = "split_diverging_\(ties)"
            let fit = try CoxFit.fit(countingProcess: try input("counting_edge_split_diverging", start: "tstart", stop: "tstop",
                                                                event: "tevent", columns: ["tx", "tx2"], ties: ties))
            checkStructure(fit, try reference(name), name)
            XCTAssertTrue(fit.warnings.contains { $0.code == "not_converged" })
            XCTAssertFalse(fit.warnings.contains { $0.code == "collinear_term" })
        }
    }

    /// A robust SE of 0 with a coefficient of 0: z, p and the Wald test are undefined, as R reports them (NaN),
    /// not 0 and 1. x1 is aliased with g1A4 and NA.
    func testARobustSEOfZeroLeavesTheTestsUndefined() throws {
        for ties in TiesMethod.allCases {
            let name = "robust_zero_\(ties)"
            let fit = try CoxFit.fit(countingProcess: try input("counting_edge_robust_zero", start: "start", stop: "stop", event: "ev",
                                                                columns: ["g1A4", "x1"], cluster: "id", ties: ties))
            let r = try reference(name)
            checkStructure(fit, r, name)
            checkEstimates(fit, r, name, robust: true)
            XCTAssertTrue(fit.coefficients[0].p.isNaN && fit.waldTest.chisq.isNaN, "\(name): p and Wald undefined")
        }
    }

    /// bin diverges with cluster(id): flagged infinite, with R's robust SE (the score residuals are summed per
    /// event time, as agscore2 does). x1's estimate and robust SE are rounding noise around 0 on both sides
    /// (about 1e-9) and are left out.
    func testAnInfiniteCoefficientWithClustersMatchesR() throws {
        for ties in TiesMethod.allCases {
            let name = "cluster_infinite_\(ties)"
            let fit = try CoxFit.fit(countingProcess: try input("counting_edge_cluster_infinite", start: "start", stop: "stop", event: "ev",
                                                                columns: ["x1", "bin"], cluster: "id", ties: ties))
            let r = try reference(name)
            checkStructure(fit, r, name)
            let bin = try XCTUnwrap(fit.coefficients.first { $0.name == "bin" })
            XCTAssertMatchesR(bin.coef, numbers(r, "coef")[1], "\(name) coef bin")
            XCTAssertMatchesR(bin.se, numbers(r, "se")[1], "\(name) se bin")
            XCTAssertMatchesR(bin.robustSE, numbers(r, "robust_se")[1], "\(name) robust se bin")
            XCTAssertMatchesR(bin.z, numbers(r, "z")[1], "\(name) z bin")
            XCTAssertMatchesR(fit.waldTest.chisq, number(r, "wald"), "\(name) robust Wald")
        }
    }

    /// x1 and g1A2 are redundant together (rank 1 at beta = 0) and x1 diverges. R's last factorisation, of an
    /// information shrunk to its rounding error, finds full rank by accident and keeps g1A2 (coefficient 0, an
    /// SE of about 1e8); surv drops the column the factorisation at beta = 0 found redundant. A documented
    /// difference (Tests/Differential/README.md): this checks that R still does what the README says.
    func testARedundantColumnIsDroppedWhereRKeepsItByAccident() throws {
        for ties in TiesMethod.allCases {
            let name = "redundant_diverging_\(ties)"
            let fit = try CoxFit.fit(countingProcess: try input("counting_edge_redundant_diverging", start: "start", stop: "stop",
                                                                event: "ev", columns: ["x1", "g1A2"], ties: ties))
            let r = try reference(name)
            XCTAssertEqual(r["rank"] as? Int, 1, "\(name): R's rank at beta = 0")
            XCTAssertEqual(numbers(r, "coef")[1], 0, "\(name): R keeps g1A2 at 0")
            XCTAssertGreaterThan(numbers(r, "se")[1] ?? 0, 1e6, "\(name): with an arbitrary SE")
            XCTAssertEqual(fit.coefficients.map(\.name), ["x1"])
            XCTAssertEqual(fit.droppedColumns, ["g1A2"])
            XCTAssertEqual(fit.converged, r["converged"] as? Bool)
            XCTAssertMatchesR(fit.loglikNull, numbers(r, "loglik").first ?? nil, "\(name) null loglik")
            XCTAssertMatchesR(fit.scoreTest.chisq, number(r, "score"), "\(name) score test")
        }
    }

    /// An exactly aliased column is NA, the others estimated as R estimates them.
    func testAnAliasedColumnIsDroppedAsR() throws {
        for ties in TiesMethod.allCases {
            let name = "aliased_\(ties)"
            let data = try Oracle.dataset("bladder2")
            let column = { (key: String) in data.numbers(key).map { $0 ?? .nan } }
            let fit = try CoxFit.fit(countingProcess: CountingProcessCoxInput(
                start: column("start"), stop: column("stop"), event: column("event").map { $0 == 1 },
                covariates: [column("rx"), column("size"), column("size").map { 2 * $0 }, column("number")],
                columnNames: ["rx", "size", "size2", "number"], ties: ties))
            let r = try reference(name)
            checkStructure(fit, r, name)
            checkEstimates(fit, r, name)
        }
    }
}
