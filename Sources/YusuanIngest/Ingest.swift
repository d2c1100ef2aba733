import Foundation
import YusuanExtract
import YusuanModel
import YusuanRead

/// A file that could not be read, and why. `line` is set where the problem has one.
public struct IngestFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var line: Int?

    public init(path: String, message: String, line: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
    }

    public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

public struct IngestResult: Sendable {
    public var disclosures: [Disclosure]
    public var failures: [IngestFailure]
}

/// The formats yusuan tells apart by their content (magic bytes, zip entries), not by the file name.
public enum DetectedFormat: String, Sendable {
    case text = "tika-text"
    case docx
    case xlsx
    case zip                        // a zip that is neither
    case pdf
    case html
    case doc                        // Word 97–2003 (and WPS .wps with a WordDocument stream)
    case xls                        // Excel 97–2003 / 5.0 (and WPS .et with a Workbook stream)
    case legacyOffice = "ole2"      // any other OLE2 compound file
}

/// Paths → files → Disclosures, one file at a time; a bad file is reported and the rest still load.
public enum Ingest {
    /// Extensions picked up when walking a folder. A file named on the command line is always tried.
    public static let folderExtensions: Set<String> = ["txt", "text", "docx", "xlsx", "pdf", "html", "htm", "doc", "xls", "wps", "et"]
    /// Larger inputs are refused rather than read into memory.
    public static let maxFileBytes = 64 * 1024 * 1024

    public static func run(paths: [String], options: ReadOptions = ReadOptions()) -> IngestResult {
        let (files, missing) = expand(paths)
        var disclosures: [Disclosure] = []
        var failures = missing
        for f in files {
            switch ingest(file: f, options: options) {
            case .success(let d): disclosures.append(d)
            case .failure(let e): failures.append(e)
            }
        }
        return IngestResult(disclosures: disclosures, failures: failures)
    }

    /// Files named directly plus, for folders, every file with a known extension below them (sorted, hidden skipped).
    public static func expand(_ paths: [String]) -> (files: [String], failures: [IngestFailure]) {
        var files: [String] = []
        var failures: [IngestFailure] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                failures.append(IngestFailure(path: path, message: "no such file or folder"))
                continue
            }
            if !isDir.boolValue { files.append(path); continue }
            guard let walker = fm.enumerator(atPath: path) else {
                failures.append(IngestFailure(path: path, message: "cannot list the folder"))
                continue
            }
            var found: [String] = []
            while let rel = walker.nextObject() as? String {
                let name = (rel as NSString).lastPathComponent
                if name.hasPrefix(".") { if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { walker.skipDescendants() }; continue }
                let ext = (name as NSString).pathExtension.lowercased()
                guard folderExtensions.contains(ext) else { continue }
                let full = (path as NSString).appendingPathComponent(rel)
                var sub: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { found.append(full) }
            }
            files += found.sorted()
        }
        return (files, failures)
    }

    public static func ingest(file path: String, options: ReadOptions = ReadOptions()) -> Result<Disclosure, IngestFailure> {
        let url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let size, size > maxFileBytes {
            return .failure(IngestFailure(path: path, message: "file is \(size / 1_048_576) MB; yusuan reads disclosures up to \(maxFileBytes / 1_048_576) MB"))
        }
        guard let data = try? Data(contentsOf: url) else {
            return .failure(IngestFailure(path: path, message: "cannot read the file (permissions, or it is not a regular file)"))
        }
        return ingest(bytes: [UInt8](data), path: path, options: options)
    }

    /// Reads one document held in memory into blocks (what the extractor sees). Never traps on any input.
    public static func read(bytes: [UInt8], path: String, options: ReadOptions = ReadOptions()) -> Result<(TextDocument, DetectedFormat), IngestFailure> {
        if bytes.isEmpty { return .failure(IngestFailure(path: path, message: "the file is empty")) }
        let format = detect(bytes)
        let doc: TextDocument
        do {
            switch format {
            case .doc: doc = try DocReader.read(CompoundFile(bytes: bytes))
            case .xls: doc = try XlsReader.read(CompoundFile(bytes: bytes))
            case .legacyOffice: throw CompoundFile.unreadable(bytes)
            case .zip:
                return .failure(IngestFailure(path: path, message: "a zip file that is neither a .docx nor an .xlsx: unpack it and pass its files"))
            case .docx: doc = try DocxReader.read(bytes: bytes)
            case .xlsx: doc = try XlsxReader.read(bytes: bytes)
            case .pdf: doc = try PDFReader.read(bytes: bytes, options: options)
            case .html: doc = try HTMLReader.read(bytes: bytes)
            case .text: doc = try readText(bytes)
            }
        } catch let e as ContainerError {
            return .failure(IngestFailure(path: path, message: "\(format.rawValue): \(e.description)"))
        } catch let e as DecodingError {
            return .failure(IngestFailure(path: path, message: describe(e)))
        } catch {
            return .failure(IngestFailure(path: path, message: "\(error)"))
        }
        return .success((doc, format))
    }

    /// Reads and extracts one document held in memory. Never traps on any input.
    public static func ingest(bytes: [UInt8], path: String, options: ReadOptions = ReadOptions()) -> Result<Disclosure, IngestFailure> {
        let doc: TextDocument, format: DetectedFormat
        switch read(bytes: bytes, path: path, options: options) {
        case .success(let r): (doc, format) = r
        case .failure(let f): return .failure(f)
        }
        let source = SourceInfo(path: path, format: format.rawValue, sha256: SHA256.hex(bytes), encoding: doc.encoding)
        do {
            return .success(try Extractor.extract(doc, source: source))
        } catch {
            return .failure(IngestFailure(path: path, message: error.message, line: error.line))
        }
    }

    static func readText(_ bytes: [UInt8]) throws(DecodingError) -> TextDocument { try TikaTextReader.read(bytes: bytes) }

    public static func detect(_ bytes: [UInt8]) -> DetectedFormat {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            // Tell Word from Excel by the entries the zip holds (names appear in the local headers).
            let text = String(decoding: bytes.prefix(min(bytes.count, 1 << 20)), as: UTF8.self)
            if text.includes("word/document.xml") || text.includes("word/") { return .docx }
            if text.includes("xl/workbook.xml") || text.includes("xl/") { return .xlsx }
            if let zip = try? OfficeZip(bytes: bytes) {
                if zip.has("word/document.xml") { return .docx }
                if zip.has("xl/workbook.xml") { return .xlsx }
            }
            return .zip
        }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if CompoundFile.isCompoundFile(bytes) {
            // Word or Excel by the streams the compound file holds, whatever the extension (.doc, .wps, .xls, .et).
            let names = Set(((try? CompoundFile(bytes: bytes))?.rootNames ?? []).map { $0.uppercased() })
            if names.contains("WORDDOCUMENT") { return .doc }
            if names.contains("WORKBOOK") || names.contains("BOOK") { return .xls }
            return .legacyOffice
        }
        let head = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased()
        let trimmed = head.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || trimmed.hasPrefix("<meta") || trimmed.hasPrefix("<head")
            || (trimmed.hasPrefix("<") && (head.includes("<body") || head.includes("<table") || head.includes("<p>"))) {
            return .html
        }
        return .text
    }

    static func describe(_ e: DecodingError) -> String {
        switch e {
        case .empty: return "the file has no text"
        case .binary(let reason): return "not a text file (\(reason)); yusuan reads disclosures as text"
        case .undecodable: return "the text could not be decoded as UTF-8, UTF-16 or GB18030"
        }
    }
}

extension Ingest {
    /// The decoded, normalised lines of one file as the extractor sees them: for looking at what yusuan read.
    public static func lines(file path: String, options: ReadOptions = ReadOptions()) -> Result<TextDocument, IngestFailure> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(IngestFailure(path: path, message: "cannot read the file"))
        }
        return read(bytes: [UInt8](data), path: path, options: options).map(\.0)
    }
}
