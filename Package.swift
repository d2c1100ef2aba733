// swift-tools-version:6.0
import PackageDescription

// Modules follow the data flow in DESIGN.md:
// read (bytes → blocks) → extract (blocks → Disclosure) → collect → analyse → render.
// The executable only wires them.
let package = Package(
    name: "yusuan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "yusuan", targets: ["yusuan"]),
        // Everything but the command line, for other Swift code (and the benchmarks package).
        .library(name: "YusuanKit", targets: ["YusuanModel", "YusuanRead", "YusuanExtract", "YusuanStats", "YusuanIngest",
                                              "YusuanCollect", "YusuanAnalyse", "YusuanPipeline", "YusuanRender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // GSL through pkg-config; only YusuanStats imports it.
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        // zlib's raw inflate, for reading zip entries with bounds of our own.
        .systemLibrary(name: "CYusuanZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // SHA-256 of every input file, with the CPU's SHA instructions where it has them.
        .target(name: "CYusuanCrypto"),
        // Shared libraries opened when a document first needs them (dlopen), not linked: most runs need neither of
        // the two below, whose loading cost more than the rest of a start. Their headers stay (libxml2-dev, libopencc-dev).
        .target(name: "CYusuanLoad"),
        // libxml2's HTML parser, for government web pages (and XML parts not in UTF-8).
        .target(name: "CLibXML2", dependencies: ["CYusuanLoad"]),
        // OpenCC, for traditional → simplified Chinese.
        .target(name: "COpenCC", dependencies: ["CYusuanLoad"]),
        // glibc's mallopt, for the executable's memory tuning (malloc.h is not in Swift's Glibc module).
        .systemLibrary(name: "CGlibcMalloc"),
        // Plain value types shared by every stage: the Disclosure and its parts.
        .target(name: "YusuanModel"),
        // Bytes → decoded, normalised lines → paragraphs and tables with line numbers.
        .target(name: "YusuanRead", dependencies: ["YusuanModel", "CLibXML2", "COpenCC", "CYusuanZlib", "CYusuanCrypto"]),
        // Blocks → Disclosure (identity, figures with provenance, tables, warnings).
        .target(name: "YusuanExtract", dependencies: ["YusuanModel", "YusuanRead"]),
        // The one owner of every GSL call.
        .target(name: "YusuanStats", dependencies: ["CGSL"]),
        // Many Disclosures → Panel: department × year × kind, names resolved, prior years derived.
        .target(name: "YusuanCollect", dependencies: ["YusuanModel", .product(name: "Yams", package: "Yams")]),
        // Panel → growth, mix, unit costs, outliers (GSL), findings (checks), execution.
        .target(name: "YusuanAnalyse", dependencies: ["YusuanModel", "YusuanCollect", "YusuanStats", .product(name: "Yams", package: "Yams")]),
        // Paths → files → Disclosures or per-file errors, on every core, through the document cache.
        .target(name: "YusuanIngest", dependencies: ["YusuanModel", "YusuanRead", "YusuanExtract", "CYusuanZlib"]),
        // Synthetic example districts: documents in every format yusuan reads, with a manifest of true figures.
        .target(name: "YusuanSynth", dependencies: ["YusuanModel", "YusuanRead", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Executable Markdown notebooks: `$ yusuan …` blocks re-run, outputs written back or checked.
        .target(name: "YusuanNotebook"),
        // The library entry points the commands call: paths → panel → analysis, with metadata files found.
        .target(name: "YusuanPipeline", dependencies: ["YusuanIngest", "YusuanCollect", "YusuanAnalyse", "YusuanModel", "YusuanRead"]),
        // Disclosures → JSON (the contract) and readable text.
        .target(name: "YusuanRender", dependencies: ["YusuanModel", "YusuanIngest", "YusuanCollect", "YusuanAnalyse", "YusuanPipeline"]),
        .executableTarget(name: "yusuan", dependencies: [
            "YusuanIngest", "YusuanCollect", "YusuanAnalyse", "YusuanPipeline", "YusuanRender", "YusuanStats", "YusuanSynth", "YusuanNotebook", "YusuanRead", "CGlibcMalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "YusuanReadTests", dependencies: ["YusuanRead", "YusuanModel"]),
        .testTarget(name: "YusuanExtractTests", dependencies: ["YusuanExtract", "YusuanRead", "YusuanModel"], exclude: ["Fixtures"]),
        .testTarget(name: "YusuanStatsTests", dependencies: ["YusuanStats"], exclude: ["Fixtures"]),
        .testTarget(name: "YusuanCollectTests", dependencies: ["YusuanCollect", "YusuanIngest", "YusuanModel"]),
        .testTarget(name: "YusuanAnalyseTests", dependencies: ["YusuanAnalyse", "YusuanCollect", "YusuanIngest", "YusuanModel", "YusuanStats", "YusuanPipeline"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "YusuanRenderTests", dependencies: ["YusuanRender", "YusuanPipeline", "YusuanCollect", "YusuanIngest", "YusuanModel"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "YusuanNotebookTests", dependencies: ["YusuanNotebook"]),
        .testTarget(name: "YusuanSynthTests", dependencies: ["YusuanSynth", "YusuanPipeline", "YusuanAnalyse", "YusuanCollect", "YusuanIngest", "YusuanModel"]),
        .testTarget(name: "YusuanIngestTests", dependencies: ["YusuanIngest", "YusuanRender", "YusuanModel", "YusuanRead",
                                                        .product(name: "ZIPFoundation", package: "ZIPFoundation")], exclude: ["Fixtures"]),
    ]
)
