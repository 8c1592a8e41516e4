/// The exact multisets of Table 1 and of the Results' text (RECONSTRUCTION.md §4.1), dealt to the patients
/// of each cohort by seeded permutation. Every list meets its published median and range on its own and
/// jointly with the other cohort (the All column), so any dealing within a cohort keeps every count.
enum BaselineSkeleton {
    static let mrdAges = [17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 30, 31, 31, 32, 34, 35, 36, 38, 39,
                          42, 44, 46, 48, 51, 53, 55, 57, 60, 63, 67, 74]
    static let relapseAges = [16, 20, 22, 25, 27, 29, 31, 33, 35, 36, 38, 40, 41, 43, 44, 45, 46, 47, 48, 50, 51, 53, 54,
                              56, 57, 58, 59, 60, 61, 62, 63, 65, 66, 68, 69, 70, 72, 74]
    static let mrdWBC = [1.0, 1.6, 2.2, 2.7, 3.1, 3.5, 3.9, 4.3, 4.8, 5.2, 5.6, 6.0, 6.4, 6.8, 7.2, 7.5, 7.9, 8.1, 9.0,
                         10.4, 11.8, 13.5, 15.2, 18.0, 21.5, 26.0, 32.0, 41.0, 55.0, 78.0, 96.0, 130.0, 185.0, 310.0, 731.0]
    static let relapseWBC = [0.4, 0.9, 1.3, 1.8, 2.1, 2.5, 2.9, 3.3, 3.8, 4.2, 4.6, 5.0, 5.5, 5.9, 6.3, 6.8, 7.2, 7.7, 8.1,
                             8.3, 9.1, 10.2, 11.5, 12.9, 14.6, 16.8, 19.5, 23.0, 27.5, 33.0, 40.0, 49.0, 61.0, 78.0, 98.0,
                             126.0, 160.0, 207.0]

    static func repeated<T>(_ pairs: [(T, Int)]) -> [T] {
        pairs.flatMap { Array(repeating: $0.0, count: $0.1) }
    }

    static let mrdCyto = repeated([(Cytogenetics.bcrAbl1, 3), (.kmt2a, 3), (.lowHypo, 3), (.other, 26)])
    static let relapseCyto = repeated([(Cytogenetics.bcrAbl1, 11), (.kmt2a, 2), (.lowHypo, 1), (.tcf3, 3), (.other, 21)])
    static let mrdSex = repeated([("M", 21), ("F", 14)])
    static let relapseSex = repeated([("M", 22), ("F", 16)])
    static let mrdPriorHSCT = repeated([(true, 2), (false, 33)])
    static let relapsePriorHSCT = repeated([(true, 15), (false, 23)])
    /// The number of relapses of the 14 patients in second or later relapse (not published; I-24).
    static let laterRelapseCounts = repeated([(2, 10), (3, 3), (4, 1)])

    /// Deals the baseline variables the optimiser may later swap within a cohort.
    static func deal(_ patients: inout [Patient], random: inout SeededRandom) {
        for cohort in [Cohort.mrd, .relapse] {
            let members = patients.indices.filter { patients[$0].cohort == cohort }
            let isMRD = cohort == .mrd
            let ages = random.shuffled(isMRD ? mrdAges : relapseAges)
            let wbc = random.shuffled(isMRD ? mrdWBC : relapseWBC)
            let cyto = random.shuffled(isMRD ? mrdCyto : relapseCyto)
            let sex = random.shuffled(isMRD ? mrdSex : relapseSex)
            let prior = random.shuffled(isMRD ? mrdPriorHSCT : relapsePriorHSCT)
            for (k, i) in members.enumerated() {
                patients[i].age = ages[k]
                patients[i].wbc = wbc[k]
                patients[i].cyto = cyto[k]
                patients[i].sex = sex[k]
                patients[i].priorHSCT = prior[k]
            }
        }
        let later = patients.indices.filter { patients[$0].design.subgroup.map { !$0.firstRelapse } ?? false }
        let counts = random.shuffled(laterRelapseCounts)
        for (k, i) in later.enumerated() { patients[i].nRelapses = counts[k] }
        for i in patients.indices where patients[i].design.subgroup?.firstRelapse == true { patients[i].nRelapses = 1 }
    }
}
