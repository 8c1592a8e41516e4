/// The two cohorts of the paper.
enum Cohort: String {
    case mrd, relapse
}

/// The relapse cohort's subgroups (RECONSTRUCTION.md §1.4), which the paper's subgroup analyses imply.
enum Subgroup: String {
    case a = "A_CR2", b = "B_CR3plus", c1 = "C1_overt1_CR", c0 = "C0_overt1_noCR", d1 = "D1_overt2_CR", d0 = "D0_overt2_noCR"

    var firstRelapse: Bool { self == .a || self == .c1 || self == .c0 }
    var inCRAtBlinatumomab: Bool { self == .a || self == .b }
}

/// Pre-blinatumomab MRD in the four classes of Table 1 (the first three merge into Figure 4's three).
enum MRDClass: String, CaseIterable {
    case over1 = ">1%", from01to1 = "0.1-1%", from001to01 = "0.01-0.1%", under001 = "<0.01%"

    /// The 3-class level of Figure 4 and Table 3: 0 = <0.1%, 1 = 0.1-1%, 2 = >1%.
    var level: Int {
        switch self {
        case .over1: return 2
        case .from01to1: return 1
        case .from001to01, .under001: return 0
        }
    }

    var threeClassLabel: String {
        switch self {
        case .over1: return ">1%"
        case .from01to1: return "0.1-1%"
        case .from001to01, .under001: return "<0.1%"
        }
    }
}

enum Cytogenetics: String {
    case bcrAbl1 = "BCR-ABL1", kmt2a = "KMT2A-r", tcf3 = "TCF3-PBX1", lowHypo = "low-hypo/near-triploid", other

    var highRisk: Bool { self != .other }
}

/// One synthetic patient. Times are whole tenths of a month from the first infusion, so that no
/// rounding ever moves an observation and ties are exact comparisons.
struct Patient {
    let design: PatientDesign
    var cohort: Cohort { design.cohort }
    /// `SYN-001` … `SYN-073`, dealt at random so that the order says nothing about the design.
    var id = ""
    /// The first infusion, in days since 1970-01-01 (cosmetic: no analysis reads it).
    var startDay: Int?

    // Baseline (Table 1): exact multisets, assigned by seeded permutation and swapped by the optimiser.
    var age = 0
    var sex = "M"
    var wbc = 0.0
    var cyto = Cytogenetics.other
    var priorHSCT = false
    var nRelapses = 0
    var ikzf1: Int?
    var bmBlasts = 0
    var extramedullaryOnly: Int?
    var mrdPercent: Double?
    var cycles = 1
    var startDose: Int?
    var dexPremed: Int?
    var dexTotalMg: Int?

    // After blinatumomab.
    var hsct = false
    var crTime: Int?
    var hsctTime: Int?
    var relapseTime: Int?
    var deathTime: Int?
    /// Last contact of a patient alive at the end of follow-up.
    var lastTime: Int?

    init(design: PatientDesign) {
        self.design = design
    }

    var mrdClass: MRDClass? { design.mrdClass }

    /// The RFS origin: the first infusion for the MRD+ cohort, the post-blinatumomab CR for relapsed patients.
    var rfsOrigin: Int? { cohort == .mrd ? 0 : crTime }

    var osTime: Int { deathTime ?? lastTime ?? 0 }
    var osEvent: Bool { deathTime != nil }

    /// Months from the RFS origin to relapse, death or last contact; nil for a patient never in CR.
    var rfsTime: Int? {
        guard let origin = rfsOrigin else { return nil }
        let end = [relapseTime, deathTime].compactMap { $0 }.min() ?? lastTime ?? 0
        return end - origin
    }

    var rfsEvent: Bool { relapseTime != nil || deathTime != nil }
}
