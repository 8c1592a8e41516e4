import SurvResults

extension TextRenderer {
    func landmark(_ r: LandmarkReport) -> String {
        guard let time = r.time else { return "landmark none: \(Wording.count(r.kept, "row")), times from the start of follow-up" }
        return TextWrap.wrap("landmark at \(format.data(time)): \(Wording.count(r.kept, "row")) followed event-free beyond \(format.data(time)) kept, "
                             + "\(r.dropped) dropped; times now count from \(format.data(time))", hanging: "  ")
    }

    func censor(_ r: CensorReport) -> String {
        guard let expression = r.expression else { return "censor none: follow-up ends at the endpoint's time" }
        let events = r.eventsRemoved > 0 ? " (\(Wording.count(r.eventsRemoved, "event")) after it no longer \(r.eventsRemoved == 1 ? "counts" : "count"))" : ""
        return TextWrap.wrap("censor at \(expression): \(Wording.count(r.censored, "row")) censored there\(events)", hanging: "  ")
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
