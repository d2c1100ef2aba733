import ArgumentParser
import Foundation
import YusuanRender
import YusuanSynth

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        _superCommandName: Yusuan.toolName,
        abstract: "Make a synthetic example district (示例数据) in every format yusuan reads, with a manifest of true figures.",
        discussion: """
        Deterministic: the same options give the same bytes. Every document says in its title that it is example data,
        and yusuan's reports and charts of it say so too.

        Example:
          yusuan synth --departments 30 --years 2016-2023 --seed 7 --out datasets/example-district
        """)

    @Option(help: "Number of departments (3–300).")
    var departments: Int = 30

    @Option(help: "Fiscal years, e.g. 2016-2023.")
    var years: String = "2016-2023"

    @Option(help: "Random seed.")
    var seed: UInt64 = 7

    @Option(help: "Folder to write to (created; files in it are replaced).")
    var out: String

    func parsedYears() throws -> ClosedRange<Int> {
        let parts = years.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let a = parts[0], let b = parts[1], a <= b else {
            throw ValidationError("--years must look like 2016-2023 (first year, a dash, last year)")
        }
        return a...b
    }

    mutating func validate() throws {
        do { try Synth.validate(SynthOptions(departments: departments, years: try parsedYears(), seed: seed)) }
        catch let e as SynthError { throw ValidationError(e.description) }
    }

    func run() throws {
        let output: SynthOutput
        do {
            output = try Synth.generate(SynthOptions(departments: departments, years: try parsedYears(), seed: seed))
        } catch let e as SynthError {
            throw ValidationError(e.description)
        }
        // Staged whole, the manifest of true figures moved in last: a run killed mid-way never looks complete.
        do { try OutputFolder.write(output.files, to: out, last: ["manifest.json"]) } catch {
            warn(error.description)
            throw ExitCode(1)
        }
        print("wrote \(output.files.count) files to \(out) (示例数据 · synthetic example data)")
    }
}
