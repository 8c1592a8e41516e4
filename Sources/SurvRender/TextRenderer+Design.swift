import SurvResults

extension TextRenderer {
    func landmark(_ r: LandmarkReport) -> String {
        let unit = r.intervals ? "interval" : "row"
        guard let time = r.time else { return "landmark none: \(Wording.count(r.kept, unit)), times from the start of follow-up" }
        let t = format.data(time)
        let kept = r.intervals ? "\(Wording.count(r.kept, unit)) ending beyond \(t) kept (any open at \(t) now start there)"
                               : "\(Wording.count(r.kept, unit)) followed event-free beyond \(t) kept"
        return TextWrap.wrap("landmark at \(t): \(kept), \(r.dropped) dropped; times now count from \(t)", hanging: "  ")
    }

    func censor(_ r: CensorReport) -> String {
        guard let expression = r.expression else { return "censor none: follow-up ends at the endpoint's time" }
        let events = r.eventsRemoved > 0 ? " (\(Wording.count(r.eventsRemoved, "event")) after it no longer \(r.eventsRemoved == 1 ? "counts" : "count"))" : ""
        let dropped = r.dropped > 0 ? ", \(r.dropped) starting at or after it left out" : ""
        return TextWrap.wrap("censor at \(expression): \(Wording.count(r.censored, r.intervals ? "interval" : "row")) censored there\(dropped)\(events)",
                             hanging: "  ")
    }
}

extension TextRenderer {
    func split(_ r: SplitReport) -> String {
        TextWrap.wrap("split \(r.name): \(Wording.count(r.subjects, "row")) into \(Wording.count(r.intervals, "interval")), "
                      + "\(r.switched) switched during follow-up; " + keptPart(r.kept) + "endpoint \(r.endpoint)", hanging: "  ")
    }

    private func keptPart(_ kept: SplitReport.Counts?) -> String {
        guard let kept else { return "" }
        return "the filter keeps \(Wording.count(kept.subjects, "row")): \(Wording.count(kept.intervals, "interval")), \(kept.switched) switched; "
    }
}
