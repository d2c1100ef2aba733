import ArgumentParser
import Foundation
import YusuanCollect
import YusuanIngest
import YusuanPipeline
import YusuanRead
import YusuanRender

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

enum IngestFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
    /// The decoded lines, as the extractor reads them.
    case lines
}

extension YusuanRender.Language: ExpressibleByArgument {}

/// Inputs and output options every analysis command shares.
struct InputOptions: ParsableArguments {
    @Argument(help: "Disclosure files or folders (searched recursively).")
    var paths: [String]

    @Option(help: "Output: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Language of the text: zh or en.")
    var lang: YusuanRender.Language = .zh

    @Option(help: ArgumentHelp("YAML mapping name variants to stable department ids.",
                               discussion: "Default: a departments.yaml in an input's folder or above it."))
    var aliases: String?

    @Option(help: ArgumentHelp("YAML of denominators (villages, communities …) with sources.",
                               discussion: "Default: a denominators.yaml in an input's folder or above it."))
    var denominators: String?

    @Option(help: ArgumentHelp("Only this department (an id, a name, or the end of a name such as 教育局).",
                               discussion: "Documents whose text names no department are taken to be this department's."))
    var department: String?

    @OptionGroup var reading: ReadingOptions

    mutating func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder") }
    }

    func load() throws -> Workspace {
        do {
            var w = try reading.withCache { cache in
                try Pipeline.load(paths: paths, aliasesPath: aliases, denominatorsPath: denominators, department: department,
                                  options: reading.options, cache: cache)
            }
            if let d = department { w = try Pipeline.restrict(w, to: d) }
            warnAbout(w.failures, unplaced: w.panel.unplaced)
            return w
        } catch {
            warn("\(error)")
            throw ExitCode(2)
        }
    }

    /// `load` and `Pipeline.check` in one: a check of an unchanged folder comes from the cache whole.
    func check() throws -> CheckRun {
        do {
            let run = try reading.withCache { cache in
                try Pipeline.check(paths: paths, aliasesPath: aliases, denominatorsPath: denominators, department: department,
                                   options: reading.options, cache: cache)
            }
            warnAbout(run.failures, unplaced: run.report.unplaced)
            return run
        } catch {
            warn("\(error)")
            throw ExitCode(2)
        }
    }

    private func warnAbout(_ failures: [IngestFailure], unplaced: [Unplaced]) {
        for f in failures { warn("\(f.description)") }
        for u in unplaced { warn("\(u.path): not placed in the panel: \(u.reason)") }
    }
}

/// How documents are read: shared by every command that reads them.
struct ReadingOptions: ParsableArguments {
    @Flag(help: ocrHelp)
    var ocr = false

    @Flag(help: ArgumentHelp("Read every file again instead of taking unchanged ones from the cache.",
                             discussion: "The cache of documents read is in $\(DocumentCache.environmentVariable), else $XDG_CACHE_HOME/yusuan, else ~/.cache/yusuan."))
    var noCache = false

    var options: ReadOptions { ReadOptions(ocr: ocr) }

    /// `body` with the user's document cache (none with --no-cache); a cache that could not be written is said once.
    func withCache<T>(_ body: (DocumentCache?) throws -> T) rethrows -> T {
        let cache = noCache ? nil : DocumentCache.standard()
        defer {
            if let problem = cache?.problem { warn("the document cache could not be written (\(problem)); unchanged files will be read again") }
        }
        return try body(cache)
    }
}

let ocrHelp = ArgumentHelp("Read PDFs without a text layer (scans) by OCR: tesseract with chi_sim (scripts/setup.sh --ocr installs it).",
                           discussion: "Figures read this way are marked \"ocr\" in their provenance, and a warning says OCR was used.")

func warn(_ s: String) {
    FileHandle.standardError.write(Data("yusuan: \(TerminalText.clean(s))\n".utf8))
}

