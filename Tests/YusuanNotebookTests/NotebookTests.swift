import Testing
@testable import YusuanNotebook

@Suite("Notebooks")
struct NotebookTests {
    let text = """
    # Title

    ```console
    $ yusuan ingest a.txt --lang en
    ```

    ```text
    old output
    ```

    Prose.

    ```sh
    $ yusuan chart change "a b.txt" --out figures/c.svg
    ```

    ```swift
    let x = 1
    ```
    """

    @Test func parses() throws {
        let nb = try Notebook(text: text)
        #expect(nb.commands.count == 2)
        #expect(nb.commands[0].arguments == ["ingest", "a.txt", "--lang", "en"] && nb.commands[0].output == "old output" && nb.commands[0].line == 4)
        #expect(nb.commands[1].arguments == ["chart", "change", "a b.txt", "--out", "figures/c.svg"] && nb.commands[1].output == nil)
    }

    @Test("run writes outputs into the following block, inserting one where missing")
    func run() throws {
        let nb = try Notebook(text: text)
        let (out, failed) = NotebookRunner.run(nb) { args in .init(output: "ran \(args[0])\n", status: args[0] == "chart" ? 1 : 0) }
        #expect(failed == [14])
        #expect(out.contains("```text\nran ingest\n```"))
        #expect(out.contains("```\n\n```text\nran chart\n[exit 1]\n```\n\n```swift"))
        #expect(!out.contains("old output"))
        // Running again on the result changes nothing.
        let again = NotebookRunner.run(try Notebook(text: out)) { args in .init(output: "ran \(args[0])\n", status: args[0] == "chart" ? 1 : 0) }
        #expect(again.text == out)
    }

    @Test("check names the block that differs")
    func check() throws {
        let nb = try Notebook(text: text)
        let problems = NotebookRunner.check(nb) { _ in .init(output: "old output\n", status: 0) }
        #expect(problems.count == 1 && problems[0].hasPrefix("line 14"))
    }

    @Test("shell syntax and broken blocks are refused with the line")
    func refuses() {
        #expect(throws: Notebook.ParseError.self) { try Notebook(text: "```\n$ yusuan ingest a | head\n```") }
        #expect(throws: Notebook.ParseError.self) { try Notebook(text: "```\n$ yusuan ingest 'a\n```") }
        #expect(throws: Notebook.ParseError.self) { try Notebook(text: "text\n```\n$ yusuan ingest a\n") }
    }
}

@Suite("Notebook outputs with code fences")
struct NotebookFenceTests {
    @Test("an output holding a code fence gets a longer fence, and the notebook still parses the same")
    func longerFence() throws {
        let nb = try Notebook(text: "```\n$ yusuan ingest a.txt\n```\n\nafter\n")
        let output = "line\n```\nnot the end\n````x\n"
        let text = nb.rendered(outputs: [output])
        #expect(text.contains("`````text"))
        let again = try Notebook(text: text)
        #expect(again.commands.count == 1)
        #expect(again.commands[0].output.map { $0 + "\n" } == output)
        #expect(again.lines.last == "" && text.contains("\nafter\n"))
        #expect(try Notebook(text: again.rendered(outputs: [output])).rendered(outputs: [output]) == text)
    }
}
