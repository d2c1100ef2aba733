import ArgumentParser
import CGlibcMalloc
import Foundation
import YusuanIngest
import YusuanRender
import YusuanStats

/// glibc hands freed memory back to the kernel as soon as the top of the heap is free, and maps every block over
/// 128 KB (a file's bytes, its text) afresh: each document then grows the heap and faults its pages in again,
/// about 9,000 page faults on 200 real-size texts (5% of the time). Keeping up to 64 MB of freed memory (the
/// peak of one document per thread) costs nothing in peak memory and takes that to about 1,600.
private func keepFreedMemory() {
    _ = mallopt(M_TRIM_THRESHOLD, 64 << 20)
    _ = mallopt(M_TOP_PAD, 16 << 20)
    _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
}

@main
struct Yusuan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: toolName,
        abstract: "Read Chinese departmental budget and final-accounts disclosures (部门预算/决算), check them, compare them.",
        discussion: """
        Start with `yusuan ingest FILE_OR_FOLDER…` to see what yusuan reads off your documents, then `yusuan check` (do they add up?), `yusuan compare` (growth and mix over years), `yusuan outliers` (who is out of line across departments), and `yusuan report` / `yusuan chart` for something to circulate or publish.

        Reads .docx, .xlsx, PDF, HTML and extracted text, in UTF-8, UTF-16 or GB18030, simplified or traditional. Amounts are reported in 万元 whatever unit the document used; every figure names the file and line (page for PDF) it came from.

        Exit codes: 0 success; 1 some input failed (the others are still reported), or `check` found an error; 2 a metadata file (aliases, denominators, deflators) is bad; 64 usage error.
        """,
        subcommands: [IngestCommand.self, CheckCommand.self, CompareCommand.self, OutliersCommand.self, ChartCommand.self, ReportCommand.self, SynthCommand.self, NotebookCommand.self])

    /// The name subcommands give as their super-command (`_superCommandName`), which they are when they parse as
    /// the root: it names the tool in their usage, and it tells the parser that completion scripts are the root's.
    static let toolName = "yusuan"

    /// The command line parsed. A run names its subcommand first (`yusuan ingest …`), and that subcommand parses
    /// the rest as the root of its own tree. Parsing from `Yusuan` also builds every other subcommand's parser
    /// and tries the completion-script commands on the arguments: about 9 M instructions of reflection (some
    /// 4 ms) at the start of every run, the part of a run that no core can share. Whatever that parse does not
    /// accept (help, a bad option, a completion-script request) is parsed again from the root, so that messages
    /// and exit codes are the root's.
    static func parse(_ arguments: [String]) throws -> ParsableCommand {
        if let name = arguments.first,
           let sub = configuration.subcommands.first(where: { $0._commandName == name }),
           let command = try? sub.parseAsRoot(Array(arguments.dropFirst())) {
            return command
        }
        return try parseAsRoot(arguments)
    }

    static func main() {
        Stats.disableAbortingErrorHandler()
        keepFreedMemory()
        do {
            var command = try parse(Array(CommandLine.arguments.dropFirst()))
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                // Usage errors exit 64 (EX_USAGE), not ArgumentParser's default.
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(64)
            }
            exit(withError: error)
        }
    }
}

