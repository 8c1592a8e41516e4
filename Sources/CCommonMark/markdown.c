#include "CCommonMark.h"

#include <pthread.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

/* cmark-gfm keeps its registry of extensions in globals it does not lock: register them exactly once. */
static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void register_extensions(void) {
    cmark_gfm_core_extensions_ensure_registered();
}

/* Never CMARK_OPT_UNSAFE: a notebook may come from anyone, and its prose must not carry markup into the page. */
static const int options = CMARK_OPT_DEFAULT;

static const char *const extension_names[] = { "table", "strikethrough", "autolink" };

/*
 * A reference definition is written once and may be used any number of times, each use copying its
 * address and title into the page: 80 kB of prose can ask for 200 MB of HTML. The addresses and
 * titles the page would hold are summed first (one pass over the nodes), and a document asking for
 * more than this share of its own length plus a fixed allowance is declined.
 */
static int links_fit(cmark_node *document, size_t length) {
    const size_t budget = length * 8 + 65536;
    size_t total = 0;
    cmark_iter *iter = cmark_iter_new(document);
    if (iter == NULL) return 0;
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (event != CMARK_EVENT_ENTER) continue;
        cmark_node *node = cmark_iter_get_node(iter);
        cmark_node_type type = cmark_node_get_type(node);
        if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE) continue;
        const char *url = cmark_node_get_url(node);
        const char *title = cmark_node_get_title(node);
        total += (url ? strlen(url) : 0) + (title ? strlen(title) : 0);
        if (total > budget) break;
    }
    cmark_iter_free(iter);
    return total <= budget;
}

char *ccm_markdown_to_html(const char *text, size_t length) {
    pthread_once(&registered, register_extensions);
    cmark_parser *parser = cmark_parser_new(options);
    if (parser == NULL) return NULL;
    /* The renderer needs the list the parser used, so that table and strikethrough nodes render as such. */
    for (size_t i = 0; i < sizeof extension_names / sizeof extension_names[0]; i++) {
        cmark_syntax_extension *extension = cmark_find_syntax_extension(extension_names[i]);
        if (extension != NULL) cmark_parser_attach_syntax_extension(parser, extension);
    }
    cmark_parser_feed(parser, text, length);
    cmark_node *document = cmark_parser_finish(parser);
    char *html = NULL;
    if (document != NULL) {
        if (links_fit(document, length)) {
            html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser));
        }
        cmark_node_free(document);
    }
    cmark_parser_free(parser);
    return html;
}

void ccm_free(char *html) {
    /* The renderer allocates with the document's allocator, which is the default one. */
    if (html != NULL) cmark_get_default_mem_allocator()->free(html);
}
