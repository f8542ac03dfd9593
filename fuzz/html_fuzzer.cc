// Fuzz target: the HTML writer (AppendHtmlEscaped, WriteReviewHtml) fed
// arbitrary text in every user-controlled field (see artifact_input.h),
// HTML/script injection included.
//
// Oracles: escaped text holds no markup character and unescapes back to the
// input (invalid UTF-8 replaced); the written page holds only the tags the
// template uses, no event-handler attribute, and only http(s) or in-page links.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz/artifact_input.h"
#include "fuzz/fuzz_util.h"
#include "nlp/normalizer.h"
#include "pipeline/export/exporters.h"
#include "pipeline/export/json_text.h"

namespace {

std::string Unescape(std::string_view s) {
  static const std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '&') {
      bool known = false;
      for (const auto& [name, c] : kEntities) {
        if (s.substr(i, name.size()) == name) {
          out.push_back(c);
          i += name.size();
          known = true;
          break;
        }
      }
      FUZZ_CHECK(known);  // a bare '&' would start an entity of the input's choosing
      continue;
    }
    out.push_back(s[i++]);
  }
  return out;
}

bool IsNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

void CheckPage(std::string_view page) {
  static const std::set<std::string, std::less<>> kTags = {
      "!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "div",
      "dl", "dt", "dd", "nav", "ol", "ul", "li", "a", "main", "section", "article", "span", "p",
      "blockquote", "footer", "bdi"};
  FUZZ_CHECK(rapport::nlp::IsValidUtf8(page));
  for (size_t i = page.find('<'); i != std::string_view::npos; i = page.find('<', i + 1)) {
    size_t j = i + 1;
    if (j < page.size() && page[j] == '/') ++j;
    size_t name_begin = j;
    if (j < page.size() && page[j] == '!') ++j;
    while (j < page.size() && IsNameChar(page[j])) ++j;
    std::string name(page.substr(name_begin, j - name_begin));
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (!kTags.count(name)) {
      std::fprintf(stderr, "unexpected tag <%s> at %zu\n", name.c_str(), i);
      FUZZ_CHECK(kTags.count(name));
    }
    // Attributes: name="value" pairs (values are escaped, so a quote ends one).
    // No event handler attributes, no links but http(s) and in-page ones.
    size_t k = j;
    for (;;) {
      while (k < page.size() && (page[k] == ' ' || page[k] == '\n')) ++k;
      FUZZ_CHECK(k < page.size());
      if (page[k] == '>' || (page[k] == '/' && k + 1 < page.size() && page[k + 1] == '>')) break;
      size_t name_start = k;
      while (k < page.size() && (IsNameChar(page[k]) || page[k] == '-')) ++k;
      std::string attr(page.substr(name_start, k - name_start));
      FUZZ_CHECK(!attr.empty());
      for (char& c : attr) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      FUZZ_CHECK(attr.rfind("on", 0) != 0);
      if (k < page.size() && page[k] == '=') {
        ++k;
        FUZZ_CHECK(k < page.size() && page[k] == '"');
        size_t end = page.find('"', k + 1);
        FUZZ_CHECK(end != std::string_view::npos);
        std::string_view value = page.substr(k + 1, end - k - 1);
        if (attr == "href")
          FUZZ_CHECK(value.starts_with("https://") || value.starts_with("http://") || value.starts_with("#"));
        k = end + 1;
      }
    }
    i = k;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fz = rapport::fuzz;
  std::string_view in = fz::AsView(data, size);

  std::string escaped = "<p>";
  rapport::pipeline::AppendHtmlEscaped(&escaped, in);
  std::string_view body = std::string_view(escaped).substr(3);
  FUZZ_CHECK(body.find_first_of("<>\"'") == std::string_view::npos);
  std::string valid;
  rapport::pipeline::AppendValidUtf8(&valid, in);
  FUZZ_CHECK(Unescape(body) == valid);

  fz::ArtifactInput input = fz::MakeArtifacts(in);
  rapport::pipeline::RunSummary summary;
  summary.posts_read = 2;
  summary.rejected = 1;
  summary.rejected_by_reason = {{input.fields[fz::kCategory], 1}};
  summary.candidates = input.artifacts.size();
  const std::string path = (fz::Scratch().path() / "review.html").string();
  FUZZ_CHECK(rapport::pipeline::WriteReviewHtml(input.artifacts, summary, input.fields[fz::kGeneratedAt], path).ok());
  CheckPage(fz::ReadFile(path));
  return 0;
}
