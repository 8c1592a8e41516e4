/// A patient's place in the design: cohort, subgroup, MRD class, fate and response — everything the
/// published counts fix — with the times a first placement starts from (months; the optimiser moves them).
struct PatientDesign {
    let cohort: Cohort
    let subgroup: Subgroup?
    /// The pre-blinatumomab MRD class; nil where it is missing (3 MRD+, 4 CR2+ patients) or the patient
    /// was in overt relapse.
    let mrdClass: MRDClass?
    let fate: Fate
    /// Complete MRD response: nil when not evaluable.
    let mrdResponse: Int?
    let hsct: Bool
    var cr: Double? = nil
    var hsctAt: Double? = nil
    var relapse: Double? = nil
    var death: Double? = nil
    var last: Double? = nil

    var isMRDNonResponder: Bool { mrdResponse == 0 }
}
