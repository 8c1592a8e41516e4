/// The 73 patients of the design (RECONSTRUCTION.md §4.2): the event budget of every group the paper
/// reports on, with a first placement of the times that already follows the forced Kaplan–Meier patterns
/// (§4.3) and anchors (§4.4). The optimiser starts from it.
enum CohortDesign {
    static func mrd(_ cls: MRDClass?, _ fate: Fate, response: Int = 1, hsct: Double? = nil,
                    relapse: Double? = nil, death: Double? = nil, last: Double? = nil) -> PatientDesign {
        PatientDesign(cohort: .mrd, subgroup: nil, mrdClass: cls, fate: fate, mrdResponse: response,
                      hsct: hsct != nil, cr: 0, hsctAt: hsct, relapse: relapse, death: death, last: last)
    }

    static func rel(_ subgroup: Subgroup, _ cls: MRDClass?, _ fate: Fate, response: Int?, cr: Double?, hsct: Double? = nil,
                    relapse: Double? = nil, death: Double? = nil, last: Double? = nil) -> PatientDesign {
        PatientDesign(cohort: .relapse, subgroup: subgroup, mrdClass: cls, fate: fate, mrdResponse: response,
                      hsct: hsct != nil, cr: cr, hsctAt: hsct, relapse: relapse, death: death, last: last)
    }

    static let patients: [PatientDesign] = mrdCohort + relapseCohort

    /// MRD+ cohort (35): 12 RFS events and 11 deaths before 3 years; 6 relapses, 4 of them in the MRD
    /// non-responders (2 with MRD >1%, 2 with 0.1-1%); 23 allogeneic HSCT in continuous CR.
    static let mrdCohort: [PatientDesign] = [
        // >1% (6): 4 RFS events and 4 deaths, no censoring before them (33% and 33%).
        mrd(.over1, .relapseThenDeath, response: 0, relapse: 2.5, death: 6.0),
        mrd(.over1, .relapseThenDeath, response: 0, relapse: 4.1, death: 11.5),
        mrd(.over1, .relapseThenDeath, hsct: 3.0, relapse: 8.2, death: 15.4),
        mrd(.over1, .deathInRemission, hsct: 3.4, death: 5.7),
        mrd(.over1, .alive, hsct: 2.8, last: 50.3),
        mrd(.over1, .alive, last: 42.1),
        // 0.1-1% (12): 5 events, 5 deaths (58% and 58%); the late death follows the cohort's censoring.
        mrd(.from01to1, .relapseThenDeath, response: 0, relapse: 5.0, death: 9.0),
        mrd(.from01to1, .relapseThenDeath, response: 0, relapse: 7.5, death: 32.4),
        mrd(.from01to1, .deathInRemission, hsct: 2.5, death: 6.5),
        mrd(.from01to1, .deathInRemission, hsct: 3.2, death: 12.8),
        mrd(.from01to1, .deathInRemission, hsct: 4.0, death: 30.9),
        mrd(.from01to1, .alive, hsct: 2.2, last: 38.1),
        mrd(.from01to1, .alive, hsct: 3.7, last: 40.2),
        mrd(.from01to1, .alive, hsct: 4.4, last: 44.0),
        mrd(.from01to1, .alive, hsct: 5.1, last: 47.5),
        mrd(.from01to1, .alive, hsct: 2.9, last: 52.6),
        mrd(.from01to1, .alive, last: 60.4),
        mrd(.from01to1, .alive, last: 70.2),
        // <0.1% (14): two deaths in remission, then one censoring, then a relapse the patient survives
        // (78% RFS needs exactly this order; 86% OS).
        mrd(.from001to01, .deathInRemission, hsct: 3.1, death: 8.8),
        mrd(.from001to01, .deathInRemission, hsct: 2.6, death: 16.3),
        mrd(.from001to01, .relapseAlive, hsct: 4.5, relapse: 33.2, last: 45.3),
        mrd(.from001to01, .censoredBeforeThreeYears, hsct: 3.3, last: 30.2),
        mrd(.from001to01, .alive, hsct: 2.0, last: 37.2),
        mrd(.from001to01, .alive, hsct: 3.9, last: 39.4),
        mrd(.from001to01, .alive, hsct: 4.8, last: 41.3),
        mrd(.from001to01, .alive, hsct: 5.5, last: 43.6),
        mrd(.from001to01, .alive, hsct: 2.4, last: 46.2),
        mrd(.from001to01, .alive, hsct: 6.0, last: 55.1),
        mrd(.from001to01, .alive, last: 64.5),
        // <0.01% (3): responders without events (RECONSTRUCTION.md I-13).
        mrd(.under001, .alive, last: 38.6),
        mrd(.under001, .alive, last: 49.0),
        mrd(.under001, .alive, last: 75.3),
        // Pre-blinatumomab MRD missing (3): responders without events.
        mrd(nil, .alive, hsct: 3.6, last: 40.8),
        mrd(nil, .alive, hsct: 4.1, last: 48.2),
        mrd(nil, .alive, last: 58.7),
    ]

    /// Relapse cohort (38): 24 deaths before 3 years and one at 40.7 months; 26 reach CR, 16 of whom have
    /// an RFS event before 3 years and one at 41.6 months of RFS; 12 HSCT in continuous CR.
    static let relapseCohort: [PatientDesign] = [
        // A: first relapse, in CR2 at blinatumomab (10): 3 RFS events and 2 deaths before any censoring.
        rel(.a, .over1, .relapseThenDeath, response: 0, cr: 1.5, relapse: 3.0, death: 4.0),
        rel(.a, .over1, .relapseThenDeath, response: 1, cr: 1.3, relapse: 4.3, death: 6.5),
        rel(.a, .under001, .relapseAlive, response: 1, cr: 1.5, hsct: 3.6, relapse: 6.1, last: 48.4),
        rel(.a, .from01to1, .lateRelapseAlive, response: 1, cr: 1.4, hsct: 4.0, relapse: 43.0, last: 56.0),
        rel(.a, .over1, .alive, response: 1, cr: 1.6, hsct: 3.5, last: 39.1),
        rel(.a, .under001, .alive, response: 1, cr: 1.7, last: 40.9),
        rel(.a, nil, .alive, response: nil, cr: 1.5, last: 44.8),
        rel(.a, nil, .alive, response: 1, cr: 1.2, hsct: 3.0, last: 51.3),
        rel(.a, .from001to01, .alive, response: 1, cr: 1.8, last: 62.0),
        rel(.a, nil, .alive, response: 1, cr: 1.4, hsct: 4.4, last: 70.5),
        // B: second or later relapse, in CR at blinatumomab (5); the one lost to follow-up is the early
        // censoring that CR2+ OS (66%), relapse-cohort OS (35%) and the 10.3-month median need.
        rel(.b, .over1, .relapseThenDeath, response: 0, cr: 1.5, relapse: 2.5, death: 3.0),
        rel(.b, .over1, .relapseThenDeath, response: 1, cr: 1.3, relapse: 3.5, death: 5.0),
        rel(.b, .over1, .relapseThenDeath, response: 1, cr: 1.6, hsct: 4.1, relapse: 17.6, death: 19.5),
        rel(.b, nil, .lost, response: 1, cr: 1.4, last: 7.0),
        rel(.b, .under001, .alive, response: 1, cr: 1.7, hsct: 3.8, last: 38.3),
        // C1: first relapse, overt, CR after blinatumomab (9): 8 RFS events, then the last one censored.
        rel(.c1, nil, .relapseThenDeath, response: 0, cr: 1.2, relapse: 5.2, death: 8.9),
        rel(.c1, nil, .relapseThenDeath, response: 1, cr: 2.5, relapse: 7.3, death: 10.1),
        rel(.c1, nil, .relapseThenDeath, response: 1, cr: 1.8, hsct: 4.5, relapse: 7.3, death: 12.5),
        rel(.c1, nil, .relapseThenDeath, response: 1, cr: 3.0, hsct: 5.0, relapse: 9.7, death: 15.8),
        rel(.c1, nil, .relapseThenDeath, response: 1, cr: 1.0, relapse: 10.0, death: 24.2),
        rel(.c1, nil, .relapseThenDeath, response: 1, cr: 2.2, hsct: 5.5, relapse: 16.8, death: 33.0),
        rel(.c1, nil, .relapseThenLateDeath, response: 1, cr: 1.6, hsct: 4.2, relapse: 21.6, death: 40.7),
        rel(.c1, nil, .relapseAlive, response: 1, cr: 2.8, hsct: 6.0, relapse: 27.8, last: 52.4),
        rel(.c1, nil, .censoredBeforeThreeYears, response: 1, cr: 2.0, last: 31.0),
        // C0: first relapse, overt, no CR (5).
        rel(.c0, nil, .refractoryDeath, response: nil, cr: nil, death: 2.2),
        rel(.c0, nil, .refractoryDeath, response: nil, cr: nil, death: 3.8),
        rel(.c0, nil, .refractoryDeath, response: nil, cr: nil, death: 5.8),
        rel(.c0, nil, .refractoryDeath, response: nil, cr: nil, death: 7.4),
        rel(.c0, nil, .refractoryAlive, response: nil, cr: nil, last: 45.5),
        // D1: second or later relapse, overt, CR after blinatumomab (2).
        rel(.d1, nil, .relapseThenDeath, response: 0, cr: 1.5, relapse: 3.5, death: 9.6),
        rel(.d1, nil, .relapseThenDeath, response: 1, cr: 2.0, relapse: 5.1, death: 10.3),
        // D0: second or later relapse, overt, no CR (7).
        rel(.d0, nil, .refractoryDeath, response: nil, cr: nil, death: 1.2),
        rel(.d0, nil, .refractoryDeath, response: nil, cr: nil, death: 1.9),
        rel(.d0, nil, .refractoryDeath, response: nil, cr: nil, death: 2.6),
        rel(.d0, nil, .refractoryDeath, response: nil, cr: nil, death: 3.3),
        rel(.d0, nil, .refractoryDeath, response: nil, cr: nil, death: 4.4),
        rel(.d0, nil, .refractoryDeath, response: nil, cr: nil, death: 5.2),
        rel(.d0, nil, .refractoryDeath, response: nil, cr: nil, death: 6.1),
    ]
}
