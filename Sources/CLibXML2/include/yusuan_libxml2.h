#ifndef YUSUAN_CLIBXML2_SHIM_H
#define YUSUAN_CLIBXML2_SHIM_H
/* libxml2's headers sit in a folder of their own (/usr/include/libxml2, pkg-config's --cflags). `include/libxml`
 * here links to them, so that every module that sees this one (in this package and in packages using it) finds
 * them: taking them through pkg-config would also link libxml2 into every run, which opens it only when needed. */
#if !__has_include(<libxml/xmlversion.h>)
#error "libxml2's headers are missing: scripts/setup.sh installs libxml2-dev (include/libxml links to /usr/include/libxml2/libxml)"
#endif
/* libxml2's headers can pull in the system ICU, whose UErrorCode clashes with Foundation's ICU module:
 * read the version header first, switch ICU off, then include the parser. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parserInternals.h>

/* The library these headers belong to. 2.14 changed both its name (libxml2.so.16) and its API: a build against
 * another version stops here until it is checked. */
#if LIBXML_VERSION >= 20900 && LIBXML_VERSION < 21400
#define YUSUAN_LIBXML2_SONAME "libxml2.so.2"
#else
#error "libxml2 headers of an unchecked version: say which library they belong to (YUSUAN_LIBXML2_SONAME)"
#endif

/* NULL once libxml2 is loaded and its parser set up (xmlInitParser, before any thread can parse), else why not.
 * Call it before the functions below, which are libxml2's own of the same name without "yusuan_". */
const char *yusuan_libxml2_load(void);

htmlDocPtr yusuan_htmlReadMemory(const char *buffer, int size, const char *URL, const char *encoding, int options);
void yusuan_xmlFreeDoc(xmlDocPtr doc);
xmlNodePtr yusuan_xmlDocGetRootElement(const xmlDoc *doc);
xmlParserCtxtPtr yusuan_xmlCreateMemoryParserCtxt(const char *buffer, int size);
void yusuan_xmlFreeParserCtxt(xmlParserCtxtPtr ctxt);
int yusuan_xmlCtxtUseOptions(xmlParserCtxtPtr ctxt, int options);
int yusuan_xmlParseDocument(xmlParserCtxtPtr ctxt);
void yusuan_xmlStopParser(xmlParserCtxtPtr ctxt);
#endif
