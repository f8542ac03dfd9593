// The hostile-input catalogue (docs/RELIABILITY.md, "Hostile inputs"): each
// test feeds one kind of hostile input through the public entry point that
// meets it first and asserts what happens: the record is rejected with a
// reason, or it is handled (parsed, escaped, capped). None may crash or
// allocate without bound; the suite also runs under ASan+UBSan (.ci/sanitize).
// Large inputs (10 MB lines, a 100 MB gzip bomb) are made at test time.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"
#include "connectors/file_source.h"
#include "connectors/raw_doc.h"
#include "nlp/extractor.h"
#include "nlp/normalizer.h"
#include "nlp/tokenizer.h"
#include "pipeline/artifact.h"
#include "pipeline/export/crm_exporters.h"
#include "pipeline/export/dead_letter.h"
#include "pipeline/export/exporters.h"
#include "pipeline/export/json_text.h"
#include "pipeline/post_parser.h"
#include "pipeline/run.h"

#if defined(__SANITIZE_ADDRESS__)
#define RAPPORT_HOSTILE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RAPPORT_HOSTILE_ASAN 1
#endif
#endif

namespace rapport {
namespace {

namespace fs = std::filesystem;
using connectors::FileSourceOptions;
using connectors::RawDoc;
using pipeline::ParsedDoc;
using pipeline::PostParser;

// ---------------------------------------------------------------- helpers

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::path(::testing::TempDir()) / "rapport_hostile_XXXXXX").string();
    EXPECT_NE(mkdtemp(tmpl.data()), nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  std::string Write(const std::string& rel, std::string_view content) const {
    fs::path p = path_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    EXPECT_TRUE(out.good()) << p;
    return p.string();
  }

 private:
  fs::path path_;
};

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

RawDoc Doc(std::string bytes, RawDoc::Kind kind = RawDoc::Kind::kJson) {
  RawDoc d;
  d.kind = kind;
  d.origin = {"hostile.jsonl", 1};
  d.bytes.reserve(bytes.size() + RawDoc::kPadding);
  d.bytes.append(bytes);
  return d;
}

ParsedDoc Parse(const std::string& bytes, RawDoc::Kind kind = RawDoc::Kind::kJson) {
  PostParser parser;
  ParsedDoc out;
  RawDoc doc = Doc(bytes, kind);
  if (kind == RawDoc::Kind::kXArchive) doc.owner_id = "1093321775", doc.owner_username = "dana_rios";
  parser.Parse(doc, &out);
  return out;
}

// One v2 post; `id` is written as given (quote it for a string id).
std::string Post(const std::string& id, const std::string& text, const std::string& extra = "") {
  return "{\"id\":" + id + ",\"text\":\"" + text + "\",\"author_id\":\"2\",\"created_at\":\"2026-01-01T00:00:00Z\"" +
         extra + "}";
}
// A v2 page: a good post, the post under test, another good post.
std::string Page(const std::string& middle) {
  return "{\"data\":[" + Post("\"1\"", "before") + "," + middle + "," + Post("\"3\"", "after") + "]}";
}

// True if the page kept the two good posts around a rejected middle record
// whose reason starts with `reason_prefix`.
::testing::AssertionResult OnlyMiddleRejected(const ParsedDoc& out, std::string_view reason_prefix) {
  if (out.posts.size() != 2 || out.rejected.size() != 1)
    return ::testing::AssertionFailure() << out.posts.size() << " posts, " << out.rejected.size() << " rejected";
  if (out.posts[0].id != "1" || out.posts[1].id != "3") return ::testing::AssertionFailure() << "wrong posts kept";
  if (out.rejected[0].origin != "hostile.jsonl:1#2")
    return ::testing::AssertionFailure() << "origin " << out.rejected[0].origin;
  if (out.rejected[0].reason.rfind(reason_prefix, 0) != 0)
    return ::testing::AssertionFailure() << "reason '" << out.rejected[0].reason << "'";
  return ::testing::AssertionSuccess();
}

struct Drained {
  std::vector<RawDoc> docs;
  Status status;
};

Drained Drain(std::vector<std::string> paths, FileSourceOptions options = {}) {
  Drained r;
  auto source = connectors::NewFileSource(std::move(paths), options);
  RawDoc doc;
  while (source->Next(&doc)) r.docs.push_back(doc);
  r.status = source->status();
  return r;
}

// Writes `prefix` then `total` bytes of `unit` repeated, gzip-compressed,
// without holding them.
std::string WriteGzipRepeated(const fs::path& path, std::string_view unit, uint64_t total,
                              std::string_view prefix = "") {
  gzFile gz = gzopen(path.c_str(), "wb9");
  EXPECT_NE(gz, nullptr);
  if (!prefix.empty()) {
    EXPECT_EQ(gzwrite(gz, prefix.data(), static_cast<unsigned>(prefix.size())), static_cast<int>(prefix.size()));
  }
  std::string block;
  while (block.size() < (1u << 20)) block.append(unit);
  block.resize(1u << 20);
  for (uint64_t done = 0; done < total; done += block.size()) {
    EXPECT_EQ(gzwrite(gz, block.data(), static_cast<unsigned>(block.size())), static_cast<int>(block.size()));
  }
  EXPECT_EQ(gzclose(gz), Z_OK);
  return path.string();
}

long MaxRssKiB() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

nlp::TokenizedText Tokenize(std::string_view text) {
  nlp::Tokenizer tokenizer;
  nlp::TokenizedText tt;
  tokenizer.Tokenize(text, &tt);
  return tt;
}

std::vector<std::string> Surfaces(const nlp::TokenizedText& tt, nlp::TokenKind kind) {
  std::vector<std::string> out;
  for (const auto& t : tt.tokens)
    if (t.kind == kind) out.emplace_back(tt.Surface(t));
  return out;
}

pipeline::Artifact ArtifactWith(const std::string& text) {
  pipeline::Artifact a;
  a.candidate_id = "c1";
  a.person = {"x", "42", "dana_rios", text};
  a.category = "pet";
  a.value = text;
  a.key = "k";
  a.score = 1;
  a.evidence.push_back({"1001", "https://x.com/dana_rios/status/1001", "2026-01-01T00:00:00Z", text, "dana_rios"});
  return a;
}

template <typename F>
double Seconds(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// ---------------------------------------------------------------- JSON structure

TEST(HostileInputTest, DeeplyNestedJsonIsRejectedOrSkippedWithoutRecursion) {
  // 1,000,000 levels at the top: rejected, not recursed into.
  ParsedDoc top = Parse(std::string(1000000, '[') + std::string(1000000, ']'));
  ASSERT_EQ(top.rejected.size(), 1u);
  EXPECT_TRUE(top.posts.empty());
  EXPECT_EQ(top.rejected[0].reason, "not a post or API page: the top level is an array, not an object");
  // 100,000 levels as a page's record: that record is rejected, no post.
  ParsedDoc page = Parse("{\"data\":[" + std::string(100000, '[') + std::string(100000, ']') + "]}");
  EXPECT_TRUE(page.posts.empty());
  ASSERT_EQ(page.rejected.size(), 1u);
  EXPECT_FALSE(page.rejected[0].reason.empty());
  // 100,000 levels in a field nobody reads: skipped, the post is kept.
  ParsedDoc field = Parse(Page(Post("\"2\"", "deep", ",\"x\":" + std::string(100000, '[') + std::string(100000, ']'))));
  EXPECT_EQ(field.posts.size(), 3u);
  EXPECT_TRUE(field.rejected.empty());
}

TEST(HostileInputTest, HugeStringIsParsedWhole) {
  std::string text(8 << 20, 'a');
  text += "\\ud83d\\ude00";  // and an escaped emoji at the very end
  ParsedDoc out = Parse(Post("\"1\"", text));
  ASSERT_EQ(out.posts.size(), 1u);
  EXPECT_EQ(out.posts[0].text.size(), (8u << 20) + 4);
  EXPECT_EQ(out.posts[0].text.substr(8 << 20), "\xF0\x9F\x98\x80");
}

TEST(HostileInputTest, IdsPast2To64AreKeptAsDigits) {
  ParsedDoc out = Parse(Post("18446744073709551616", "2^64") + "\n");
  ASSERT_EQ(out.posts.size(), 1u);
  EXPECT_EQ(out.posts[0].id, "18446744073709551616");
  out = Parse(Post("123456789012345678901234567890123456789", "huge"));
  ASSERT_EQ(out.posts.size(), 1u);
  EXPECT_EQ(out.posts[0].id, "123456789012345678901234567890123456789");
}

TEST(HostileInputTest, IdsThatAreNotNonNegativeIntegersRejectTheRecord) {
  for (const char* id : {"-5", "1.5", "1e400", "true", "{\"a\":[1]}", "[7]"}) {
    SCOPED_TRACE(id);
    EXPECT_TRUE(OnlyMiddleRejected(Parse(Page(Post(id, "bad id"))), "bad field type: "));
    // A single post whose id is bad is rejected with the same reason...
    ParsedDoc single = Parse(std::string("{\"text\":\"bad id\",\"author_id\":\"2\",\"id\":") + id + "}");
    EXPECT_TRUE(single.posts.empty());
    ASSERT_EQ(single.rejected.size(), 1u);
    EXPECT_EQ(single.rejected[0].reason.rfind("bad field type: ", 0), 0u) << single.rejected[0].reason;
    // ...and so is one whose bad id comes first (F-3, docs/RELIABILITY.md).
    ParsedDoc first = Parse(Post(id, "bad id"));
    EXPECT_TRUE(first.posts.empty());
    ASSERT_EQ(first.rejected.size(), 1u);
    EXPECT_EQ(first.rejected[0].reason.rfind("bad field type: ", 0), 0u) << first.rejected[0].reason;
  }
}

TEST(HostileInputTest, IdsAsNumbersAndAsStringsAreTheSame) {
  ParsedDoc out = Parse("{\"data\":[" + Post("7", "number", ",\"entities\":{\"mentions\":[{\"username\":\"bob\",\"id\":22}]}") +
                        "," + Post("\"8\"", "string") + "]}");
  ASSERT_EQ(out.posts.size(), 2u);
  EXPECT_EQ(out.posts[0].id, "7");
  EXPECT_EQ(out.posts[1].id, "8");
  ASSERT_EQ(out.posts[0].mentions.size(), 1u);
  EXPECT_EQ(out.posts[0].mentions[0].id, "22");
}

TEST(HostileInputTest, DuplicateKeysLastOneWins) {
  ParsedDoc out = Parse(
      "{\"id\":\"1\",\"id\":\"2\",\"text\":\"first\",\"text\":\"second\",\"author_id\":\"9\","
      "\"created_at\":\"2026-01-01T00:00:00Z\"}");
  ASSERT_EQ(out.posts.size(), 1u);
  EXPECT_EQ(out.posts[0].id, "2");
  EXPECT_EQ(out.posts[0].text, "second");
}

TEST(HostileInputTest, TruncatedAndTrailingJsonAreRejected) {
  ParsedDoc cut = Parse("{\"data\":[" + Post("\"1\"", "ok") + ",{\"id\":");
  ASSERT_EQ(cut.rejected.size(), 1u);
  EXPECT_TRUE(cut.posts.empty()) << "a page that does not parse is rejected whole";
  EXPECT_EQ(cut.rejected[0].reason.rfind("invalid JSON (truncated?): ", 0), 0u) << cut.rejected[0].reason;
  ParsedDoc trailing = Parse(Post("\"1\"", "ok") + " {}");
  ASSERT_EQ(trailing.rejected.size(), 1u);
  EXPECT_EQ(trailing.rejected[0].reason.rfind("invalid JSON: ", 0), 0u) << trailing.rejected[0].reason;
  for (const char* junk : {"", "   \n", "\"just a string\"", "1e999999", "null"}) {
    SCOPED_TRACE(junk);
    ParsedDoc out = Parse(junk);
    ASSERT_EQ(out.rejected.size(), 1u);
    EXPECT_TRUE(out.posts.empty());
    EXPECT_EQ(out.rejected[0].reason.rfind("invalid JSON", 0), 0u) << out.rejected[0].reason;
  }
}

TEST(HostileInputTest, ManyRecordsInOnePageAreAllRead) {
  std::string page = "{\"data\":[";
  for (int i = 0; i < 100000; ++i) page += (i ? "," : "") + Post("\"" + std::to_string(i + 1) + "\"", "p");
  page += "]}";
  ParsedDoc out;
  double s = Seconds([&] { out = Parse(page); });
  EXPECT_EQ(out.posts.size(), 100000u);
  EXPECT_LT(s, 60.0);
}

TEST(HostileInputTest, ScalarRecordsInAPageAreRejectedAlone) {
  for (const char* rec : {"5", "\"x\"", "null", "[]"}) {
    SCOPED_TRACE(rec);
    ParsedDoc out = Parse(Page(rec));
    EXPECT_EQ(out.posts.size(), 2u);
    ASSERT_EQ(out.rejected.size(), 1u);
    EXPECT_FALSE(out.rejected[0].reason.empty());
  }
}

// FINDING (open, docs/RELIABILITY.md F-4): the bytes dead-lettered for a
// scalar record run on into the next record (SkipValue matches brackets from
// the scalar's start). Enable once the record span of scalars is their token.
TEST(HostileInputTest, ScalarRecordDeadLettersOnlyItsBytes) {
  ParsedDoc out = Parse(Page("12345"));
  ASSERT_EQ(out.rejected.size(), 1u);
  EXPECT_EQ(out.rejected[0].raw, "12345");
}

TEST(HostileInputTest, BadTimestampsRejectTheRecord) {
  for (const char* when : {"2026-02-31T25:00:00Z", "0000-01-01T00:00:00Z", "2026-01-01", "yesterday",
                           "2026-01-01T00:00:00+99", "Thu Jun 01 17:37:00 +0000 99999"}) {
    SCOPED_TRACE(when);
    ParsedDoc out = Parse(Page(Post("\"2\"", "x", std::string(",\"created_at\":\"") + when + "\"")));
    EXPECT_TRUE(OnlyMiddleRejected(out, "bad created_at"));
  }
  ParsedDoc edge = Parse(Post("\"1\"", "x", ",\"created_at\":\"9999-12-31T23:59:60-23:59\""));
  ASSERT_EQ(edge.posts.size(), 1u);
  EXPECT_EQ(pipeline::FormatTimestamp(edge.posts[0].created_at), "10000-01-01T23:59:00Z");
}

// ---------------------------------------------------------------- encoding

TEST(HostileInputTest, InvalidUtf8RejectsOnlyItsRecord) {
  // Stray byte, overlong '/', CESU-8 surrogate, code point past U+10FFFF, cut sequence.
  for (const char* bad : {"bad \xFF byte", "over \xC0\xAF long", "sur \xED\xA0\x80 rogate", "big \xF4\x90\x80\x80",
                          "cut \xE2\x82"}) {
    SCOPED_TRACE(bad);
    EXPECT_TRUE(OnlyMiddleRejected(Parse(Page(Post("\"2\"", bad))), "invalid UTF-8 at byte "));
  }
  // Outside any record: the whole document.
  ParsedDoc out = Parse("{\"data\":[" + Post("\"1\"", "ok") + "],\"meta\":{\"x\":\"\xFF\"}}");
  EXPECT_EQ(out.posts.size(), 1u) << "bytes outside records do not reject the records";
}

TEST(HostileInputTest, LoneSurrogateEscapesRejectTheRecord) {
  for (const char* esc : {"\\ud800", "\\ud800 x", "\\udc00", "\\ud800\\ud800", "\\udfff\\ud800"}) {
    SCOPED_TRACE(esc);
    EXPECT_TRUE(OnlyMiddleRejected(Parse(Page(Post("\"2\"", esc))), "invalid string in a field"));
    ParsedDoc single = Parse(Post("\"2\"", esc));
    ASSERT_EQ(single.rejected.size(), 1u);
    EXPECT_EQ(single.rejected[0].reason, "invalid string in a field (bad \\u escape or lone surrogate)");
  }
  ParsedDoc pair = Parse(Post("\"1\"", "\\ud83d\\ude00"));
  ASSERT_EQ(pair.posts.size(), 1u);
  EXPECT_EQ(pair.posts[0].text, "\xF0\x9F\x98\x80");
}

TEST(HostileInputTest, NulBytes) {
  // Raw NUL (and other raw control characters) inside a string: not JSON.
  for (std::string raw : {std::string("a\0b", 3), std::string("a\x01" "b"), std::string("a\nb")}) {
    ParsedDoc out = Parse(Post("\"1\"", raw));
    ASSERT_EQ(out.rejected.size(), 1u);
    EXPECT_NE(out.rejected[0].reason.find("unescaped characters"), std::string::npos) << out.rejected[0].reason;
  }
  // Escaped \u0000: handled; the text keeps it and writers escape it.
  ParsedDoc out = Parse(Post("\"1\"", "a\\u0000b"));
  ASSERT_EQ(out.posts.size(), 1u);
  EXPECT_EQ(out.posts[0].text, std::string("a\0b", 3));
  std::string json;
  pipeline::AppendJsonString(&json, out.posts[0].text);
  EXPECT_EQ(json, "\"a\\u0000b\"");
  nlp::TokenizedText tt = Tokenize(out.posts[0].text);
  EXPECT_EQ(Surfaces(tt, nlp::TokenKind::kWord), (std::vector<std::string>{"a", "b"}));
  // A file with NUL bytes near its start is binary: named, it is reported.
  TempDir dir;
  std::string path = dir.Write("posts.jsonl", std::string("{\"a\":1}\n\0\0\0", 11));
  Drained got = Drain({path});
  ASSERT_EQ(got.docs.size(), 1u);
  EXPECT_EQ(got.docs[0].read_error.rfind("not a supported format (binary content", 0), 0u) << got.docs[0].read_error;
  ParsedDoc rejected;
  PostParser().Parse(got.docs[0], &rejected);
  ASSERT_EQ(rejected.rejected.size(), 1u);
  EXPECT_EQ(rejected.rejected[0].reason, got.docs[0].read_error);
}

TEST(HostileInputTest, ByteOrderMarks) {
  TempDir dir;
  // At the start of a file: skipped by the connector.
  std::string path = dir.Write("bom.jsonl", "\xEF\xBB\xBF" + Post("\"1\"", "a") + "\n" + Post("\"2\"", "b") + "\n" +
                                                "\xEF\xBB\xBF" + Post("\"3\"", "c") + "\n");
  Drained got = Drain({path});
  ASSERT_EQ(got.docs.size(), 3u);
  PostParser parser;
  ParsedDoc out;
  for (const RawDoc& d : got.docs) parser.Parse(d, &out);
  EXPECT_EQ(out.posts.size(), 2u);
  // Inside a file (a line that starts with one): that line is rejected.
  ASSERT_EQ(out.rejected.size(), 1u);
  EXPECT_EQ(out.rejected[0].origin, path + ":3");
  EXPECT_EQ(out.rejected[0].reason.rfind("invalid JSON", 0), 0u) << out.rejected[0].reason;
  // Inside a string it is text (U+FEFF), and separates no tokens.
  ParsedDoc inside = Parse(Post("\"1\"", "a\xEF\xBB\xBF" "b"));
  ASSERT_EQ(inside.posts.size(), 1u);
}

TEST(HostileInputTest, CrlfLineEnds) {
  TempDir dir;
  std::string path = dir.Write("crlf.jsonl", Post("\"1\"", "line\\r\\nbreak") + "\r\n" + Post("\"2\"", "b") + "\r\n");
  Drained got = Drain({path});
  ASSERT_EQ(got.docs.size(), 2u);
  EXPECT_EQ(got.docs[0].bytes.back(), '}') << "CR stripped from the line end";
  ParsedDoc out;
  PostParser().Parse(got.docs[0], &out);
  ASSERT_EQ(out.posts.size(), 1u);
  EXPECT_EQ(out.posts[0].text, "line\r\nbreak");
  EXPECT_EQ(pipeline::CsvCell(out.posts[0].text), "\"line\r\nbreak\"") << "quoted, so the record stays one";
}

// ---------------------------------------------------------------- text

TEST(HostileInputTest, ZeroWidthAndBidiControlsSeparateTokensAndBelongToNone) {
  // ZWSP, ZWNJ, LRM, RLM, RLO, LRI, PDI, and a word joiner.
  for (const char* control : {"\u200B", "\u200C", "\u200E", "\u200F", "\u202E", "\u2066", "\u2069", "\u2060"}) {
    nlp::TokenizedText tt = Tokenize(std::string("dog") + control + "rover");
    EXPECT_EQ(Surfaces(tt, nlp::TokenKind::kWord), (std::vector<std::string>{"dog", "rover"})) << control;
  }
  // In the review page they stay text, escaped, in well-formed UTF-8.
  TempDir dir;
  pipeline::Artifact a = ArtifactWith("\u202Egnp.exe\u202C and \u2067rtl\u2069");
  ASSERT_TRUE(pipeline::WriteReviewHtml({a}, {}, "now", (dir.path() / "r.html").string()).ok());
  std::string page = ReadFile(dir.path() / "r.html");
  EXPECT_TRUE(nlp::IsValidUtf8(page));
  EXPECT_NE(page.find("\u202Egnp.exe\u202C"), std::string::npos);
  // ...isolated, so an override cannot reorder the page around it (F-5).
  EXPECT_NE(page.find("<bdi>\u202Egnp.exe\u202C and \u2067rtl\u2069</bdi>"), std::string::npos);
}

TEST(HostileInputTest, EmojiZwjSequencesAreOneToken) {
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
  const std::string runner = "\U0001F3C3\U0001F3FD\u200D\u2640\uFE0F";
  const std::string flag = "\U0001F1EF\U0001F1F5";
  nlp::TokenizedText tt = Tokenize("we " + family + runner + " " + flag + " ok");
  EXPECT_EQ(Surfaces(tt, nlp::TokenKind::kEmoji), (std::vector<std::string>{family, runner, flag}));
  // A ZWJ that joins no emoji is a separator.
  EXPECT_EQ(Surfaces(Tokenize("a\u200Db"), nlp::TokenKind::kWord), (std::vector<std::string>{"a", "b"}));
  // 10,000 ZWJ-joined emoji: bounded time, one token per grapheme rule.
  std::string chain;
  for (int i = 0; i < 10000; ++i) chain += "\U0001F468\u200D";
  double s = Seconds([&] { tt = Tokenize(chain); });
  EXPECT_FALSE(tt.tokens.empty());
  EXPECT_LT(s, 20.0);
}

TEST(HostileInputTest, CombiningMarksStayWithTheirLetter) {
  nlp::TokenizedText tt = Tokenize("cafe\u0301 ok");
  ASSERT_EQ(Surfaces(tt, nlp::TokenKind::kWord), (std::vector<std::string>{"cafe\u0301", "ok"}));
  EXPECT_EQ(tt.Norm(tt.tokens[0]), "caf\u00E9") << "NFKC composes";
  // Zalgo: one letter with 100,000 marks. Handled in bounded time.
  std::string zalgo = "a";
  for (int i = 0; i < 100000; ++i) zalgo += "\u0301";
  double s = Seconds([&] { tt = Tokenize(zalgo + " b"); });
  EXPECT_EQ(Surfaces(tt, nlp::TokenKind::kWord).size(), 2u);
  EXPECT_LT(s, 20.0);
  std::string folded;
  nlp::NormalizeCasefold(zalgo, &folded);
  EXPECT_TRUE(nlp::IsValidUtf8(folded));
}

TEST(HostileInputTest, RtlScriptsAreWordsAndNotEnglish) {
  nlp::TokenizedText tt = Tokenize("\u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD");
  EXPECT_EQ(Surfaces(tt, nlp::TokenKind::kWord).size(), 2u);
  nlp::Extractor ex;
  std::vector<nlp::Occurrence> out;
  nlp::PostInput in;
  in.text = "\u0643\u0644\u0628\u064A \u0627\u0633\u0645\u0647 \u0631\u0648\u0641\u0631 \u064A\u0646\u0627\u0645 \u0643\u062B\u064A\u0631\u0627";
  in.lang = "ar";
  EXPECT_EQ(ex.Extract(in, &out), nlp::ExtractStatus::kNonEnglish);
  EXPECT_TRUE(out.empty());
  in.lang = "";
  EXPECT_EQ(ex.Extract(in, &out), nlp::ExtractStatus::kNonEnglish) << "told by content when the platform is silent";
}

TEST(HostileInputTest, HtmlEntitiesThatAreNotCharactersStayText) {
  std::string out;
  nlp::DecodeHtmlEntities("&#xD800; &#x110000; &#0; &#99999999999; &amp;lt; &#65;", &out);
  EXPECT_EQ(out, "&#xD800; &#x110000; &#0; &#99999999999; &lt; A");
  EXPECT_TRUE(nlp::IsValidUtf8(out));
}

TEST(HostileInputTest, PathologicalTextTakesBoundedTime) {
  // 1 MiB runs of what the tokenizer and extractor look at twice.
  nlp::Extractor ex;
  std::vector<nlp::Occurrence> occ;
  for (std::string unit : {"@", "#", "'", "-", "a'", "a-", "http://", "www.", "&amp;", "1.", "my dog ", "#A",
                           "\U0001F3FD", "\uFE0F", "?"}) {
    std::string text;
    while (text.size() < (1u << 20)) text += unit;
    SCOPED_TRACE(unit);
    double s = Seconds([&] {
      nlp::TokenizedText tt = Tokenize(text);
      nlp::PostInput in;
      in.text = text;
      in.lang = "en";
      ex.Extract(in, &occ);
    });
    EXPECT_LT(s, 30.0);
  }
}

// ---------------------------------------------------------------- writers

TEST(HostileInputTest, CsvFormulaTextIsNeutralised) {
  for (const char* cell : {"=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://evil\",\"x\")",
                           "=cmd|' /C calc'!A0"}) {
    SCOPED_TRACE(cell);
    std::string out = pipeline::CsvCell(cell);
    std::string inner = out.front() == '"' ? out.substr(1, out.size() - 2) : out;
    EXPECT_EQ(inner[0], '\'');
  }
  TempDir dir;
  ASSERT_TRUE(pipeline::WriteArtifactsCsv({ArtifactWith("=1+1")}, (dir.path() / "a.csv").string()).ok());
  std::string csv = ReadFile(dir.path() / "a.csv");
  EXPECT_EQ(csv.find(",=1+1"), std::string::npos);
  EXPECT_NE(csv.find(",'=1+1"), std::string::npos);
}

TEST(HostileInputTest, HtmlAndScriptInjectionIsEscaped) {
  const std::string evil = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>'";
  std::string out;
  pipeline::AppendHtmlEscaped(&out, evil);
  EXPECT_EQ(out.find_first_of("<>\"'"), std::string::npos);
  TempDir dir;
  pipeline::Artifact a = ArtifactWith(evil);
  a.evidence[0].url = "javascript:alert(1)";
  a.person.username = "x\" onmouseover=\"alert(1)";
  ASSERT_TRUE(pipeline::WriteReviewHtml({a}, {}, evil, (dir.path() / "r.html").string()).ok());
  std::string page = ReadFile(dir.path() / "r.html");
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_EQ(page.find("javascript:"), std::string::npos) << "only http(s) evidence links";
  EXPECT_EQ(page.find("onmouseover=\""), std::string::npos);
}

TEST(HostileInputTest, VCardInjectionStaysInsideItsValue) {
  TempDir dir;
  pipeline::Artifact a = ArtifactWith("Dana\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Mallory;x,y\\");
  a.person.username = "dana\nNOTE:owned";
  ASSERT_TRUE(pipeline::WriteVCards({a}, (dir.path() / "c.vcf").string()).ok());
  std::string vcf = ReadFile(dir.path() / "c.vcf");
  size_t cards = 0;
  for (size_t at = vcf.find("BEGIN:VCARD\r\n"); at != std::string::npos; at = vcf.find("BEGIN:VCARD\r\n", at + 1))
    cards += at == 0 || vcf[at - 1] == '\n';  // at a line start, not inside a value
  EXPECT_EQ(cards, 1u) << vcf;
  EXPECT_NE(vcf.find("FN:Dana\\nEND:VCARD\\nBEGIN:VCARD\\nFN:Mallory\\;x\\,y\\\\"), std::string::npos) << vcf;
  EXPECT_EQ(vcf.find("\nNOTE:owned"), std::string::npos);
  EXPECT_EQ(vcf.find("\nFN:Mallory"), std::string::npos);
}

TEST(HostileInputTest, HostilePlatformShapes) {
  // Mastodon HTML content: markup never reaches the post text.
  RawDoc masto = Doc(
      "[{\"id\":\"1\",\"created_at\":\"2026-01-01T00:00:00Z\",\"content\":\"<p>hi <script>alert(1)</script>"
      "<img src=x onerror=alert(1)> &lt;b&gt; &#0; &#xD800;</p>\",\"account\":{\"id\":\"5\",\"acct\":\"a\","
      "\"url\":\"https://m.example/@a\"}}]");
  masto.platform = "mastodon";
  ParsedDoc m;
  PostParser().Parse(masto, &m);
  for (const auto& p : m.posts) {
    EXPECT_EQ(p.text.find("<script"), std::string::npos) << p.text;
    EXPECT_EQ(p.text.find("<img"), std::string::npos) << p.text;
    EXPECT_TRUE(nlp::IsValidUtf8(p.text));
  }
  EXPECT_EQ(m.posts.size() + m.rejected.size(), 1u);
  // Bluesky facets pointing outside the text, and a mention facet with no DID.
  RawDoc bsky = Doc(
      "{\"feed\":[{\"post\":{\"uri\":\"at://did:plc:a/app.bsky.feed.post/1\",\"cid\":\"c\",\"author\":{\"did\":"
      "\"did:plc:a\",\"handle\":\"a.test\"},\"record\":{\"text\":\"hi @b\",\"createdAt\":\"2026-01-01T00:00:00Z\","
      "\"facets\":[{\"index\":{\"byteStart\":99999999999999999999,\"byteEnd\":-5},\"features\":[{\"$type\":"
      "\"app.bsky.richtext.facet#mention\"}]},{\"index\":{\"byteStart\":3,\"byteEnd\":2},\"features\":[]}]}}}]}");
  bsky.platform = "bluesky";
  ParsedDoc b;
  PostParser().Parse(bsky, &b);
  EXPECT_EQ(b.posts.size() + b.rejected.size(), 1u);
  for (const auto& r : b.rejected) EXPECT_FALSE(r.reason.empty());
}

TEST(HostileInputTest, DeadLetterKeepsAnyBytesAsValidJson) {
  TempDir dir;
  pipeline::DeadLetterWriter writer((dir.path() / "dl.jsonl").string(), 1 << 10);
  ASSERT_TRUE(writer.Open().ok());
  ASSERT_TRUE(writer.Write("f:1", "invalid UTF-8 at byte 1", std::string("a\xFF\0b", 4)).ok());
  ASSERT_TRUE(writer.Write("f:2", "line exceeds", std::string(1 << 20, '{')).ok());
  ASSERT_TRUE(writer.Commit().ok());
  std::string dl = ReadFile(dir.path() / "dl.jsonl");
  EXPECT_NE(dl.find("\"raw_base64\":\"Yf8AYg==\""), std::string::npos) << dl.substr(0, 200);
  EXPECT_NE(dl.find("\"raw_truncated\":true"), std::string::npos);
  EXPECT_LT(dl.size(), 4096u) << "raw capped at max_raw_bytes";
  EXPECT_TRUE(nlp::IsValidUtf8(dl));
}

// ---------------------------------------------------------------- files

TEST(HostileInputTest, TenMegabyteSingleLine) {
  TempDir dir;
  const std::string text(10 << 20, 'x');
  std::string path = dir.Write("big.jsonl", Post("\"1\"", text) + "\n" + Post("\"2\"", "after") + "\n");
  // Under the default 16 MiB line cap: read and parsed.
  {
    Drained got = Drain({path});
    ASSERT_EQ(got.docs.size(), 2u);
    ParsedDoc out;
    PostParser parser;
    for (const RawDoc& d : got.docs) parser.Parse(d, &out);
    ASSERT_EQ(out.posts.size(), 2u);
    EXPECT_EQ(out.posts[0].text.size(), text.size());
    nlp::TokenizedText tt = Tokenize(out.posts[0].text);
    EXPECT_EQ(tt.tokens.size(), 1u);
  }
  // Over a 1 MiB cap: reported with a reason, only a 4 KiB snippet held, the next line still read.
  FileSourceOptions options;
  options.max_line_bytes = 1 << 20;
  Drained got = Drain({path}, options);
  ASSERT_EQ(got.docs.size(), 2u);
  EXPECT_EQ(got.docs[0].read_error, "line exceeds 1048576 bytes");
  EXPECT_LE(got.docs[0].bytes.size(), 4096u);
  ParsedDoc out;
  PostParser parser;
  for (const RawDoc& d : got.docs) parser.Parse(d, &out);
  ASSERT_EQ(out.rejected.size(), 1u);
  EXPECT_EQ(out.rejected[0].reason, "line exceeds 1048576 bytes");
  EXPECT_EQ(out.rejected[0].origin, path + ":1");
  ASSERT_EQ(out.posts.size(), 1u);
  EXPECT_EQ(out.posts[0].id, "2");
}

// FINDING (open, docs/RELIABILITY.md F-2): an over-cap line is reported with
// a 4 KiB snippet, but the RawDoc keeps the buffer that grew to the cap (2x
// the cap after string growth), and the read stage counts size(), not
// capacity(): a batch fills with up to kMaxDocs cap-sized buffers (a 1.1 MB
// gzip file takes `rapport run` to 570 MB RSS). Enable this test once
// LineReader returns a right-sized snippet.
TEST(HostileInputTest, OverCapLinesKeepOnlyTheirSnippet) {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 4; ++i) lines += "{\"a\":\"" + std::string(3 << 20, '0') + "\"}\n";
  std::string path = dir.Write("long.jsonl", lines);
  FileSourceOptions options;
  options.max_line_bytes = 2 << 20;
  auto source = connectors::NewFileSource({path}, options);
  size_t docs = 0;
  for (;;) {
    RawDoc d;  // a fresh one each time, moved into the batch: as the read stage does
    if (!source->Next(&d)) break;
    ++docs;
    EXPECT_EQ(d.read_error, "line exceeds 2097152 bytes");
    EXPECT_LE(d.bytes.capacity(), 64u << 10) << "what the read stage does not count";
  }
  EXPECT_EQ(docs, 4u);
}

TEST(HostileInputTest, EmptyFilesYieldNothing) {
  TempDir dir;
  std::string empty = dir.Write("in/empty.jsonl", "");
  std::string blank = dir.Write("in/blank.jsonl", "\n\r\n   \n");
  std::string bom_only = dir.Write("in/bom.jsonl", "\xEF\xBB\xBF");
  Drained got = Drain({(dir.path() / "in").string(), empty, blank, bom_only});
  EXPECT_TRUE(got.status.ok()) << got.status.ToString();
  EXPECT_TRUE(got.docs.empty());
  ParsedDoc out = Parse("");
  ASSERT_EQ(out.rejected.size(), 1u);
  EXPECT_EQ(out.rejected[0].reason.rfind("invalid JSON: ", 0), 0u) << out.rejected[0].reason;
}

TEST(HostileInputTest, GzipBombStopsAtTheInflateCap) {
  TempDir dir;
  // JSON Lines by their first bytes, then 100 MB of zeros (one endless line),
  // or of newlines (endless blank lines).
  std::string zeros = WriteGzipRepeated(dir.path() / "zeros.gz", "0", 100u << 20, "{\"a\":\"");
  std::string newlines = WriteGzipRepeated(dir.path() / "newlines.gz", "\n", 100u << 20, "{}\n");
  ASSERT_LT(fs::file_size(zeros), 1u << 20) << "a bomb: < 1 MB on disk";
  const long rss_before = MaxRssKiB();
  FileSourceOptions options;
  options.max_inflated_bytes = 8 << 20;
  Drained got = Drain({zeros, newlines}, options);
  ASSERT_EQ(got.docs.size(), 3u);
  EXPECT_EQ(got.docs[0].read_error, "inflated size exceeds 8388608 bytes");
  EXPECT_EQ(got.docs[1].bytes, "{}") << "the newlines file's one record";
  EXPECT_EQ(got.docs[2].read_error, "inflated size exceeds 8388608 bytes");
  for (const RawDoc& d : got.docs) EXPECT_LE(d.bytes.size(), 4096u);
  // With the default caps, the 16 MiB line cap holds memory down while the
  // rest of the line is skipped.
  Drained defaults = Drain({zeros});
  ASSERT_EQ(defaults.docs.size(), 1u);
  EXPECT_EQ(defaults.docs[0].read_error, "line exceeds 16777216 bytes");
  EXPECT_LE(defaults.docs[0].bytes.size(), 4096u);
#ifndef RAPPORT_HOSTILE_ASAN  // ASan's quarantine keeps freed chunks resident
  EXPECT_LT(MaxRssKiB() - rss_before, 64L << 10) << "KiB; the bomb inflates to 100 MiB";
#else
  (void)rss_before;
#endif
}

TEST(HostileInputTest, BrokenGzipIsReported) {
  TempDir dir;
  std::string gz = WriteGzipRepeated(dir.path() / "posts.gz", Post("\"1\"", "x") + "\n", 1 << 20);
  std::string bytes = ReadFile(gz);
  std::string cut = dir.Write("cut.gz", bytes.substr(0, bytes.size() / 2));
  std::string flipped = bytes;
  for (size_t i = 20; i < flipped.size(); i += 97) flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
  std::string corrupt = dir.Write("corrupt.gz", flipped);
  for (const std::string& path : {cut, corrupt}) {
    SCOPED_TRACE(path);
    Drained got = Drain({path});
    ASSERT_FALSE(got.docs.empty());
    EXPECT_EQ(got.docs.back().read_error.rfind("gzip: ", 0), 0u) << got.docs.back().read_error;
  }
}

TEST(HostileInputTest, HostileXArchives) {
  EXPECT_EQ(Parse("window.YTD.tweets.part0", RawDoc::Kind::kXArchive).rejected.at(0).reason,
            "X archive without 'window.YTD... =' assignment");
  EXPECT_EQ(Parse("window.YTD.tweets.part0 = {}", RawDoc::Kind::kXArchive).rejected.at(0).reason,
            "X archive: expected an array of tweets");
  ParsedDoc mixed = Parse(
      "window.YTD.tweets.part0 = [{\"tweet\":{\"id_str\":\"1\",\"full_text\":\"hi\","
      "\"created_at\":\"Thu Jun 01 17:37:00 +0000 2023\"}},{\"tweet\":5},{\"tweet\":{\"full_text\":\"no id\"}}]",
      RawDoc::Kind::kXArchive);
  EXPECT_EQ(mixed.posts.size(), 1u);
  EXPECT_EQ(mixed.rejected.size(), 2u);
  // Without account.js the author is unknown: every tweet says so.
  TempDir dir;
  dir.Write("archive/data/tweets.js",
            "window.YTD.tweets.part0 = [{\"tweet\":{\"id_str\":\"1\",\"full_text\":\"hi\","
            "\"created_at\":\"Thu Jun 01 17:37:00 +0000 2023\"}}]");
  Drained got = Drain({(dir.path() / "archive").string()});
  ASSERT_EQ(got.docs.size(), 1u);
  ParsedDoc out;
  PostParser().Parse(got.docs[0], &out);
  ASSERT_EQ(out.rejected.size(), 1u);
  EXPECT_EQ(out.rejected[0].reason, "archive without account.js: unknown author");
}

TEST(HostileInputTest, HostileConfigFiles) {
  TempDir dir;
  auto parse = [&](std::string_view ini) {
    std::string path = dir.Write("rapport.ini", ini);
    const char* argv[] = {"run", "--config", path.c_str()};
    const char* env[] = {nullptr};
    return config::Parse(3, argv, env);
  };
  EXPECT_TRUE(parse("threads = 2\r\n").ok()) << "CRLF";
  EXPECT_FALSE(parse("thread = 4\n").ok());
  EXPECT_NE(parse("thread = 4\n").status().message().find("did you mean --threads"), std::string::npos);
  for (std::string bad : {std::string("threads = 99999999999999999999\n"), std::string("threads = -1\n"),
                          std::string("top-k = abc\n"), std::string("log-level = \xFF\n"), std::string("\0\0\0", 3),
                          std::string("[\n"), std::string(1 << 20, 'x')}) {
    auto r = parse(bad);
    EXPECT_FALSE(r.ok()) << bad.substr(0, 40);
    if (!r.ok()) {
      EXPECT_FALSE(r.status().message().empty());
    }
  }
  const char* argv[] = {"run", "--config", "/nonexistent/rapport.ini"};
  const char* env[] = {nullptr};
  auto missing = config::Parse(3, argv, env);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("cannot read"), std::string::npos);
}

// FINDING (open, docs/RELIABILITY.md F-1): a bad value that contains a
// Boost.Program_options message placeholder ("%value%") makes the error
// message loop forever in config::Parse (and grow without bound for
// "x%value%"): from the config file, the command line or RAPPORT_*. Run in a
// child with a 10 s alarm so the test fails instead of hanging. Enable once
// config.cc stops formatting those messages with what().
TEST(HostileInputTest, PlaceholderInABadValueDoesNotHangTheConfigReader) {
  TempDir dir;
  std::string ini = dir.Write("rapport.ini", "threads = %value%\n");
  for (int how = 0; how < 3; ++how) {
    SCOPED_TRACE(how);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      alarm(10);
      const char* from_file[] = {"run", "--config", ini.c_str()};
      const char* from_flag[] = {"run", "--threads", "x%value%"};
      const char* env_var[] = {"RAPPORT_TOP_K=%value%", nullptr};
      const char* no_env[] = {nullptr};
      auto r = how == 0 ? config::Parse(3, from_file, no_env)
                        : how == 1 ? config::Parse(3, from_flag, no_env) : config::Parse(1, from_file, env_var);
      _exit(r.ok() ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    EXPECT_EQ(WEXITSTATUS(status), 1) << "an InvalidArgument, promptly";
  }
}

// ---------------------------------------------------------------- end to end

TEST(HostileInputTest, HostileFolderEndToEndDeadLettersEachBadRecordWithAReason) {
  TempDir dir;
  std::string lines = Post("\"1\"", "My dog Rover sleeps all day") + "\n" +  // good
                      Post("\"2\"", "bad \xFF") + "\n" +                     // invalid UTF-8
                      Post("\"3\"", "\\ud800") + "\n" +                      // lone surrogate
                      "{\"data\":[" + std::string(5000, '[') + "\n" +        // truncated, deep
                      "\xEF\xBB\xBF{}\n" +                                   // BOM mid-file
                      Post("\"4\"", "=1+1 <script>alert(1)</script>") + "\n";
  dir.Write("in/posts.jsonl", lines);
  WriteGzipRepeated(dir.path() / "in/bomb.jsonl.gz", "0", 32u << 20, "{\"text\":\"");
  config::Config cfg;
  cfg.out_dir = (dir.path() / "out").string();
  cfg.threads = 2;
  FileSourceOptions options;
  options.max_inflated_bytes = 1 << 20;
  std::vector<std::unique_ptr<connectors::Source>> sources;
  sources.push_back(connectors::NewFileSource({(dir.path() / "in").string()}, options));
  pipeline::RunOutcome outcome = pipeline::RunPipeline(cfg, std::move(sources));
  EXPECT_EQ(outcome.exit_code(), 0);
  EXPECT_EQ(outcome.summary.posts_read, 2u);
  std::string dl = ReadFile(dir.path() / "out" / "deadletter.jsonl");
  size_t n = 0;
  for (size_t at = dl.find('\n'); at != std::string::npos; at = dl.find('\n', at + 1)) ++n;
  EXPECT_EQ(n, 5u) << dl.substr(0, 2000);
  EXPECT_EQ(outcome.summary.rejected, 5u);
  EXPECT_NE(dl.find("inflated size exceeds 1048576 bytes"), std::string::npos);
  EXPECT_NE(dl.find("invalid UTF-8 at byte"), std::string::npos);
  EXPECT_TRUE(nlp::IsValidUtf8(dl));
  std::string html = ReadFile(dir.path() / "out" / "review.html");
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
}

}  // namespace
}  // namespace rapport
