/// The design's first placement of times, made legal: months become tenths, and an observation that ties
/// with another (or sits near 36 months) is nudged a tenth at a time until it breaks no rule.
enum InitialPlacement {
    enum Failure: Error, CustomStringConvertible {
        case illegal(Int)
        var description: String {
            switch self {
            case .illegal(let i): return "the design's times for patient \(i + 1) break a rule that no nudge mends"
            }
        }
    }

    static func tenths(_ months: Double?) -> Int? {
        months.map { Int(($0 * 10).rounded()) }
    }

    static func patients() throws -> [Patient] {
        var patients = CohortDesign.patients.map { design -> Patient in
            var p = Patient(design: design)
            p.hsct = design.hsct
            p.crTime = tenths(design.cr)
            p.hsctTime = tenths(design.hsctAt)
            p.relapseTime = tenths(design.relapse)
            p.deathTime = tenths(design.death)
            p.lastTime = tenths(design.last)
            return p
        }
        for i in patients.indices {
            if TimeRules.isValid(patients[i]) && TimeRules.isUntied(i, in: patients) { continue }
            guard nudge(i, &patients) else { throw Failure.illegal(i) }
        }
        return patients
    }

    /// Tries the smallest shifts first, of the time that ends the follow-up, then of the relapse.
    static func nudge(_ i: Int, _ patients: inout [Patient]) -> Bool {
        let original = patients[i]
        for distance in 1...20 {
            for step in [distance, -distance] {
                for slot in [Annealer.Slot.death, .last, .relapse] where Annealer.slots(original).contains(slot) {
                    var moved = original
                    Annealer.shift(&moved, slot, by: step)
                    patients[i] = moved
                    if TimeRules.isValid(moved) && TimeRules.isUntied(i, in: patients) { return true }
                }
            }
        }
        patients[i] = original
        return false
    }
}
