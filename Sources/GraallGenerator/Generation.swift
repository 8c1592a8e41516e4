import Foundation
import PublishedTargets

/// The whole reconstruction: design, baseline, annealing from several seeds, finishing touches. The same
/// settings give the same cohort, byte for byte.
struct Generation {
    var seeds: [UInt64] = [1, 2, 3, 4]
    var iterations = 90_000
    /// Anneals in rounds, each starting again from the best cohort so far at half the previous round's
    /// temperature: a round that froze in a poor corner gets another chance.
    var rounds = 3
    var hot = 3.0
    var cold = 0.005
    var log: (String) -> Void = { print($0) }

    func run(targets: TargetsTable) throws -> [Patient] {
        var best: (patients: [Patient], loss: Double, seed: UInt64)?
        for seed in seeds {
            var random = SeededRandom(seed: seed)
            var start = try InitialPlacement.patients()
            BaselineSkeleton.deal(&start, random: &random)
            var annealer = Annealer(targets: targets, seed: seed &* 7919)
            var patients = start, loss = Double.infinity
            for round in 0..<rounds {
                let temperature = hot * Foundation.pow(0.5, Double(round))
                (patients, loss) = annealer.run(from: patients, iterations: iterations / rounds, hot: temperature, cold: cold) { step, current, best in
                    log("seed \(seed) round \(round + 1) step \(step): loss \(String(format: "%.2f", current)) (best \(String(format: "%.2f", best)))")
                }
            }
            log("seed \(seed): best loss \(String(format: "%.3f", loss))")
            // Ties go to the earlier seed, so the choice never depends on the order runs finish in.
            if best == nil || loss < best?.loss ?? .infinity { best = (patients, loss, seed) }
        }
        guard var patients = best?.patients else { return [] }
        log("keeping seed \(best?.seed ?? 0)")
        var random = SeededRandom(seed: 20_220_310)
        FinishingTouches.apply(&patients, random: &random)
        return patients
    }
}
