import Foundation
import PublishedTargets

// The maintainer's tool behind examples/graall (not run by the tests):
//   GraallGenerator                 rebuild the cohort, write the CSV and the bundled Swift file
//   GraallGenerator check           rebuild it and say whether the committed files are what it gives
//   GraallGenerator embed           rewrite the bundled Swift file from the committed CSV and dictionary
//   GraallGenerator score           print every target beside the committed CSV's value
// Options: --iterations N, --seeds 1,2,3 (the defaults give the committed file).

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var generation = Generation()
var command = "generate"
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--iterations":
        guard let value = arguments.first.flatMap(Int.init), value > 0 else { fail("--iterations needs a positive number") }
        arguments.removeFirst()
        generation.iterations = value
    case "--seeds":
        let seeds = arguments.first?.split(separator: ",").compactMap { UInt64($0) } ?? []
        guard !seeds.isEmpty else { fail("--seeds needs numbers separated by commas") }
        arguments.removeFirst()
        generation.seeds = seeds
    case "generate", "check", "embed", "score":
        command = argument
    default:
        fail("unknown argument '\(argument)' (generate | check | embed | score, --iterations N, --seeds A,B)")
    }
}

do {
    let targets = try TargetsTable(contentsOf: RepositoryFiles.targets)
    switch command {
    case "embed":
        let bundled = try BundledSourceFile.text(csv: try RepositoryFiles.read(RepositoryFiles.cohort),
                                                 dictionary: try RepositoryFiles.read(RepositoryFiles.dictionary))
        try RepositoryFiles.write(bundled, to: RepositoryFiles.bundled)
        print("wrote \(RepositoryFiles.bundled.path)")
    case "score":
        let table = try SurvDataLoading.table(csv: try RepositoryFiles.read(RepositoryFiles.cohort))
        let scores = TargetScore.all(targets, on: TargetEvaluator(table: table))
        print(ScoreTable.text(scores))
    default:
        let patients = try generation.run(targets: targets)
        let csv = CohortTable.csv(patients)
        let scores = TargetScore.all(targets, on: TargetEvaluator(table: try CohortTable.dataTable(patients)))
        print(ScoreTable.text(scores))
        let costly = scores.filter { $0.loss > 0 }.sorted { $0.loss > $1.loss }.prefix(25)
        print("largest losses: " + costly.map { "\($0.target.id) \(String(format: "%.2f", $0.loss))" }.joined(separator: ", "))
        let missed = scores.filter { $0.target.match == .exact && !$0.isMet }
        guard missed.isEmpty else { fail("exact targets missed: " + missed.map(\.target.id).joined(separator: ", ")) }
        if command == "check" {
            let committed = try? RepositoryFiles.read(RepositoryFiles.cohort)
            guard committed == csv else { fail("the committed CSV differs from what the generator gives") }
            print("the committed CSV is what the generator gives")
        } else {
            try RepositoryFiles.write(csv, to: RepositoryFiles.cohort)
            let dictionary = (try? RepositoryFiles.read(RepositoryFiles.dictionary)) ?? ""
            try RepositoryFiles.write(try BundledSourceFile.text(csv: csv, dictionary: dictionary), to: RepositoryFiles.bundled)
            print("wrote \(RepositoryFiles.cohort.path) and \(RepositoryFiles.bundled.path)")
        }
    }
} catch {
    fail("\(error)")
}
