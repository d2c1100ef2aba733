import YusuanModel

extension Evidence {
    /// The line a figure of `d` was read from.
    init(_ f: Figure, in d: Disclosure) {
        self.init(path: d.source.path, line: f.provenance.line, page: f.provenance.page, text: f.provenance.text, focus: Focus(raw: f.raw, key: f.key))
    }
}
