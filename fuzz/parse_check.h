// The checks every PostParser fuzz target makes on one document: parse it,
// check what came out, parse it again with the same parser and check the
// result is the same (no state leaks between documents). Test-only.
#ifndef RAPPORT_FUZZ_PARSE_CHECK_H_
#define RAPPORT_FUZZ_PARSE_CHECK_H_

#include <string>
#include <string_view>

#include "connectors/raw_doc.h"
#include "fuzz/fuzz_util.h"
#include "nlp/normalizer.h"
#include "pipeline/post_parser.h"

namespace rapport::fuzz {

// A RawDoc holding `bytes` with the padding the parser expects.
inline connectors::RawDoc MakeDoc(std::string_view bytes, connectors::RawDoc::Kind kind, std::string platform) {
  connectors::RawDoc doc;
  doc.kind = kind;
  doc.platform = std::move(platform);
  doc.origin = {"fuzz.jsonl", 1};
  doc.bytes.reserve(bytes.size() + connectors::RawDoc::kPadding);
  doc.bytes.assign(bytes);
  if (kind == connectors::RawDoc::Kind::kXArchive) {
    doc.owner_id = "1093321775";
    doc.owner_username = "dana_rios";
    doc.owner_name = "Dana Rios";
  }
  return doc;
}

// A stable digest of a ParsedDoc, to compare two parses.
inline std::string Digest(const pipeline::ParsedDoc& d) {
  std::string s;
  for (const auto& p : d.posts) {
    s += p.platform + '|' + p.id + '|' + p.author_id + '|' + std::to_string(p.created_at) + '|' + p.text + '|' +
         p.conversation_id + '|' + std::to_string(p.mentions.size()) + '\n';
  }
  for (const auto& r : d.rejected) s += r.origin + '|' + r.reason + '|' + std::to_string(r.raw.size()) + '\n';
  for (const auto& e : d.api_errors) s += e + '\n';
  return s;
}

inline void CheckParsed(const connectors::RawDoc& doc, const pipeline::ParsedDoc& out) {
  for (const pipeline::Post& p : out.posts) {
    // What the parse stage promises the rest of the pipeline.
    FUZZ_CHECK(!p.id.empty());
    FUZZ_CHECK(!p.author_id.empty());
    FUZZ_CHECK(!p.platform.empty());
    FUZZ_CHECK(!p.origin.empty());
    FUZZ_CHECK(nlp::IsValidUtf8(p.id));
    FUZZ_CHECK(nlp::IsValidUtf8(p.author_id));
    FUZZ_CHECK(nlp::IsValidUtf8(p.author_username));
    FUZZ_CHECK(nlp::IsValidUtf8(p.author_name));
    FUZZ_CHECK(nlp::IsValidUtf8(p.lang));
    // Records with invalid UTF-8 are rejected, and decoding (\u escapes, HTML
    // entities, Mastodon HTML) must not make any.
    FUZZ_CHECK(nlp::IsValidUtf8(p.text));
    for (const auto& m : p.mentions) FUZZ_CHECK(nlp::IsValidUtf8(m.username) && nlp::IsValidUtf8(m.id));
    for (const auto& h : p.hashtags) FUZZ_CHECK(nlp::IsValidUtf8(h));
    for (const auto& u : p.urls) FUZZ_CHECK(nlp::IsValidUtf8(u));
    // Exercise what later stages do with the fields.
    std::string when = pipeline::FormatTimestamp(p.created_at);
    FUZZ_CHECK(!when.empty());
    (void)pipeline::PostUrl(p);
  }
  for (const pipeline::Rejected& r : out.rejected) {
    FUZZ_CHECK(!r.reason.empty());
    FUZZ_CHECK(!r.origin.empty());
    // A rejected record's bytes come from the document, never beyond it.
    FUZZ_CHECK(r.raw.size() <= doc.bytes.size());
  }
}

inline void ParseAndCheck(pipeline::PostParser* parser, const connectors::RawDoc& doc) {
  pipeline::ParsedDoc first, second;
  parser->Parse(doc, &first);
  CheckParsed(doc, first);
  parser->Parse(doc, &second);
  FUZZ_CHECK(Digest(first) == Digest(second));
}

}  // namespace rapport::fuzz

#endif  // RAPPORT_FUZZ_PARSE_CHECK_H_
