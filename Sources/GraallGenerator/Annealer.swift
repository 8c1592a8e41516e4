import Foundation
import PublishedTargets

/// Simulated annealing over the times (and the baseline variables a cohort may swap): each step proposes
/// one small change that keeps the design, and keeps it with the Metropolis rule on the targets' loss.
struct Annealer {
    /// The targets the loss is made of (those with a weight).
    let targets: [Target]
    var random: SeededRandom

    init(targets: TargetsTable, seed: UInt64) {
        self.targets = targets.targets.filter { $0.weight > 0 && ($0.match == .approx || $0.match == .soft) }
        random = SeededRandom(seed: seed)
    }

    /// The loss of a cohort: the weighted misses of the targets, plus a penalty for each published median
    /// whose curve sits at exactly 0.5 (where R's and Stata's rules differ).
    func loss(_ patients: [Patient]) -> Double {
        guard let table = try? CohortTable.dataTable(patients) else { return .infinity }
        let evaluator = TargetEvaluator(table: table)
        var total = 0.0
        for target in targets {
            let score = TargetScore.score(target, on: evaluator)
            total += score.loss
            if target.statistic == .kmMedian, target.value != nil, score.computed?.touchesHalf == true { total += 10 }
        }
        return total
    }

    /// Anneals from `start` over `iterations` steps, the temperature falling geometrically from `hot` to
    /// `cold`; returns the best cohort seen and its loss.
    mutating func run(from start: [Patient], iterations: Int, hot: Double, cold: Double,
                      report: (Int, Double, Double) -> Void = { _, _, _ in }) -> ([Patient], Double) {
        var current = start, currentLoss = loss(start)
        var best = current, bestLoss = currentLoss
        let ratio = Foundation.pow(cold / hot, 1 / Double(max(iterations - 1, 1)))
        var temperature = hot
        for step in 0..<iterations {
            if step % 2000 == 0 { report(step, currentLoss, bestLoss) }
            var candidate = current
            if propose(&candidate) {
                let candidateLoss = loss(candidate)
                let delta = candidateLoss - currentLoss
                if delta <= 0 || random.unit() < Foundation.exp(-delta / temperature) {
                    current = candidate
                    currentLoss = candidateLoss
                    if currentLoss < bestLoss {
                        best = current
                        bestLoss = currentLoss
                    }
                }
            }
            temperature *= ratio
        }
        report(iterations, currentLoss, bestLoss)
        return (best, bestLoss)
    }

    // MARK: - Moves

    /// Changes `patients` in place; false when the change breaks a rule (the step is then skipped).
    mutating func propose(_ patients: inout [Patient]) -> Bool {
        let u = random.unit()
        if u < 0.62 { return moveTime(&patients) }
        if u < 0.80 { return swapBaseline(&patients) }
        if u < 0.90 { return swapCourses(&patients) }
        return moveTransplant(&patients)
    }

    enum Slot: CaseIterable { case cr, hsct, relapse, death, last }

    static func slots(_ p: Patient) -> [Slot] {
        var slots: [Slot] = []
        if p.crTime != nil, p.cohort == .relapse { slots.append(.cr) }
        if p.hsctTime != nil { slots.append(.hsct) }
        if p.relapseTime != nil { slots.append(.relapse) }
        if p.deathTime != nil { slots.append(.death) }
        if p.lastTime != nil { slots.append(.last) }
        return slots
    }

    static func shift(_ p: inout Patient, _ slot: Slot, by step: Int) {
        switch slot {
        case .cr: p.crTime = p.crTime.map { $0 + step }
        case .hsct: p.hsctTime = p.hsctTime.map { $0 + step }
        case .relapse: p.relapseTime = p.relapseTime.map { $0 + step }
        case .death: p.deathTime = p.deathTime.map { $0 + step }
        case .last: p.lastTime = p.lastTime.map { $0 + step }
        }
    }

    mutating func moveTime(_ patients: inout [Patient]) -> Bool {
        let i = random.int(in: 0...(patients.count - 1))
        let slots = Self.slots(patients[i])
        guard !slots.isEmpty else { return false }
        let slot = slots[random.int(in: 0...(slots.count - 1))]
        // Step sizes from a tenth of a month to about a year, evenly on the log scale.
        let scale = Foundation.exp(Foundation.log(1.5) + random.unit() * (Foundation.log(150) - Foundation.log(1.5)))
        var step = Int((random.normal() * scale).rounded())
        if step == 0 { step = random.unit() < 0.5 ? -1 : 1 }
        Self.shift(&patients[i], slot, by: step)
        // Moving the CR moves the whole relapse-free course with it half of the time, so that RFS can
        // change origin without changing length.
        if slot == .cr, random.unit() < 0.5 {
            for other in [Slot.hsct, .relapse, .death, .last] where Self.slots(patients[i]).contains(other) {
                Self.shift(&patients[i], other, by: step)
            }
        }
        return TimeRules.isValid(patients[i]) && TimeRules.isUntied(i, in: patients)
    }

    enum Baseline: CaseIterable { case age, wbc, cyto, priorHSCT, sex, relapses }

    mutating func swapBaseline(_ patients: inout [Patient]) -> Bool {
        let kind = Baseline.allCases[random.int(in: 0...(Baseline.allCases.count - 1))]
        let pool: [Int]
        if kind == .relapses {
            pool = patients.indices.filter { patients[$0].design.subgroup.map { !$0.firstRelapse } ?? false }
        } else {
            let cohort: Cohort = random.unit() < 0.5 ? .mrd : .relapse
            pool = patients.indices.filter { patients[$0].cohort == cohort }
        }
        guard pool.count >= 2 else { return false }
        let a = pool[random.int(in: 0...(pool.count - 1))], b = pool[random.int(in: 0...(pool.count - 1))]
        guard a != b else { return false }
        switch kind {
        case .age: (patients[a].age, patients[b].age) = (patients[b].age, patients[a].age)
        case .wbc: (patients[a].wbc, patients[b].wbc) = (patients[b].wbc, patients[a].wbc)
        case .cyto: (patients[a].cyto, patients[b].cyto) = (patients[b].cyto, patients[a].cyto)
        case .priorHSCT: (patients[a].priorHSCT, patients[b].priorHSCT) = (patients[b].priorHSCT, patients[a].priorHSCT)
        case .sex: (patients[a].sex, patients[b].sex) = (patients[b].sex, patients[a].sex)
        case .relapses: (patients[a].nRelapses, patients[b].nRelapses) = (patients[b].nRelapses, patients[a].nRelapses)
        }
        return true
    }

    /// Exchanges the whole course after blinatumomab (every time, and the transplant) of two patients of the
    /// same cohort with the same fate: the cohort's curves stay as they are while who has which course
    /// changes between MRD classes or relapse subgroups, which is what the group comparisons see.
    mutating func swapCourses(_ patients: inout [Patient]) -> Bool {
        let a = random.int(in: 0...(patients.count - 1))
        let partners = patients.indices.filter {
            $0 != a && patients[$0].cohort == patients[a].cohort && patients[$0].design.fate == patients[a].design.fate
        }
        guard !partners.isEmpty else { return false }
        let b = partners[random.int(in: 0...(partners.count - 1))]
        let first = patients[a], second = patients[b]
        func take(_ p: inout Patient, from other: Patient) {
            p.hsct = other.hsct
            p.crTime = other.crTime
            p.hsctTime = other.hsctTime
            p.relapseTime = other.relapseTime
            p.deathTime = other.deathTime
            p.lastTime = other.lastTime
        }
        take(&patients[a], from: second)
        take(&patients[b], from: first)
        return TimeRules.isValid(patients[a]) && TimeRules.isValid(patients[b])
    }

    /// Moves an HSCT in continuous CR from one patient to another of the same cohort, at a new time.
    mutating func moveTransplant(_ patients: inout [Patient]) -> Bool {
        let cohort: Cohort = random.unit() < 0.5 ? .mrd : .relapse
        let donors = patients.indices.filter { patients[$0].cohort == cohort && patients[$0].hsct }
        let receivers = patients.indices.filter {
            patients[$0].cohort == cohort && !patients[$0].hsct && patients[$0].design.fate.reachesCR
        }
        guard !donors.isEmpty, !receivers.isEmpty else { return false }
        let from = donors[random.int(in: 0...(donors.count - 1))]
        let to = receivers[random.int(in: 0...(receivers.count - 1))]
        patients[from].hsct = false
        patients[from].hsctTime = nil
        guard let origin = patients[to].rfsOrigin else { return false }
        let low = origin + (cohort == .mrd ? 15 : 10)
        var high = origin + 90
        if let r = patients[to].relapseTime { high = min(high, r - 1) }
        if let d = patients[to].deathTime { high = min(high, d - 5) }
        if let l = patients[to].lastTime { high = min(high, l - 1) }
        guard low <= high else { return false }
        patients[to].hsct = true
        patients[to].hsctTime = random.int(in: low...high)
        return TimeRules.isValid(patients[from]) && TimeRules.isValid(patients[to])
    }
}
