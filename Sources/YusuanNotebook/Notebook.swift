import Foundation

/// A Markdown notebook: fenced blocks whose first line is `$ yusuan …` are commands; the fenced block that
/// follows a command (a ```text block, blank lines between allowed) holds its output.
public struct Notebook: Sendable, Equatable {
    public struct Command: Sendable, Equatable {
        /// 1-based line of the command in the file.
        public var line: Int
        /// The arguments after `yusuan`.
        public var arguments: [String]
        /// Lines of the output block, nil when the notebook has none yet.
        public var output: String?
        /// Where the command block ends (index into `lines`, exclusive) and the output block spans, if any.
        var commandEnd: Int
        var outputRange: Range<Int>?
    }

    public var lines: [String]
    public var commands: [Command]

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public init(text: String) throws(ParseError) {
        lines = text.components(separatedBy: "\n")
        commands = []
        var i = 0
        func fenceLength(_ s: String) -> Int? {
            let t = s.drop(while: { $0 == " " })
            let n = t.prefix(while: { $0 == "`" }).count
            return n >= 3 ? n : nil
        }
        while i < lines.count {
            guard let n = fenceLength(lines[i]) else { i += 1; continue }
            let open = i
            var j = i + 1
            while j < lines.count, !(fenceLength(lines[j]).map { $0 >= n } ?? false && lines[j].trimmingCharacters(in: .whitespaces).allSatisfy { $0 == "`" }) { j += 1 }
            guard j < lines.count else { throw ParseError(description: "line \(open + 1): a code block is never closed") }
            let body = Array(lines[(open + 1)..<j])
            if let first = body.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
               first.trimmingCharacters(in: .whitespaces).hasPrefix("$ yusuan") {
                let commandLine = first.trimmingCharacters(in: .whitespaces).dropFirst(2)
                let args = try Notebook.split(String(commandLine))
                var command = Command(line: open + 2, arguments: Array(args.dropFirst()), output: nil, commandEnd: j + 1, outputRange: nil)
                // The output block: the next fence after blank lines.
                var k = j + 1
                while k < lines.count, lines[k].trimmingCharacters(in: .whitespaces).isEmpty { k += 1 }
                if k < lines.count, let m = fenceLength(lines[k]), lines[k].contains("text") {
                    var e = k + 1
                    while e < lines.count, !(fenceLength(lines[e]).map { $0 >= m } ?? false && lines[e].trimmingCharacters(in: .whitespaces).allSatisfy { $0 == "`" }) { e += 1 }
                    guard e < lines.count else { throw ParseError(description: "line \(k + 1): an output block is never closed") }
                    command.output = lines[(k + 1)..<e].joined(separator: "\n")
                    command.outputRange = k..<(e + 1)
                    j = e
                }
                commands.append(command)
            }
            i = j + 1
        }
    }

    static func longestBacktickRun(_ s: String) -> Int {
        var best = 0, run = 0
        for c in s { if c == "`" { run += 1; best = max(best, run) } else { run = 0 } }
        return best
    }

    /// Splits a command line like a shell: spaces separate, '…' and "…" quote. No variables, no pipes.
    public static func split(_ s: String) throws(ParseError) -> [String] {
        var out: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for c in s {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            switch c {
            case "'", "\"": quote = c; inWord = true
            case " ", "\t": if inWord { out.append(current); current = ""; inWord = false }
            case "|", ">", "<", ";", "&", "$", "`":
                throw ParseError(description: "“\(s)”: notebooks run one yusuan command, without shell operators (\(c))")
            default: current.append(c); inWord = true
            }
        }
        if quote != nil { throw ParseError(description: "“\(s)”: an unclosed quote") }
        if inWord { out.append(current) }
        return out
    }

    /// The notebook text with each command's output block replaced (or inserted) by `outputs[i]`.
    public func rendered(outputs: [String]) -> String {
        var result: [String] = []
        var i = 0
        for (n, c) in commands.enumerated() {
            let upTo = c.outputRange?.lowerBound ?? c.commandEnd
            result += lines[i..<upTo]
            if c.outputRange == nil { result.append("") }
            let text = outputs[n].hasSuffix("\n") ? String(outputs[n].dropLast()) : outputs[n]
            // A fence longer than any run of backticks in the output, so the output cannot close it.
            let fence = String(repeating: "`", count: max(3, Self.longestBacktickRun(text) + 1))
            result.append(fence + "text")
            if !text.isEmpty { result += text.components(separatedBy: "\n") }
            result.append(fence)
            i = c.outputRange?.upperBound ?? c.commandEnd
        }
        result += lines[i...]
        return result.joined(separator: "\n")
    }
}

/// Runs or checks notebooks with a given way of executing one command (the CLI passes a subprocess runner).
public enum NotebookRunner {
    public struct Result: Sendable {
        public var output: String
        public var status: Int32
        public init(output: String, status: Int32) {
            self.output = output
            self.status = status
        }
    }

    public typealias Execute = (_ arguments: [String]) -> Result

    /// The text a command's output block should hold: its standard output, then an exit note if it failed.
    static func blockText(_ r: Result) -> String {
        var t = r.output
        if r.status != 0 { t += (t.isEmpty || t.hasSuffix("\n") ? "" : "\n") + "[exit \(r.status)]\n" }
        return t
    }

    /// Re-runs every command and returns the new text and the commands that failed (by line).
    public static func run(_ nb: Notebook, execute: Execute) -> (text: String, failed: [Int]) {
        var outputs: [String] = []
        var failed: [Int] = []
        for c in nb.commands {
            let r = execute(c.arguments)
            if r.status != 0 { failed.append(c.line) }
            outputs.append(blockText(r))
        }
        return (nb.rendered(outputs: outputs), failed)
    }

    /// Re-runs into memory; returns a message for every block whose output differs.
    public static func check(_ nb: Notebook, execute: Execute) -> [String] {
        var problems: [String] = []
        for c in nb.commands {
            let r = execute(c.arguments)
            let want = blockText(r)
            let have = c.output.map { $0 + "\n" } ?? ""
            if want != have && !(want.isEmpty && c.output == "") {
                let a = have.components(separatedBy: "\n"), b = want.components(separatedBy: "\n")
                let i = Array(zip(a, b)).firstIndex { $0.0 != $0.1 } ?? min(a.count, b.count)
                let old = i < a.count ? a[i] : "(end)", new = i < b.count ? b[i] : "(end)"
                problems.append("line \(c.line): `yusuan \(c.arguments.joined(separator: " "))` gives different output (output line \(i + 1)):\n  notebook: \(old)\n  now:      \(new)")
            }
        }
        return problems
    }
}
