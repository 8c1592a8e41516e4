#ifndef CCOMMONMARK_H
#define CCOMMONMARK_H

/*
 * Markdown to HTML through Debian's cmark-gfm, for the notebook's HTML export.
 *
 * cmark-gfm is a parser built for untrusted text: linear time, no recursion on
 * the input's nesting, and a safe mode that drops raw HTML and dangerous link
 * schemes. Its extensions register through process-wide state and its result
 * is malloc'd, so the set-up and the freeing live here, behind one function.
 */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Renders `length` bytes of UTF-8 Markdown as an HTML fragment, in safe mode
 * (raw HTML is replaced by a comment; javascript:, vbscript:, file: and
 * non-image data: links get an empty address), with the GitHub table,
 * strikethrough and autolink extensions. Returns a NUL-terminated string the
 * caller releases with ccm_free, or NULL when the document's links would copy
 * far more text into the page than the document holds (reference links used
 * many times) or memory ran out.
 */
char *ccm_markdown_to_html(const char *text, size_t length);

/* Releases a string returned by ccm_markdown_to_html (NULL is allowed). */
void ccm_free(char *html);

#ifdef __cplusplus
}
#endif

#endif
