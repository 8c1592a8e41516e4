// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "surv",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "surv", targets: ["surv"]),
        .library(name: "SurvCore", targets: ["SurvCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Statistics: pure functions on columns. No I/O, no knowledge of the language.
        .target(name: "SurvCore"),
        // Columnar tables, CSV/TSV reading, type inference, bundled datasets; Stata, SPSS and SAS files through ReadStat.
        .target(name: "SurvData", dependencies: ["SurvCore", "CReadStat"], exclude: ["Bundled/export_bundled.R"]),
        // Lexer, parser, AST, diagnostics, and the checker that compiles a command against a schema into a typed plan.
        .target(name: "SurvLanguage", dependencies: ["SurvCore"]),
        // What commands produce, as plain values: the session returns them, the renderers draw them.
        .target(name: "SurvResults", dependencies: ["SurvCore"]),
        // Text and JSON rendering of result values.
        .target(name: "SurvRender", dependencies: ["SurvCore", "SurvResults"]),
        // Executes plans against the core and returns result values; owns the mutable session state.
        .target(name: "SurvSession", dependencies: ["SurvLanguage", "SurvData", "SurvCore", "SurvResults"]),
        // Notebooks (`*.surv.md`): parse, write, replay and compare, update outputs, journal, HTML export.
        .target(name: "SurvNotebook", dependencies: [
            "SurvSession", "SurvLanguage", "SurvResults", "SurvRender", "CCommonMark",
        ]),
        // Debian's cmark-gfm (CommonMark with GitHub's tables) behind one C function that owns its memory and options.
        .target(name: "CCommonMark", linkerSettings: [.linkedLibrary("cmark-gfm"), .linkedLibrary("cmark-gfm-extensions")]),
        // Debian's ReadStat (Stata, SPSS and SAS files) reading from memory the bytes surv has read, and a growing
        // buffer for its writers.
        .target(name: "CReadStat", linkerSettings: [.linkedLibrary("readstat")]),
        // Debian's libedit plus the C shims Swift cannot call directly (variadic el_set/history, completion globals).
        .target(name: "CLineEdit", linkerSettings: [.linkedLibrary("edit")]),
        // A small Swift wrapper over libedit: prompt, history file, completion.
        .target(name: "LineEditing", dependencies: ["CLineEdit"]),
        // The thin executable: argument parsing and the REPL loop.
        .executableTarget(name: "surv", dependencies: [
            "SurvSession", "SurvNotebook", "LineEditing",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Release-mode benchmarks (run with `make bench`), never timed unit tests.
        // lifelines_job.py is the same job in Python, run beside surv for comparison (never a dependency).
        .executableTarget(name: "SurvBench", dependencies: ["SurvCore", "SurvData", "SurvResults", "SurvRender", "SurvSession", "SurvNotebook"],
                          exclude: ["lifelines_job.py"]),
        // Scores a data set against a table of published numbers (the GRAALL cohort's targets).
        .target(name: "PublishedTargets", dependencies: ["SurvCore", "SurvData"]),
        // Rebuilds the reconstructed GRAALL cohort in examples/graall (a maintainer's tool: `make graall`).
        .executableTarget(name: "GraallGenerator", dependencies: ["PublishedTargets", "SurvCore", "SurvData"]),
        // libFuzzer target for the language front end, the session and the CSV reader (run with `make fuzz`).
        .executableTarget(name: "SurvFuzz", dependencies: ["SurvLanguage", "SurvData", "SurvSession", "SurvNotebook"]),

        .testTarget(name: "SurvCoreTests", dependencies: ["SurvCore"], resources: [.copy("Oracle")]),
        .testTarget(name: "SurvDataTests", dependencies: ["SurvData"], exclude: ["Reference"]),
        .testTarget(name: "SurvLanguageTests", dependencies: ["SurvLanguage"]),
        .testTarget(name: "SurvResultsTests", dependencies: ["SurvResults"]),
        .testTarget(name: "SurvRenderTests", dependencies: ["SurvRender", "SurvResults"], exclude: ["Golden"]),
        .testTarget(name: "SurvSessionTests", dependencies: ["SurvSession", "SurvRender"], exclude: ["Reference/session.R"], resources: [.copy("Reference/session.json")]),
        .testTarget(name: "SurvNotebookTests", dependencies: ["SurvNotebook"]),
        .testTarget(name: "LineEditingTests", dependencies: ["LineEditing"]),
        .testTarget(name: "survTests", dependencies: ["surv"]),
        .testTarget(name: "PublishedTargetsTests", dependencies: ["PublishedTargets", "SurvData"], exclude: ["Reference"]),
    ]
)
