import Foundation

// The score and its variance behind Gray's (1988) K-sample test, as cmprsk's Fortran routine `crst`
// computes them within one stratum. Each group's score sums, over failure times from the cause, the
// weighted difference between its failures and those expected if the groups shared one cumulative
// incidence, with risk sets Y/S(t−) that keep a row that failed from a competing cause in the comparison.
// The weight is (1 − F(t−))^rho of the pooled incidence. The variance is Gray's asymptotic one: the running
// sums v, v₂, v₃ and the matrix c that corrects them for F are built exactly as `crst` builds them, so that
// tied times and empty groups are treated as cmprsk treats them.

struct GrayScore {
    /// Scores of groups 0..<groups − 1 (the last group's is minus their sum).
    var score: [Double]
    /// Their (groups − 1)² covariance, row-major.
    var variance: [Double]

    init(groups ng: Int) {
        score = [Double](repeating: 0, count: max(ng - 1, 0))
        variance = [Double](repeating: 0, count: max(ng - 1, 0) * max(ng - 1, 0))
    }

    /// Adds one stratum.
    /// - Parameters:
    ///   - blocks: the stratum's rows cut at tied times.
    ///   - mark: per row, 0 censored, 1 failed from the cause tested, 2 failed from another cause.
    ///   - group: per row, a group index in 0..<ng.
    mutating func add(blocks: TiedTimeBlocks, mark: [Int], group: [Int], groups ng: Int, rho: Double) {
        let ng1 = ng - 1
        guard ng1 > 0 else { return }
        var atRisk = [Int](repeating: 0, count: ng)
        for row in blocks.order { atRisk[group[row]] += 1 }
        var incidenceBefore = [Double](repeating: 0, count: ng), incidence = incidenceBefore
        var survivalBefore = [Double](repeating: 1, count: ng), survival = survivalBefore
        var v3 = [Double](repeating: 0, count: ng)
        var v2 = [Double](repeating: 0, count: ng1 * ng)          // v2[i * ng + k]
        var c = [Double](repeating: 0, count: ng * ng)             // c[i * ng + j], accumulated over time
        var a = [Double](repeating: 0, count: ng * ng)
        var v = [Double](repeating: 0, count: ng1 * ng1)           // lower triangle used
        var s = [Double](repeating: 0, count: ng1)
        var pooledBefore = 0.0, pooled = 0.0
        var d = [Int](repeating: 0, count: 3 * ng)                 // d[m * ng + g]

        for b in 0..<blocks.count {
            for i in d.indices { d[i] = 0 }
            for row in blocks.rows(b) { d[mark[row] * ng + group[row]] += 1 }
            var nd1 = 0, nd2 = 0
            for g in 0..<ng { nd1 += d[ng + g]; nd2 += d[2 * ng + g] }
            if nd1 > 0 || nd2 > 0 {
                var tr = 0.0, tq = 0.0
                for g in 0..<ng where atRisk[g] > 0 {
                    let y = Double(atRisk[g])
                    let failed = Double(d[ng + g] + d[2 * ng + g])
                    survival[g] = survivalBefore[g] * (y - failed) / y
                    incidence[g] = incidenceBefore[g] + survivalBefore[g] * Double(d[ng + g]) / y
                    tr += y / survivalBefore[g]
                    tq += y * (1 - incidenceBefore[g]) / survivalBefore[g]
                }
                pooled = pooledBefore + Double(nd1) / tr
                let fb = pow(1 - pooledBefore, rho)
                let cStep = Double(nd1) / (tr * (1 - pooledBefore))
                for i in a.indices { a[i] = 0 }
                for i in 0..<ng where atRisk[i] > 0 {
                    let t1 = Double(atRisk[i]) / survivalBefore[i]
                    a[i * ng + i] = fb * t1 * (1 - t1 / tr)
                    c[i * ng + i] += a[i * ng + i] * cStep
                    for j in (i + 1)..<max(i + 1, ng) where atRisk[j] > 0 {
                        a[i * ng + j] = -fb * t1 * Double(atRisk[j]) / (survivalBefore[j] * tr)
                        c[i * ng + j] += a[i * ng + j] * cStep
                    }
                }
                for i in 1..<max(1, ng) {
                    for j in 0..<i {
                        a[i * ng + j] = a[j * ng + i]
                        c[i * ng + j] = c[j * ng + i]
                    }
                }
                for i in 0..<ng1 where atRisk[i] > 0 {
                    s[i] += fb * (Double(d[ng + i]) - Double(nd1) * Double(atRisk[i]) * (1 - incidenceBefore[i])
                                  / (survivalBefore[i] * tq))
                }
                if nd1 > 0 {
                    for k in 0..<ng where atRisk[k] > 0 {
                        let t4 = survival[k] > 0 ? 1 - (1 - pooled) / survival[k] : 1
                        let t5 = nd1 > 1 ? 1 - Double(nd1 - 1) / (tr * survivalBefore[k] - 1) : 1
                        let t3 = t5 * survivalBefore[k] * Double(nd1) / (tr * Double(atRisk[k]))
                        v3[k] += t4 * t4 * t3
                        for i in 0..<ng1 {
                            let t1 = a[i * ng + k] - t4 * c[i * ng + k]
                            v2[i * ng + k] += t1 * t4 * t3
                            for j in 0...i {
                                let t2 = a[j * ng + k] - t4 * c[j * ng + k]
                                v[i * ng1 + j] += t1 * t2 * t3
                            }
                        }
                    }
                }
                if nd2 > 0 {
                    for k in 0..<ng where survival[k] > 0 && d[2 * ng + k] > 0 {
                        let y = Double(atRisk[k]), dk = Double(d[2 * ng + k])
                        let t4 = (1 - pooled) / survival[k]
                        let t5 = dk > 1 ? 1 - (dk - 1) / (y - 1) : 1
                        let t3 = t5 * survivalBefore[k] * survivalBefore[k] * dk / (y * y)
                        v3[k] += t4 * t4 * t3
                        for i in 0..<ng1 {
                            let t1 = t4 * c[i * ng + k]
                            v2[i * ng + k] -= t1 * t4 * t3
                            for j in 0...i {
                                let t2 = t4 * c[j * ng + k]
                                v[i * ng1 + j] += t1 * t2 * t3
                            }
                        }
                    }
                }
            }
            for row in blocks.rows(b) { atRisk[group[row]] -= 1 }
            pooledBefore = pooled
            incidenceBefore = incidence
            survivalBefore = survival
        }
        for i in 0..<ng1 {
            for j in 0...i {
                for k in 0..<ng {
                    v[i * ng1 + j] += c[i * ng + k] * c[j * ng + k] * v3[k]
                        + c[i * ng + k] * v2[j * ng + k] + c[j * ng + k] * v2[i * ng + k]
                }
            }
        }
        for i in 0..<ng1 {
            score[i] += s[i]
            for j in 0...i {
                variance[i * ng1 + j] += v[i * ng1 + j]
                if j != i { variance[j * ng1 + i] += v[i * ng1 + j] }
            }
        }
    }
}
