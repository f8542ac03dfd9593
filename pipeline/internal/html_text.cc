#include "pipeline/internal/html_text.h"

#include "nlp/normalizer.h"

namespace rapport::pipeline::internal {

namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The value of attribute `name` in the inside of a tag ("a href=\"x\" class=\"y\""), or "".
std::string Attribute(std::string_view tag, std::string_view name) {
  size_t i = 0;
  while (i < tag.size()) {
    // Attribute name.
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n' || tag[i] == '/')) ++i;
    size_t start = i;
    while (i < tag.size() && tag[i] != '=' && tag[i] != ' ' && tag[i] != '\t' && tag[i] != '\n') ++i;
    std::string_view attr = tag.substr(start, i - start);
    std::string_view value;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        char quote = tag[i++];
        size_t close = tag.find(quote, i);
        if (close == std::string_view::npos) close = tag.size();
        value = tag.substr(i, close - i);
        i = close + 1;
      } else {
        size_t vs = i;
        while (i < tag.size() && tag[i] != ' ' && tag[i] != '\t' && tag[i] != '\n') ++i;
        value = tag.substr(vs, i - vs);
      }
    } else if (attr.empty()) {
      ++i;
    }
    bool same = attr.size() == name.size();
    for (size_t k = 0; same && k < attr.size(); ++k) same = Lower(attr[k]) == name[k];
    if (same) {
      std::string decoded;
      nlp::DecodeHtmlEntities(value, &decoded);
      return decoded;
    }
  }
  return "";
}

}  // namespace

void HtmlToText(std::string_view html, std::string* text, std::vector<std::string>* links) {
  std::string raw;
  raw.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c != '<') {
      raw.push_back(c);
      ++i;
      continue;
    }
    // Find the end of the tag, skipping quoted attribute values.
    size_t j = i + 1;
    char quote = 0;
    for (; j < html.size(); ++j) {
      char d = html[j];
      if (quote) {
        if (d == quote) quote = 0;
      } else if (d == '"' || d == '\'') {
        quote = d;
      } else if (d == '>') {
        break;
      }
    }
    if (j >= html.size()) {  // not a tag: keep the text
      raw.append(html.substr(i));
      break;
    }
    std::string_view tag = html.substr(i + 1, j - i - 1);
    bool closing = !tag.empty() && tag[0] == '/';
    if (closing) tag.remove_prefix(1);
    size_t name_end = 0;
    while (name_end < tag.size() && tag[name_end] != ' ' && tag[name_end] != '/' && tag[name_end] != '\t' &&
           tag[name_end] != '\n')
      ++name_end;
    std::string name;
    for (size_t k = 0; k < name_end; ++k) name.push_back(Lower(tag[k]));
    if (name == "br") {
      raw.push_back('\n');
    } else if (name == "p" && closing) {
      raw.append("\n\n");
    } else if (name == "a" && !closing && links != nullptr) {
      std::string cls = Attribute(tag.substr(name_end), "class");
      std::string href = Attribute(tag.substr(name_end), "href");
      if (!href.empty() && cls.find("mention") == std::string::npos && cls.find("hashtag") == std::string::npos) {
        links->push_back(std::move(href));
      }
    }
    i = j + 1;
  }
  while (!raw.empty() && (raw.back() == '\n' || raw.back() == ' ')) raw.pop_back();
  text->clear();
  nlp::DecodeHtmlEntities(raw, text);
}

}  // namespace rapport::pipeline::internal
