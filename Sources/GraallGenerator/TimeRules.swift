/// The rules every placement of times obeys (RECONSTRUCTION.md §0 and §4.6): the order of events, the
/// plausibility windows, the 3-year boundary each fate sits on, and the hygiene that keeps every software's
/// estimates equal (no ties, nothing near 36 months).
enum TimeRules {
    /// 36 months in tenths, and the zone around it no observation may fall in, so that day, month or year
    /// conversions cannot move one across the 3-year boundary.
    static let threeYears = 360
    static let zone = 355...365
    static let beforeThreeYears = 354
    static let afterThreeYears = 366
    static let cutoffLatest = 840
    /// Administrative follow-up: the data cut-off minus an accrual from mid-2012 to the end of 2016.
    static let administrativeEarliest = 300

    /// Whether a patient's own times are consistent with its design.
    static func isValid(_ p: Patient) -> Bool {
        let fate = p.design.fate
        let origin = p.rfsOrigin
        // The CR after blinatumomab: at the first response assessment for patients already in CR, after
        // a cycle or two for overt relapses.
        if let subgroup = p.design.subgroup {
            if fate.reachesCR {
                guard let cr = p.crTime else { return false }
                let window = subgroup.inCRAtBlinatumomab ? 12...18 : 9...35
                guard window.contains(cr) else { return false }
            } else if p.crTime != nil { return false }
        }
        if p.hsct {
            guard let h = p.hsctTime, let origin else { return false }
            let window = p.cohort == .mrd ? 15...90 : (origin + 10)...(origin + 90)
            guard window.contains(h) else { return false }
            if let r = p.relapseTime, h >= r { return false }
            if let d = p.deathTime, h + 5 > d { return false }
            if let l = p.lastTime, h >= l { return false }
        } else if p.hsctTime != nil { return false }

        if fate.relapses {
            guard let r = p.relapseTime, let origin else { return false }
            let sinceOrigin = r - origin
            if p.cohort == .mrd, !p.hsct, r < 10 { return false }
            if sinceOrigin < 3 { return false }
            switch fate {
            case .lateRelapseAlive: if sinceOrigin < afterThreeYears { return false }
            default: if sinceOrigin > beforeThreeYears { return false }
            }
        } else if p.relapseTime != nil { return false }

        if fate.dies {
            guard let d = p.deathTime, p.lastTime == nil else { return false }
            if let r = p.relapseTime, d < r + 2 { return false }
            if fate == .relapseThenLateDeath {
                if d < afterThreeYears { return false }
            } else if d > beforeThreeYears { return false }
            if d < 3 || d > cutoffLatest { return false }
            if let origin, d <= origin { return false }
        } else {
            guard let l = p.lastTime, p.deathTime == nil else { return false }
            switch fate {
            case .lost: if l < 20 || l >= administrativeEarliest { return false }
            case .censoredBeforeThreeYears: if l < administrativeEarliest || l > beforeThreeYears { return false }
            default: if l < administrativeEarliest || l > cutoffLatest { return false }
            }
            if let r = p.relapseTime, l < r + 2 { return false }
            if let origin, l <= origin { return false }
        }
        if zone.contains(p.osTime) { return false }
        if let rfs = p.rfsTime, zone.contains(rfs) { return false }
        return true
    }

    /// Whether patient `i`'s OS and RFS times differ from every other patient's (ties are what make
    /// Breslow, Efron and exact Cox fits, and R's and Stata's medians, disagree).
    static func isUntied(_ i: Int, in patients: [Patient]) -> Bool {
        let os = patients[i].osTime, rfs = patients[i].rfsTime
        for j in patients.indices where j != i {
            if patients[j].osTime == os { return false }
            if let rfs, let other = patients[j].rfsTime, other == rfs { return false }
        }
        return true
    }
}
