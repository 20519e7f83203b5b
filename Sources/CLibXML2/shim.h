#ifndef MUTUALIS_CLIBXML2_SHIM_H
#define MUTUALIS_CLIBXML2_SHIM_H

// libxml2's headers live in /usr/include/libxml2 on Debian: pkg-config (libxml-2.0) adds that
// folder, as their own includes (<libxml/xmlversion.h>, ...) need it.
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

// libxml2's generic error channel is a variadic function pointer, which Swift cannot implement:
// a C sink that drops the message, and a setter for the calling thread (the handler is
// thread-local in a threaded libxml2). Structured errors, which carry the text and the line,
// are captured by the Swift wrapper instead.
__attribute__((unused))
static void mutualis_xml_discard_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static inline void mutualis_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, mutualis_xml_discard_generic_error);
}

#endif
