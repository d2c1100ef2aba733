#include "yusuan_libxml2.h"
#include "yusuan_load.h"

#define LIBXML2_FUNCTIONS(F) F(xmlInitParser) F(htmlReadMemory) F(xmlFreeDoc) F(xmlDocGetRootElement) \
    F(xmlCreateMemoryParserCtxt) F(xmlFreeParserCtxt) F(xmlCtxtUseOptions) F(xmlParseDocument) F(xmlStopParser)

enum { LIBXML2_FUNCTIONS(YUSUAN_LIBRARY_INDEX) function_count };
static const char *const names[function_count] = {LIBXML2_FUNCTIONS(YUSUAN_LIBRARY_NAME)};
static void *slots[function_count];
#define CALL(f) YUSUAN_LIBRARY_CALL(slots, f)

/* libxml2 sets up its global tables on first use, and that first use must not be raced: once, at loading. */
static void ready(void) { CALL(xmlInitParser)(); }

static yusuan_library library = YUSUAN_LIBRARY(YUSUAN_LIBXML2_SONAME, names, slots, function_count, ready);

const char *yusuan_libxml2_load(void) { return yusuan_library_load(&library); }

htmlDocPtr yusuan_htmlReadMemory(const char *buffer, int size, const char *URL, const char *encoding, int options) {
    return CALL(htmlReadMemory)(buffer, size, URL, encoding, options);
}
void yusuan_xmlFreeDoc(xmlDocPtr doc) { CALL(xmlFreeDoc)(doc); }
xmlNodePtr yusuan_xmlDocGetRootElement(const xmlDoc *doc) { return CALL(xmlDocGetRootElement)(doc); }
xmlParserCtxtPtr yusuan_xmlCreateMemoryParserCtxt(const char *buffer, int size) { return CALL(xmlCreateMemoryParserCtxt)(buffer, size); }
void yusuan_xmlFreeParserCtxt(xmlParserCtxtPtr ctxt) { CALL(xmlFreeParserCtxt)(ctxt); }
int yusuan_xmlCtxtUseOptions(xmlParserCtxtPtr ctxt, int options) { return CALL(xmlCtxtUseOptions)(ctxt, options); }
int yusuan_xmlParseDocument(xmlParserCtxtPtr ctxt) { return CALL(xmlParseDocument)(ctxt); }
void yusuan_xmlStopParser(xmlParserCtxtPtr ctxt) { CALL(xmlStopParser)(ctxt); }
