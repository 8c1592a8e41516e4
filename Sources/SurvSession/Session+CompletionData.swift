import SurvData

extension Session {
    /// Columns coded as events (0/1, 1/2, true/false, yes/no), in dataset order: what `endpoint TIME, _` offers.
    public var eventColumnNames: [String] {
        table?.columns.filter(SurvivalOutcome.canBeEvent).map(\.name) ?? []
    }
}
