/// What happens to a patient after the first infusion, fixed by design: the paper's counts of relapses,
/// deaths and patients in CR decide how many patients of each group have each fate (the event budget);
/// the optimiser only moves the times within the windows a fate allows.
enum Fate: Equatable {
    /// Relapse, then death, both before 3 years.
    case relapseThenDeath
    /// Relapse before 3 years; alive at the last contact.
    case relapseAlive
    /// Relapse before 3 years; death after 3 years.
    case relapseThenLateDeath
    /// Relapse after 3 years of relapse-free survival; alive at the last contact.
    case lateRelapseAlive
    /// Death in remission (non-relapse mortality) before 3 years.
    case deathInRemission
    /// Relapse-free and alive at the data cut-off, 30–84 months after the first infusion.
    case alive
    /// Relapse-free and alive at the cut-off, reached before 3 years (treated late in 2016).
    case censoredBeforeThreeYears
    /// Relapse-free, alive, lost to follow-up before 30 months.
    case lost
    /// Never in CR after blinatumomab; death before 3 years.
    case refractoryDeath
    /// Never in CR after blinatumomab; alive at the cut-off.
    case refractoryAlive

    var relapses: Bool {
        switch self {
        case .relapseThenDeath, .relapseAlive, .relapseThenLateDeath, .lateRelapseAlive: return true
        default: return false
        }
    }

    var dies: Bool {
        switch self {
        case .relapseThenDeath, .relapseThenLateDeath, .deathInRemission, .refractoryDeath: return true
        default: return false
        }
    }

    var reachesCR: Bool { self != .refractoryDeath && self != .refractoryAlive }
}
