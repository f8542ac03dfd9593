#include "connectors/file_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/connectors/test_util.h"

namespace rapport::connectors {
namespace {

using rapport::testing::ReadFile;
using rapport::testing::TempDir;

const std::string kData = std::string(RAPPORT_TEST_DATA_DIR) + "/connectors/file_source";

struct Drained {
  std::vector<RawDoc> docs;
  Status status;
};

Drained Drain(std::vector<std::string> paths, FileSourceOptions options = {}) {
  Drained result;
  std::unique_ptr<Source> source = NewFileSource(std::move(paths), options);
  RawDoc doc;
  while (source->Next(&doc)) {
    EXPECT_GE(doc.bytes.capacity(), doc.bytes.size() + RawDoc::kPadding) << doc.origin.ToString();
    result.docs.push_back(doc);
  }
  result.status = source->status();
  return result;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

TEST(FileSourceTest, ReadsJsonLinesOneDocPerLine) {
  Drained got = Drain({kData + "/pages.jsonl"});
  ASSERT_RAPPORT_OK(got.status);
  std::vector<std::string> lines = Lines(ReadFile(kData + "/pages.jsonl"));
  ASSERT_EQ(lines.size(), 3u);
  ASSERT_EQ(got.docs.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(got.docs[i].kind, RawDoc::Kind::kJson);
    EXPECT_EQ(got.docs[i].origin.source, kData + "/pages.jsonl");
    EXPECT_EQ(got.docs[i].origin.line, i + 1);
    EXPECT_EQ(got.docs[i].bytes, lines[i]);
    EXPECT_EQ(got.docs[i].read_error, "");
  }
}

TEST(FileSourceTest, ReadsGzipJsonLinesByContentNotName) {
  TempDir dir;
  std::string text = ReadFile(kData + "/pages.jsonl");
  std::string gz = dir.WriteGzip("pages.jsonl.gz", text);
  std::string disguised = dir.WriteGzip("pages_no_suffix.jsonl", text);
  Drained got = Drain({gz, disguised});
  ASSERT_RAPPORT_OK(got.status);
  std::vector<std::string> lines = Lines(text);
  ASSERT_EQ(got.docs.size(), 6u);
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(got.docs[i].origin.source, i < 3 ? gz : disguised);
    EXPECT_EQ(got.docs[i].origin.line, i % 3 + 1);
    EXPECT_EQ(got.docs[i].bytes, lines[i % 3]);
  }
}

TEST(FileSourceTest, StripsCarriageReturns) {
  TempDir dir;
  std::string path = dir.Write("crlf.jsonl", "{\"a\":1}\r\n{\"b\":2}\r\n{\"c\":3}");
  Drained got = Drain({path});
  ASSERT_RAPPORT_OK(got.status);
  ASSERT_EQ(got.docs.size(), 3u);
  EXPECT_EQ(got.docs[0].bytes, "{\"a\":1}");
  EXPECT_EQ(got.docs[1].bytes, "{\"b\":2}");
  EXPECT_EQ(got.docs[2].bytes, "{\"c\":3}");
  EXPECT_EQ(got.docs[2].origin.line, 3u);
}

TEST(FileSourceTest, StripsUtf8ByteOrderMark) {
  TempDir dir;
  std::string lines = dir.Write("bom.jsonl", "\xEF\xBB\xBF{\"a\":1}\n{\"b\":2}\n");
  std::string doc = dir.Write("bom.json", "\xEF\xBB\xBF{\n  \"a\": 1\n}\n");
  std::string archive = dir.Write("archive/tweets.js", "\xEF\xBB\xBFwindow.YTD.tweets.part0 = []");
  Drained got = Drain({lines, doc, archive});
  ASSERT_RAPPORT_OK(got.status);
  ASSERT_EQ(got.docs.size(), 4u);
  EXPECT_EQ(got.docs[0].bytes, "{\"a\":1}");
  EXPECT_EQ(got.docs[1].bytes, "{\"b\":2}");
  EXPECT_EQ(got.docs[2].bytes, "{\n  \"a\": 1\n}\n");
  EXPECT_EQ(got.docs[3].bytes, "window.YTD.tweets.part0 = []");
}

TEST(FileSourceTest, SkipsBlankLinesButKeepsLineNumbers) {
  TempDir dir;
  std::string path = dir.Write("blank.jsonl", "\n{\"a\":1}\n   \n\t\r\n{\"b\":2}\n\n");
  Drained got = Drain({path});
  ASSERT_RAPPORT_OK(got.status);
  ASSERT_EQ(got.docs.size(), 2u);
  EXPECT_EQ(got.docs[0].origin.line, 2u);
  EXPECT_EQ(got.docs[1].origin.line, 5u);
  EXPECT_EQ(got.docs[1].bytes, "{\"b\":2}");
}

TEST(FileSourceTest, PrettyPrintedResponseIsOneDoc) {
  Drained got = Drain({kData + "/search_response.json"});
  ASSERT_RAPPORT_OK(got.status);
  ASSERT_EQ(got.docs.size(), 1u);
  EXPECT_EQ(got.docs[0].kind, RawDoc::Kind::kJson);
  EXPECT_EQ(got.docs[0].origin.line, 1u);
  EXPECT_EQ(got.docs[0].bytes, ReadFile(kData + "/search_response.json"));
}

TEST(FileSourceTest, SingleLineFileIsOneDoc) {
  TempDir dir;
  std::string no_newline = dir.Write("one.json", "{\"data\":[]}");
  std::string with_newline = dir.Write("two.json", "{\"data\":[]}\n");
  Drained got = Drain({no_newline, with_newline});
  ASSERT_RAPPORT_OK(got.status);
  ASSERT_EQ(got.docs.size(), 2u);
  for (const RawDoc& doc : got.docs) {
    EXPECT_EQ(doc.bytes, "{\"data\":[]}");
    EXPECT_EQ(doc.origin.line, 1u);
  }
}

TEST(FileSourceTest, ArchiveTweetsCarryOwnerFromAccountJs) {
  Drained got = Drain({kData + "/x_archive"});
  ASSERT_RAPPORT_OK(got.status);
  // account.js, like.js and README.txt are not posts.
  ASSERT_EQ(got.docs.size(), 1u);
  const RawDoc& doc = got.docs[0];
  EXPECT_EQ(doc.kind, RawDoc::Kind::kXArchive);
  EXPECT_EQ(doc.origin.source, kData + "/x_archive/data/tweets.js");
  EXPECT_EQ(doc.origin.line, 0u);
  EXPECT_EQ(doc.bytes, ReadFile(kData + "/x_archive/data/tweets.js"));
  EXPECT_EQ(doc.owner_id, "1093321775");
  EXPECT_EQ(doc.owner_username, "dana_rios");
  EXPECT_EQ(doc.owner_name, "Dana Rios");
  EXPECT_EQ(doc.read_error, "");
}

TEST(FileSourceTest, ArchiveOwnerFoundByContentAndThroughGzip) {
  TempDir dir;
  dir.WriteGzip("data/acct.js.gz", ReadFile(kData + "/x_archive/data/account.js"));
  std::string tweets = dir.WriteGzip("data/tweets-part1.js.gz", "window.YTD.tweets.part1 = [ ]\n");
  Drained got = Drain({tweets});
  ASSERT_RAPPORT_OK(got.status);
  ASSERT_EQ(got.docs.size(), 1u);
  EXPECT_EQ(got.docs[0].kind, RawDoc::Kind::kXArchive);
  EXPECT_EQ(got.docs[0].bytes, "window.YTD.tweets.part1 = [ ]\n");
  EXPECT_EQ(got.docs[0].owner_username, "dana_rios");
}

TEST(FileSourceTest, ArchiveWithoutAccountJsHasNoOwner) {
  TempDir dir;
  std::string tweets = dir.Write("data/tweets.js", ReadFile(kData + "/x_archive/data/tweets.js"));
  Drained got = Drain({dir.path()});
  ASSERT_RAPPORT_OK(got.status);
  ASSERT_EQ(got.docs.size(), 1u);
  EXPECT_EQ(got.docs[0].kind, RawDoc::Kind::kXArchive);
  EXPECT_EQ(got.docs[0].origin.source, tweets);
  EXPECT_EQ(got.docs[0].owner_id, "");
  EXPECT_EQ(got.docs[0].owner_username, "");
  EXPECT_EQ(got.docs[0].read_error, "");
}

TEST(FileSourceTest, ArchiveWithBrokenAccountJsSaysWhy) {
  TempDir dir;
  dir.Write("data/account.js", "window.YTD.account.part0 = [ { \"account\" : { \"email\" : \"x\" } } ]");
  dir.Write("data/tweets.js", "window.YTD.tweets.part0 = [ ]");
  Drained got = Drain({dir.path()});
  ASSERT_RAPPORT_OK(got.status);
  ASSERT_EQ(got.docs.size(), 1u);
  EXPECT_EQ(got.docs[0].owner_id, "");
  EXPECT_NE(got.docs[0].read_error.find("accountId"), std::string::npos) << got.docs[0].read_error;
}

TEST(FileSourceTest, WalksFoldersRecursivelyInPathOrder) {
  TempDir dir;
  dir.Write("b.jsonl", "{\"f\":\"b\"}\n");
  dir.Write("a/z.jsonl", "{\"f\":\"a/z\"}\n");
  dir.Write("a/b/c.json", "{\"f\":\"a/b/c\"}");
  dir.Write("a/b.jsonl", "{\"f\":\"a/b.jsonl\"}\n");
  dir.Write(".hidden.jsonl", "{\"f\":\"hidden\"}\n");
  dir.Write(".git/objects.jsonl", "{\"f\":\"hidden dir\"}\n");
  dir.Write("notes.txt", "just some notes\n");
  dir.Write("image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  dir.Write("empty.jsonl", "");
  dir.Write("spaces.jsonl", "  \n\n");
  Drained got = Drain({dir.path()});
  ASSERT_RAPPORT_OK(got.status);
  std::vector<std::string> order;
  for (const RawDoc& doc : got.docs) {
    EXPECT_EQ(doc.read_error, "");
    order.push_back(doc.bytes);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"{\"f\":\"a/b.jsonl\"}", "{\"f\":\"a/b/c\"}", "{\"f\":\"a/z\"}",
                                             "{\"f\":\"b\"}"}));
}

TEST(FileSourceTest, NamedUnsupportedFileIsReportedNotSkipped) {
  TempDir dir;
  std::string notes = dir.Write("notes.txt", "just some notes\n");
  Drained got = Drain({notes});
  ASSERT_RAPPORT_OK(got.status);
  ASSERT_EQ(got.docs.size(), 1u);
  EXPECT_EQ(got.docs[0].origin.source, notes);
  EXPECT_NE(got.docs[0].read_error.find("not a supported format"), std::string::npos);
}

TEST(FileSourceTest, MissingPathFailsAfterReadingTheOthers) {
  TempDir dir;
  std::string missing = dir.path() + "/nope.jsonl";
  Drained got = Drain({missing, kData + "/pages.jsonl", dir.path() + "/gone"});
  EXPECT_EQ(got.docs.size(), 3u);
  ASSERT_FALSE(got.status.ok());
  EXPECT_EQ(got.status.code(), Status::Code::kNotFound);
  EXPECT_NE(got.status.message().find(missing), std::string::npos) << got.status.ToString();
}

TEST(FileSourceTest, OverlongLineIsReportedAndReadingGoesOn) {
  TempDir dir;
  std::string big = "{\"text\":\"" + std::string(100000, 'x') + "\"}";
  std::string path = dir.Write("long.jsonl", "{\"a\":1}\n" + big + "\n{\"b\":2}\n\n{\"c\":3}\n");
  FileSourceOptions options;
  options.max_line_bytes = 1000;
  Drained got = Drain({path}, options);
  ASSERT_RAPPORT_OK(got.status);
  ASSERT_EQ(got.docs.size(), 4u);
  EXPECT_EQ(got.docs[0].read_error, "");
  EXPECT_EQ(got.docs[1].read_error, "line exceeds 1000 bytes");
  EXPECT_EQ(got.docs[1].origin.line, 2u);
  EXPECT_EQ(got.docs[1].bytes, big.substr(0, 4096));
  EXPECT_EQ(got.docs[2].bytes, "{\"b\":2}");
  EXPECT_EQ(got.docs[2].origin.line, 3u);
  EXPECT_EQ(got.docs[3].bytes, "{\"c\":3}");
  EXPECT_EQ(got.docs[3].origin.line, 5u);
}

TEST(FileSourceTest, LineOfExactlyTheCapIsKeptEvenWithCrlf) {
  TempDir dir;
  std::string line = "{\"t\":\"" + std::string(92, 'y') + "\"}";
  ASSERT_EQ(line.size(), 100u);
  std::string path = dir.Write("exact.jsonl", line + "\r\n" + line + "\r\n");
  FileSourceOptions options;
  options.max_line_bytes = 100;
  Drained got = Drain({path}, options);
  ASSERT_EQ(got.docs.size(), 2u);
  EXPECT_EQ(got.docs[0].read_error, "");
  EXPECT_EQ(got.docs[0].bytes, line);
}

TEST(FileSourceTest, LinesAcrossChunkBoundariesAreWhole) {
  TempDir dir;
  std::string text;
  std::vector<std::string> expected;
  for (int i = 0; text.size() < 3u << 20; ++i) {
    std::string line = "{\"i\":" + std::to_string(i) + ",\"pad\":\"" + std::string(i * 37 % 5000, 'p') + "\"}";
    expected.push_back(line);
    text += line + (i % 3 == 0 ? "\r\n" : "\n");
  }
  std::string plain = dir.Write("big.jsonl", text);
  std::string gz = dir.WriteGzip("big.jsonl.gz", text);
  for (const std::string& path : {plain, gz}) {
    Drained got = Drain({path});
    ASSERT_RAPPORT_OK(got.status);
    ASSERT_EQ(got.docs.size(), expected.size()) << path;
    for (size_t i = 0; i < expected.size(); ++i) {
      ASSERT_EQ(got.docs[i].bytes, expected[i]) << path << ":" << i + 1;
      ASSERT_EQ(got.docs[i].origin.line, i + 1);
    }
  }
}

TEST(FileSourceTest, GzipBombStopsAtTheInflateCap) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "{\"n\":" + std::to_string(i) + ",\"z\":\"" + std::string(100, '0') + "\"}\n";
  std::string bomb = dir.WriteGzip("a_bomb.jsonl.gz", text);
  std::string after = dir.Write("b_after.jsonl", "{\"ok\":true}\n");
  ASSERT_LT(std::filesystem::file_size(bomb), 64u << 10);
  FileSourceOptions options;
  options.max_inflated_bytes = 64 << 10;
  Drained got = Drain({dir.path()}, options);
  ASSERT_RAPPORT_OK(got.status);
  ASSERT_GE(got.docs.size(), 3u);
  size_t whole_lines = 0;
  for (size_t end = text.find('\n'); end < 64u << 10; end = text.find('\n', end + 1)) ++whole_lines;
  ASSERT_EQ(got.docs.size(), whole_lines + 2);
  const RawDoc& error = got.docs[whole_lines];
  EXPECT_EQ(error.origin.source, bomb);
  EXPECT_EQ(error.origin.line, whole_lines + 1);
  EXPECT_EQ(error.read_error, "inflated size exceeds 65536 bytes");
  EXPECT_EQ(got.docs.back().origin.source, after);
  EXPECT_EQ(got.docs.back().bytes, "{\"ok\":true}");
}

TEST(FileSourceTest, GzipBombArchiveIsCappedToo) {
  TempDir dir;
  std::string tweets = dir.WriteGzip("tweets.js.gz", "window.YTD.tweets.part0 = [" + std::string(1 << 20, ' ') + "]");
  FileSourceOptions options;
  options.max_inflated_bytes = 4096;
  Drained got = Drain({tweets}, options);
  ASSERT_EQ(got.docs.size(), 1u);
  EXPECT_EQ(got.docs[0].kind, RawDoc::Kind::kXArchive);
  EXPECT_EQ(got.docs[0].read_error, "inflated size exceeds 4096 bytes");
}

TEST(FileSourceTest, TruncatedGzipYieldsWhatWasReadThenAnError) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 5000; ++i)
    text += "{\"n\":" + std::to_string(i) + ",\"r\":" + std::to_string(i * 7919 % 10007) + "}\n";
  std::string gz = dir.WriteGzip("cut.jsonl.gz", text);
  std::string whole = ReadFile(gz);
  dir.Write("cut.jsonl.gz", whole.substr(0, whole.size() / 2));
  Drained got = Drain({gz});
  ASSERT_RAPPORT_OK(got.status);
  ASSERT_GE(got.docs.size(), 100u);
  const RawDoc& error = got.docs.back();
  EXPECT_EQ(error.read_error, "gzip: unexpected end of file");
  EXPECT_EQ(error.origin.line, got.docs.size());
  std::vector<std::string> lines = Lines(text);
  for (size_t i = 0; i + 1 < got.docs.size(); ++i) {
    ASSERT_EQ(got.docs[i].bytes, lines[i]);
    ASSERT_EQ(got.docs[i].read_error, "");
  }
  // The error doc keeps the partial line, for the dead-letter record.
  EXPECT_EQ(lines[got.docs.size() - 1].substr(0, error.bytes.size()), error.bytes);
}

TEST(FileSourceTest, CorruptGzipIsReported) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "{\"n\":" + std::to_string(i * 31337 % 100003) + "}\n";
  std::string gz = dir.WriteGzip("bad.jsonl.gz", text);
  std::string bytes = ReadFile(gz);
  for (size_t i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
  dir.Write("bad.jsonl.gz", bytes);
  Drained got = Drain({gz});
  ASSERT_RAPPORT_OK(got.status);
  ASSERT_FALSE(got.docs.empty());
  EXPECT_EQ(got.docs.back().read_error.rfind("gzip: ", 0), 0u) << got.docs.back().read_error;
  for (size_t i = 0; i + 1 < got.docs.size(); ++i) EXPECT_EQ(got.docs[i].read_error, "");
}

TEST(FileSourceTest, UnreadableFileIsAnIoError) {
  if (geteuid() == 0) GTEST_SKIP() << "root can read any file";
  TempDir dir;
  std::string path = dir.Write("secret.jsonl", "{\"a\":1}\n");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  Drained got = Drain({path});
  EXPECT_EQ(got.status.code(), Status::Code::kIoError);
  EXPECT_NE(got.status.message().find(path), std::string::npos);
}

}  // namespace
}  // namespace rapport::connectors
