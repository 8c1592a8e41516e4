/// The variables no survival target depends on, dealt once the times are placed: they must match their
/// published counts but are free otherwise (RECONSTRUCTION.md §4.1, I-03, I-13, I-25).
enum FinishingTouches {
    static func repeated<T>(_ pairs: [(T, Int)]) -> [T] { BaselineSkeleton.repeated(pairs) }

    /// Cut-off of follow-up: not reported; mid-2019 fits an accrual from 2012 to 2016 and the median
    /// follow-up of 3.5 years.
    static let cutoffDay = CalendarDay.day(year: 2019, month: 6, day: 30)
    static let accrualFirstDay = CalendarDay.day(year: 2012, month: 1, day: 1)
    static let accrualLastDay = CalendarDay.day(year: 2016, month: 12, day: 31)

    static func apply(_ patients: inout [Patient], random: inout SeededRandom) {
        let mrd = patients.indices.filter { patients[$0].cohort == .mrd }
        let relapse = patients.indices.filter { patients[$0].cohort == .relapse }
        let crAtBlinatumomab = relapse.filter { patients[$0].design.subgroup?.inCRAtBlinatumomab == true }
        let overt = relapse.filter { patients[$0].design.subgroup?.inCRAtBlinatumomab == false }

        // IKZF1: 5 deletions in 19 screened (MRD+), 5 in 21 (relapse); the others were not screened.
        deal(repeated([(Int?.some(1), 5), (Int?.some(0), 14), (Int?.none, 16)]), to: mrd, &patients, &random) { $0.ikzf1 = $1 }
        deal(repeated([(Int?.some(1), 5), (Int?.some(0), 16), (Int?.none, 17)]), to: relapse, &patients, &random) { $0.ikzf1 = $1 }

        // Marrow blasts: below 5% for everyone in CR. Five overt relapses must have at most 2% for the
        // relapse cohort's median of 2% (I-03): read as extramedullary relapses, placed first among the
        // patients transplanted before, where isolated extramedullary relapse is common.
        deal(repeated([(0, 12), (1, 13), (2, 6), (3, 3), (4, 1)]), to: mrd, &patients, &random) { $0.bmBlasts = $1 }
        deal(repeated([(0, 5), (1, 6), (2, 4)]), to: crAtBlinatumomab, &patients, &random) { $0.bmBlasts = $1 }
        let overtOrder = random.shuffled(overt).sorted { patients[$0].priorHSCT && !patients[$1].priorHSCT }
        let extramedullary = Array(overtOrder.prefix(5))
        for (k, i) in extramedullary.enumerated() {
            patients[i].bmBlasts = [0, 1, 2, 2, 2][k]
            patients[i].extramedullaryOnly = 1
        }
        let marrowRelapses = overt.filter { !extramedullary.contains($0) }
        deal([6, 8, 11, 15, 19, 24, 28, 33, 38, 45, 52, 58, 64, 70, 76, 81, 87, 92], to: marrowRelapses, &patients, &random) {
            $0.bmBlasts = $1
            $0.extramedullaryOnly = 0
        }

        // Pre-blinatumomab MRD: illustrative values inside each class, never on a class boundary (I-18);
        // 0.005 stands for "below 0.01%".
        let over1: [Double] = [1.8, 2.5, 4, 7.5, 12, 25, 1.5, 3.2, 6, 9.5, 18, 40]
        let from01to1: [Double] = [0.12, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.95, 0.45]
        let from001to01: [Double] = [0.012, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.035]
        let under001: [Double] = Array(repeating: 0.005, count: 6)
        let values: [MRDClass: [Double]] = [.over1: over1, .from01to1: from01to1, .from001to01: from001to01, .under001: under001]
        for cls in MRDClass.allCases {
            let members = patients.indices.filter { patients[$0].mrdClass == cls }
            let dealt: [Double] = Array((values[cls] ?? []).prefix(members.count))
            deal(dealt, to: members, &patients, &random) { $0.mrdPercent = $1 }
        }

        // Cycles: a cycle lasts six weeks, so a patient gets no more cycles than the follow-up holds.
        dealCycles(repeated([(2, 9), (1, 26)]), to: mrd, &patients, &random)
        dealCycles(repeated([(5, 1), (4, 2), (3, 5), (2, 9), (1, 21)]), to: relapse, &patients, &random)

        // Start dose and dexamethasone premedication: reported for the MRD+ cohort only (I-02, I-25).
        deal(repeated([(Int?.some(9), 10), (Int?.some(28), 24), (Int?.none, 1)]), to: mrd, &patients, &random) { $0.startDose = $1 }
        deal(repeated([(Int?.some(1), 23), (Int?.some(0), 10), (Int?.none, 2)]), to: mrd, &patients, &random) { $0.dexPremed = $1 }
        let premedicated = mrd.filter { patients[$0].dexPremed == 1 }
        deal(repeated([(20, 6), (24, 4), (28, 3), (30, 3), (32, 2), (36, 2), (40, 3)]), to: premedicated, &patients, &random) {
            $0.dexTotalMg = $1
        }

        // First infusion: patients followed to the cut-off started that long before it; the others at a
        // random day of the accrual that leaves their follow-up before the cut-off.
        for i in patients.indices {
            let p = patients[i]
            let followed = CalendarDay.days(tenthsOfMonth: p.osTime)
            if !p.osEvent, p.design.fate != .lost {
                patients[i].startDay = cutoffDay - followed
            } else {
                let latest = min(accrualLastDay, cutoffDay - followed - 31)
                patients[i].startDay = random.int(in: accrualFirstDay...max(accrualFirstDay, latest))
            }
        }

        // Identifiers in a random order, so that neither the order nor the number says anything of the design.
        let numbers = random.shuffled(Array(1...patients.count))
        for i in patients.indices {
            let n = numbers[i]
            patients[i].id = "SYN-" + (n < 10 ? "00" : n < 100 ? "0" : "") + String(n)
        }
        patients.sort { $0.id < $1.id }
    }

    static func deal<T>(_ values: [T], to members: [Int], _ patients: inout [Patient], _ random: inout SeededRandom,
                        _ set: (inout Patient, T) -> Void) {
        for (value, i) in zip(random.shuffled(values), members) { set(&patients[i], value) }
    }

    /// The largest counts first, each to a patient whose follow-up holds that many six-week cycles.
    static func dealCycles(_ counts: [Int], to members: [Int], _ patients: inout [Patient], _ random: inout SeededRandom) {
        var free = random.shuffled(members)
        for count in counts.sorted(by: >) {
            let needed = count * 14
            let pick = free.firstIndex { patients[$0].osTime >= needed } ?? 0
            guard pick < free.count else { return }
            patients[free[pick]].cycles = count
            free.remove(at: pick)
        }
    }
}
