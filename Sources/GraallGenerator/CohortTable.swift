import SurvData

/// The columns of the published file, each defined once: the same definitions give the optimiser its data
/// table and the maintainer the CSV, so what is scored is exactly what is written.
enum CohortTable {
    enum Cell {
        case int(Int?)
        /// A time in tenths of a month, written with one decimal.
        case tenths(Int?)
        /// Written in the shortest form that reads back as the same number.
        case decimal(Double?)
        /// Written with one decimal, as Table 1 prints white cell counts.
        case oneDecimal(Double?)
        case text(String?)
    }

    struct Definition: Sendable {
        let name: String
        let isText: Bool
        let cell: @Sendable (Patient) -> Cell
    }

    static func flag(_ b: Bool) -> Cell { .int(b ? 1 : 0) }

    static let columns: [Definition] = [
        Definition(name: "id", isText: true) { .text($0.id) },
        Definition(name: "synthetic", isText: false) { _ in .int(1) },
        Definition(name: "cohort", isText: true) { .text($0.cohort.rawValue) },
        Definition(name: "age", isText: false) { .int($0.age) },
        Definition(name: "sex", isText: true) { .text($0.sex) },
        Definition(name: "wbc", isText: false) { .oneDecimal($0.wbc) },
        Definition(name: "cyto", isText: true) { .text($0.cyto.rawValue) },
        Definition(name: "high_risk_cyto", isText: false) { flag($0.cyto.highRisk) },
        Definition(name: "ikzf1_del", isText: false) { .int($0.ikzf1) },
        Definition(name: "disease_status", isText: true) { p in
            .text(p.design.subgroup.map { $0.firstRelapse ? "first relapse" : "second+ relapse" } ?? "CR1")
        },
        Definition(name: "n_relapses", isText: false) { .int($0.nRelapses) },
        Definition(name: "prior_hsct", isText: false) { flag($0.priorHSCT) },
        Definition(name: "cr_at_blin", isText: false) { p in flag(p.cohort == .mrd || p.design.subgroup?.inCRAtBlinatumomab == true) },
        Definition(name: "rel_subgroup", isText: true) { .text($0.design.subgroup?.rawValue) },
        Definition(name: "bm_blasts", isText: false) { .int($0.bmBlasts) },
        Definition(name: "extramedullary_only", isText: false) { .int($0.extramedullaryOnly) },
        Definition(name: "mrd_pct", isText: false) { .decimal($0.mrdPercent) },
        Definition(name: "mrd_class", isText: true) { .text($0.mrdClass?.threeClassLabel) },
        Definition(name: "mrd_class4", isText: true) { .text($0.mrdClass?.rawValue) },
        Definition(name: "mrd", isText: false) { .int($0.mrdClass?.level) },
        Definition(name: "start_dose", isText: false) { .int($0.startDose) },
        Definition(name: "dex_premed", isText: false) { .int($0.dexPremed) },
        Definition(name: "dex_total_mg", isText: false) { .int($0.dexTotalMg) },
        Definition(name: "cycles", isText: false) { .int($0.cycles) },
        Definition(name: "cr_after_blin", isText: false) { flag($0.design.fate.reachesCR) },
        Definition(name: "mrd_response", isText: false) { .int($0.design.mrdResponse) },
        Definition(name: "cr_months", isText: false) { .tenths($0.rfsOrigin) },
        Definition(name: "hsct", isText: false) { flag($0.hsct) },
        Definition(name: "hsct_months", isText: false) { .tenths($0.hsctTime) },
        Definition(name: "relapse", isText: false) { flag($0.relapseTime != nil) },
        Definition(name: "relapse_months", isText: false) { .tenths($0.relapseTime) },
        Definition(name: "death", isText: false) { flag($0.deathTime != nil) },
        Definition(name: "death_months", isText: false) { .tenths($0.deathTime) },
        Definition(name: "last_fu_months", isText: false) { .tenths($0.osTime) },
        Definition(name: "lost_to_fu", isText: false) { flag($0.design.fate == .lost) },
        Definition(name: "os_months", isText: false) { .tenths($0.osTime) },
        Definition(name: "os_event", isText: false) { flag($0.osEvent) },
        Definition(name: "rfs_months", isText: false) { .tenths($0.rfsTime) },
        Definition(name: "rfs_event", isText: false) { p in .int(p.rfsOrigin == nil ? nil : (p.rfsEvent ? 1 : 0)) },
        Definition(name: "rfs_hc_months", isText: false) { .tenths($0.transplantCensoredRFS?.time) },
        Definition(name: "rfs_hc_event", isText: false) { p in .int(p.transplantCensoredRFS.map { $0.event ? 1 : 0 }) },
        Definition(name: "os_hc_months", isText: false) { .tenths($0.transplantCensoredOS.time) },
        Definition(name: "os_hc_event", isText: false) { flag($0.transplantCensoredOS.event) },
        Definition(name: "rfs73_months", isText: false) { p in p.rfsOrigin == nil ? .decimal(0.01) : .tenths(p.rfsTime) },
        Definition(name: "rfs73_event", isText: false) { p in flag(p.rfsOrigin == nil || p.rfsEvent) },
        Definition(name: "blin_start_date", isText: true) { .text($0.startDay.map(CalendarDay.text)) },
        Definition(name: "blin_year", isText: false) { .int($0.startDay.map(CalendarDay.year)) },
    ]

    static func dataTable(_ patients: [Patient]) throws -> DataTable {
        try DataTable(name: "graall", columns: columns.map { definition in
            if definition.isText {
                return Column(name: definition.name, texts: patients.map { p in
                    if case .text(let s) = definition.cell(p) { return s }
                    return nil
                })
            }
            return Column(name: definition.name, numbers: patients.map { number(definition.cell($0)) })
        })
    }

    static func number(_ cell: Cell) -> Double? {
        switch cell {
        case .int(let x): return x.map(Double.init)
        case .tenths(let t): return t.map { Double($0) / 10 }
        case .decimal(let x), .oneDecimal(let x): return x
        case .text: return nil
        }
    }

    /// The CSV text: a header, one line per patient, LF line ends, empty fields for missing values. No
    /// value holds a comma or a quote, so nothing is quoted.
    static func csv(_ patients: [Patient]) -> String {
        var lines = [columns.map(\.name).joined(separator: ",")]
        for p in patients {
            lines.append(columns.map { text($0.cell(p)) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func text(_ cell: Cell) -> String {
        switch cell {
        case .int(let x): return x.map(String.init) ?? ""
        case .tenths(let t):
            guard let t else { return "" }
            return "\(t / 10).\(t % 10)"
        case .decimal(let x):
            guard let x else { return "" }
            if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
            return "\(x)"
        case .oneDecimal(let x):
            guard let x else { return "" }
            let tenths = Int((x * 10).rounded())
            return "\(tenths / 10).\(tenths % 10)"
        case .text(let s): return s ?? ""
        }
    }
}

extension Patient {
    /// RFS censored at an allogeneic HSCT in continuous CR (the paper's sensitivity analysis).
    var transplantCensoredRFS: (time: Int, event: Bool)? {
        guard let origin = rfsOrigin, let rfs = rfsTime else { return nil }
        if hsct, let h = hsctTime { return (h - origin, false) }
        return (rfs, rfsEvent)
    }

    var transplantCensoredOS: (time: Int, event: Bool) {
        if hsct, let h = hsctTime { return (h, false) }
        return (osTime, osEvent)
    }
}
