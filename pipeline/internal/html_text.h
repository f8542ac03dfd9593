// HtmlToText: Mastodon's sanitised status HTML as plain text.
//
//   "<p>Hi <span class=\"h-card\"><a href=\"https://m.example/@bob\" class=\"u-url mention\">@<span>bob</span></a></span>
//    &amp; welcome!<br>See <a href=\"https://example.org/x\">example.org/x</a></p><p>Bye</p>"
//   -> text "Hi @bob & welcome!\nSee example.org/x\n\nBye", links {"https://example.org/x"}
// <br> becomes a newline and a paragraph break a blank line; other tags are
// dropped (the hidden parts of shortened links are kept, so link text is the
// whole URL); character references are decoded. Pure function; thread-safe.
#ifndef RAPPORT_PIPELINE_INTERNAL_HTML_TEXT_H_
#define RAPPORT_PIPELINE_INTERNAL_HTML_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace rapport::pipeline::internal {

// Sets *text to the plain text of `html`. Appends to *links (if not null) the
// href of each <a> that is not a mention or a hashtag link.
void HtmlToText(std::string_view html, std::string* text, std::vector<std::string>* links);

}  // namespace rapport::pipeline::internal

#endif  // RAPPORT_PIPELINE_INTERNAL_HTML_TEXT_H_
