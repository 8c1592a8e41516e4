/// Per row, its influence on the concordance's three pair counts (R's imat columns 1–3). A pair is an event and
/// a row at risk at its time; each row adds up, over the pairs it belongs to, the weight of those in which the
/// row at risk has the greater predictor, the smaller, and an equal one.
struct ConcordanceInfluence {
    let greater: UnsafeMutableBufferPointer<Double>
    let less: UnsafeMutableBufferPointer<Double>
    let equal: UnsafeMutableBufferPointer<Double>

    init(rows n: Int) {
        greater = .allocate(capacity: n)
        less = .allocate(capacity: n)
        equal = .allocate(capacity: n)
        greater.initialize(repeating: 0)
        less.initialize(repeating: 0)
        equal.initialize(repeating: 0)
    }

    func deallocate() {
        greater.deallocate()
        less.deallocate()
        equal.deallocate()
    }
}
