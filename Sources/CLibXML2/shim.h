#ifndef YUSUAN_CLIBXML2_SHIM_H
#define YUSUAN_CLIBXML2_SHIM_H
// libxml2's headers can pull in the system ICU, whose UErrorCode clashes with Foundation's ICU module:
// read the version header first, switch ICU off, then include the parser.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parserInternals.h>
#endif
