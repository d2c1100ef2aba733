import ArgumentParser
import Foundation
import YusuanNotebook
import YusuanRead
import YusuanRender

struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        _superCommandName: Yusuan.toolName,
        abstract: "Executable Markdown notebooks: re-run their `$ yusuan …` blocks, or check that they are current.",
        discussion: """
        A fenced block whose first line is `$ yusuan …` is a command; the ```text block after it holds its output.
        Commands run from the current folder (run from the repository root). Charts go where their --out says
        (notebooks-md/figures/ in the bundled notebooks).
        """,
        subcommands: [Run.self, Check.self])

    struct Run: ParsableCommand {
        // Named here: a name worked out from the type's name costs millions of instructions of reflection a run.
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run every command and write its output into the notebook (atomically). Exit 1 if a command failed.")

        @Argument(help: "Notebook files.")
        var files: [String]

        @Flag(help: "Let blocks write (--out) outside the notebook's folder.")
        var allowWritesOutside = false

        func run() throws {
            try NotebookCommand.enterOnce()
            var failed = false
            for file in files {
                let nb = try NotebookCommand.load(file)
                let (text, bad) = NotebookRunner.run(nb) {
                    NotebookCommand.execute($0, notebook: file, allowOutside: allowWritesOutside, redirectOut: false).result
                }
                try AtomicFile.write(text, to: file)
                for line in bad { warn("\(file):\(line): the command failed; its error is in the notebook") }
                failed = failed || !bad.isEmpty
                print("\(file): \(nb.commands.count) commands run")
            }
            if failed { throw ExitCode(1) }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Re-run every command into memory and fail, naming the block, if any output or chart differs.")

        @Argument(help: "Notebook files.")
        var files: [String]

        func run() throws {
            try NotebookCommand.enterOnce()
            var problems = 0
            for file in files {
                let nb = try NotebookCommand.load(file)
                let found = NotebookRunner.check(nb) { NotebookCommand.execute($0, notebook: file, allowOutside: true, redirectOut: true).result }
                for p in found { warn("\(file): \(p)") }
                problems += found.count
                if found.isEmpty { print("\(file): \(nb.commands.count) commands, all outputs current") }
            }
            if problems > 0 { throw ExitCode(1) }
        }
    }

    static let depthVariable = "YUSUAN_NOTEBOOK_DEPTH"

    /// A notebook's blocks never run notebooks: a block running its own notebook would fork without end.
    /// Blocks are refused `notebook` outright; the variable is the guard behind that, for any other way in.
    static func enterOnce() throws {
        if ProcessInfo.processInfo.environment[depthVariable] != nil {
            warn("a notebook's command cannot run notebooks (it could run itself without end)")
            throw ExitCode(1)
        }
        setenv(depthVariable, "1", 1)
    }

    static func load(_ file: String) throws -> Notebook {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            warn("\(file): cannot read the notebook")
            throw ExitCode(1)
        }
        do { return try Notebook(text: text) } catch {
            warn("\(file): \(error)")
            throw ExitCode(1)
        }
    }

    /// Runs this same executable with `arguments`. With `redirectOut`, an `--out PATH` goes to a temporary
    /// place instead and what it writes is compared with PATH: a difference shows in the output.
    /// Outputs stay under the notebook's folder unless `allowOutside`; `notebook check` writes nothing at all.
    static func execute(_ arguments: [String], notebook: String, allowOutside: Bool, redirectOut: Bool) -> (result: NotebookRunner.Result, Void) {
        if arguments.first == "notebook" {
            return (NotebookRunner.Result(output: "a notebook cannot run `yusuan notebook` (it could run itself without end)\n", status: 1), ())
        }
        // "--out=PATH" is the same option as "--out PATH": one spelling to redirect and to confine.
        var args = arguments.flatMap { a -> [String] in a.hasPrefix("--out=") ? ["--out", String(a.dropFirst(6))] : [a] }
        let outs = args.indices.filter { args[$0] == "--out" && $0 + 1 < args.count }
        if !allowOutside, !redirectOut {
            let home = resolved((notebook as NSString).deletingLastPathComponent.isEmpty ? "." : (notebook as NSString).deletingLastPathComponent)
            for i in outs where !isInside(resolved(args[i + 1]), home) {
                return (NotebookRunner.Result(output: "--out \(args[i + 1]) is outside the notebook's folder: refused (run with --allow-writes-outside to allow it)\n", status: 1), ())
            }
        }
        var original: String?
        var temp: String?
        let tempDir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-nb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tempDir) }
        if redirectOut, let i = outs.last {
            original = args[i + 1]
            try? FileManager.default.createDirectory(at: tempDir, withIntermediateDirectories: true)
            temp = tempDir.appendingPathComponent((args[i + 1] as NSString).lastPathComponent).path
            for j in outs { args[j + 1] = temp! }
        }
        var text: String
        let status: Int32
        switch Subprocess.run("/proc/self/exe", args) {
        case .success(let o):
            // Standard output, then standard error: a fixed order, so outputs are the same on every run.
            text = String(decoding: o.stdout, as: UTF8.self) + String(decoding: o.stderr, as: UTF8.self)
            status = o.status
        case .failure(let f):
            return (NotebookRunner.Result(output: "cannot run yusuan: \(f)\n", status: 127), ())
        }
        if let o = original, let t = temp {
            text = text.replacingOccurrences(of: t, with: o)
            for diff in differences(written: t, stored: o) { text += "[\(diff)]\n" }
        }
        return (NotebookRunner.Result(output: text, status: status), ())
    }

    /// An absolute path with symlinks resolved as far as the path exists, and "." and ".." removed.
    static func resolved(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardized.path
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing), existing != "/" {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        let real = realpath(existing, nil).map { p in defer { free(p) }; return String(cString: p) } ?? existing
        return rest.reduce(real) { ($0 as NSString).appendingPathComponent($1) }
    }

    static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// Files (or a folder's files) that differ between what was just written and what the notebook's folder holds.
    static func differences(written: String, stored: String) -> [String] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: written, isDirectory: &isDir) else { return [] }
        if !isDir.boolValue {
            return fm.contents(atPath: written) == fm.contents(atPath: stored) ? [] : ["\(stored) differs from what the command writes now"]
        }
        var out: [String] = []
        for rel in (fm.enumerator(atPath: written)?.allObjects as? [String] ?? []).sorted() {
            let a = (written as NSString).appendingPathComponent(rel), b = (stored as NSString).appendingPathComponent(rel)
            var d: ObjCBool = false
            if fm.fileExists(atPath: a, isDirectory: &d), !d.boolValue, fm.contents(atPath: a) != fm.contents(atPath: b) {
                out.append("\(b) differs from what the command writes now")
            }
        }
        return out
    }
}
