#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import YusuanRead

/// libxml2 and OpenCC, opened when first needed: they load, and the names opened are those of the libraries the
/// build's headers belong to (the -dev packages' unversioned links). A missing library is checked end to end in
/// scripts/cli-checks.sh (YUSUAN_TEST_UNLOADABLE).
@Suite("Shared libraries")
struct SharedLibraryTests {
    @Test func theyLoadUnderTheNamesTheHeadersBelongTo() {
        for (library, devLink) in [(SharedLibrary.libxml2, "libxml2.so"), (SharedLibrary.openCC, "libopencc.so")] {
            #expect(library.unavailable == nil, "\(library.name)")
            // dlopen gives one handle per file: the same handle, the same library.
            let named = dlopen(library.soname, RTLD_NOW), linked = dlopen(devLink, RTLD_NOW)
            #expect(named != nil && named == linked, "\(library.soname) is not what \(devLink) links to")
            if let named { dlclose(named) }
            if let linked { dlclose(linked) }
        }
    }

    @Test func readersWorkThroughThem() throws {
        let page = try HTMLReader.read(bytes: Array("<html><body><p>某局2024年部门预算</p><table><tr><td>合计</td><td>1.00</td></tr></table></body></html>".utf8))
        #expect(page.lines.contains("某局2024年部门预算"))
        #expect(Traditional.toSimplified("部門預算經費") == "部门预算经费")
    }
}
