#include "pipeline/export/crm_exporters.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/export/json_text.h"
#include "tests/export/csv_reader.h"
#include "tests/test_files.h"

namespace rapport::pipeline {
namespace {

namespace fs = std::filesystem;
using ::rapport::test::ParseCsv;

using testing::ReadFile;

Artifact Make(const PersonRef& person, std::string category, std::string value, std::string key = "") {
  Artifact a;
  a.person = person;
  a.category = std::move(category);
  a.value = std::move(value);
  a.key = key.empty() ? a.category + "|" + a.value : std::move(key);
  a.review = "accepted";
  return a;
}

const PersonRef kDana = {"x", "1093321775", "dana_rios", "Dana Rios"};

// ---- A small strict vCard 4.0 reader (RFC 6350 §3) ----

struct VProperty {
  std::string name;
  std::vector<std::string> params;  // as written, e.g. "TYPE=x"
  std::string value;                // still escaped
};

struct VCard {
  std::vector<VProperty> props;

  const VProperty* Find(std::string_view name) const {
    for (const VProperty& p : props)
      if (p.name == name) return &p;
    return nullptr;
  }
  int Count(std::string_view name) const {
    int n = 0;
    for (const VProperty& p : props) n += p.name == name;
    return n;
  }
};

// Checks the physical layout and unfolds into logical lines. Every line ends
// in CRLF (no other CR or LF), is at most 75 octets, is valid UTF-8 on its own
// (folds fall between characters) and does not end inside a backslash escape.
bool Unfold(const std::string& file, std::vector<std::string>* lines, std::string* error) {
  size_t i = 0;
  while (i < file.size()) {
    const size_t eol = file.find("\r\n", i);
    if (eol == std::string::npos) {
      *error = "no CRLF at the end of the file";
      return false;
    }
    const std::string_view physical(file.data() + i, eol - i);
    if (physical.find_first_of("\r\n") != std::string_view::npos) {
      *error = "bare CR or LF in: " + std::string(physical);
      return false;
    }
    if (physical.size() > 75) {
      *error = "line of " + std::to_string(physical.size()) + " octets: " + std::string(physical);
      return false;
    }
    if (!IsValidUtf8(physical)) {
      *error = "fold inside a UTF-8 character: " + std::string(physical);
      return false;
    }
    const bool continuation = !physical.empty() && (physical[0] == ' ' || physical[0] == '\t');
    std::string_view content = continuation ? physical.substr(1) : physical;
    bool escaped = false;
    for (char c : content) escaped = !escaped && c == '\\';
    const bool next_continues = eol + 2 < file.size() && (file[eol + 2] == ' ' || file[eol + 2] == '\t');
    if (escaped && next_continues) {
      *error = "fold inside an escape: " + std::string(physical);
      return false;
    }
    if (continuation) {
      if (lines->empty()) {
        *error = "continuation without a line";
        return false;
      }
      lines->back().append(content);
    } else {
      lines->emplace_back(content);
    }
    i = eol + 2;
  }
  return true;
}

bool ParseProperty(const std::string& line, VProperty* prop) {
  size_t i = 0;
  while (i < line.size() && line[i] != ';' && line[i] != ':') prop->name.push_back(line[i++]);
  if (prop->name.empty()) return false;
  while (i < line.size() && line[i] == ';') {
    ++i;
    std::string param;
    bool quoted = false;
    while (i < line.size() && (quoted || (line[i] != ';' && line[i] != ':'))) {
      if (line[i] == '"') quoted = !quoted;
      param.push_back(line[i++]);
    }
    prop->params.push_back(param);
  }
  if (i >= line.size() || line[i] != ':') return false;
  prop->value = line.substr(i + 1);
  return true;
}

bool ParseVCards(const std::string& file, std::vector<VCard>* cards, std::string* error) {
  std::vector<std::string> lines;
  if (!Unfold(file, &lines, error)) return false;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] != "BEGIN:VCARD") {
      *error = "expected BEGIN:VCARD, got " + lines[i];
      return false;
    }
    if (i + 1 >= lines.size() || lines[i + 1] != "VERSION:4.0") {
      *error = "VERSION:4.0 must follow BEGIN";
      return false;
    }
    VCard card;
    for (i += 2; i < lines.size() && lines[i] != "END:VCARD"; ++i) {
      VProperty prop;
      if (!ParseProperty(lines[i], &prop)) {
        *error = "bad content line: " + lines[i];
        return false;
      }
      card.props.push_back(prop);
    }
    if (i >= lines.size()) {
      *error = "missing END:VCARD";
      return false;
    }
    cards->push_back(card);
  }
  return true;
}

// Unescapes an RFC 6350 text value; nullopt on an unknown escape or a trailing backslash.
std::optional<std::string> Unescape(std::string_view v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\\') {
      out.push_back(v[i]);
      continue;
    }
    if (++i >= v.size()) return std::nullopt;
    switch (v[i]) {
      case '\\': out.push_back('\\'); break;
      case ',': out.push_back(','); break;
      case ';': out.push_back(';'); break;
      case 'n': case 'N': out.push_back('\n'); break;
      default: return std::nullopt;
    }
  }
  return out;
}

// Splits a text-list value on unescaped commas and unescapes each item.
std::vector<std::string> SplitList(std::string_view v) {
  std::vector<std::string> items;
  size_t start = 0;
  for (size_t i = 0; i <= v.size(); ++i) {
    if (i == v.size() || v[i] == ',') {
      items.push_back(Unescape(v.substr(start, i - start)).value_or("<bad escape>"));
      start = i + 1;
    } else if (v[i] == '\\') {
      ++i;
    }
  }
  return items;
}

std::string Text(const VCard& card, std::string_view name) {
  const VProperty* p = card.Find(name);
  if (p == nullptr) return "<missing " + std::string(name) + ">";
  return Unescape(p->value).value_or("<bad escape>");
}

// What a text value reads back as: line breaks become LF, other controls (not TAB) a space.
std::string Normalised(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if ((c != '\n' && c != '\t' && static_cast<unsigned char>(c) < 0x20) || c == 0x7F) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out.append(s);
  return out;
}

class CrmExportersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rapport_crm_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string WriteAndReadVcf(const std::vector<Artifact>& artifacts) {
    const fs::path path = dir_ / "contacts.vcf";
    Status s = WriteVCards(artifacts, path.string());
    EXPECT_TRUE(s.ok()) << s.ToString();
    return ReadFile(path);
  }
  std::vector<VCard> WriteAndParseVcf(const std::vector<Artifact>& artifacts) {
    const std::string vcf = WriteAndReadVcf(artifacts);
    std::vector<VCard> cards;
    std::string error;
    EXPECT_TRUE(ParseVCards(vcf, &cards, &error)) << error << "\n" << vcf;
    return cards;
  }
  std::vector<std::vector<std::string>> WriteAndParseCsv(const std::vector<Artifact>& artifacts) {
    const fs::path path = dir_ / "crm.csv";
    Status s = WriteCrmCsv(artifacts, path.string());
    EXPECT_TRUE(s.ok()) << s.ToString();
    const std::string csv = ReadFile(path);
    std::vector<std::vector<std::string>> rows;
    EXPECT_TRUE(ParseCsv(csv, &rows)) << csv;
    return rows;
  }

  fs::path dir_;
};

// ---- Shared pieces ----

TEST(CrmDateTest, FindsPartialAndFullDates) {
  struct Case {
    std::string_view in;
    int year, month, day;  // month 0: no date
  };
  const Case cases[] = {
      {"--0415", 0, 4, 15},
      {"--04-15", 0, 4, 15},
      {"birthday: --0503", 0, 5, 3},
      {"1990-04-15", 1990, 4, 15},
      {"19900415", 1990, 4, 15},
      {"married 2015-06-20, Lisbon", 2015, 6, 20},
      {"2023-06-01T17:37:00Z", 2023, 6, 1},
      {"--0229", 0, 2, 29},
      {"2024-02-29", 2024, 2, 29},
      {"2000-02-29", 2000, 2, 29},
      {"--1231", 0, 12, 31},
      {"--0101", 0, 1, 1},
      {"--1315", 0, 0, 0},       // month 13
      {"--0015", 0, 0, 0},       // month 0
      {"--0400", 0, 0, 0},       // day 0
      {"--0432", 0, 0, 0},       // day 32
      {"--0431", 0, 0, 0},       // April has 30 days
      {"--0230", 0, 0, 0},
      {"2023-02-29", 0, 0, 0},   // not a leap year
      {"1900-02-29", 0, 0, 0},
      {"0000-04-15", 0, 0, 0},
      {"--04155", 0, 0, 0},      // touches more digits
      {"call 120230415", 0, 0, 0},
      {"2023-0415", 0, 0, 0},
      {"--4-15", 0, 0, 0},
      {"birthday", 0, 0, 0},
      {"", 0, 0, 0},
      {"--1315 then --0102", 0, 1, 2},  // invalid candidates are skipped
  };
  for (const Case& c : cases) {
    std::optional<CrmDate> d = FindDate(c.in);
    if (c.month == 0) {
      EXPECT_FALSE(d.has_value()) << c.in;
      continue;
    }
    ASSERT_TRUE(d.has_value()) << c.in;
    EXPECT_EQ(d->year, c.year) << c.in;
    EXPECT_EQ(d->month, c.month) << c.in;
    EXPECT_EQ(d->day, c.day) << c.in;
  }
}

TEST(CrmDateTest, FormatsAndPrefersKey) {
  EXPECT_EQ(VCardDate({0, 4, 15}), "--0415");
  EXPECT_EQ(VCardDate({1990, 4, 5}), "19900405");
  EXPECT_EQ(IsoDate({0, 4, 15}), "04-15");
  EXPECT_EQ(IsoDate({1990, 4, 5}), "1990-04-05");
  Artifact a = Make(kDana, "birthday", "birthday: --0601", "--0503");
  EXPECT_EQ(IsoDate(*ArtifactDate(a)), "05-03");
  a.key = "birthday|sometime";
  EXPECT_EQ(IsoDate(*ArtifactDate(a)), "06-01");
  a.value = "birthday: soon";
  EXPECT_FALSE(ArtifactDate(a).has_value());
}

TEST(CrmProfileUrlTest, BuildsOnlySafeUrls) {
  EXPECT_EQ(ProfileUrl({"x", "1", "dana_rios", ""}), "https://x.com/dana_rios");
  EXPECT_EQ(ProfileUrl({"x", "1", "dana rios", ""}), "");
  EXPECT_EQ(ProfileUrl({"x", "1", "a\"><script>", ""}), "");
  EXPECT_EQ(ProfileUrl({"x", "1", "", ""}), "");
  EXPECT_EQ(ProfileUrl({"x", "1", std::string(51, 'a'), ""}), "");
  EXPECT_EQ(ProfileUrl({"bluesky", "did:plc:abc", "dana.bsky.social", ""}),
            "https://bsky.app/profile/dana.bsky.social");
  EXPECT_EQ(ProfileUrl({"bluesky", "did:plc:abc", "did:plc:abc", ""}), "https://bsky.app/profile/did:plc:abc");
  EXPECT_EQ(ProfileUrl({"bluesky", "1", "dana/../x", ""}), "");
  EXPECT_EQ(ProfileUrl({"mastodon", "1", "https://mastodon.social/@dana", ""}), "https://mastodon.social/@dana");
  EXPECT_EQ(ProfileUrl({"mastodon", "1", "dana@mastodon.social", ""}), "https://mastodon.social/@dana");
  EXPECT_EQ(ProfileUrl({"mastodon", "1", "@dana@fosstodon.org", ""}), "https://fosstodon.org/@dana");
  EXPECT_EQ(ProfileUrl({"mastodon", "1", "dana", ""}), "");
  EXPECT_EQ(ProfileUrl({"mastodon", "1", "javascript:alert(1)", ""}), "");
  EXPECT_EQ(ProfileUrl({"mastodon", "1", "https://evil.example/a,b", ""}), "");
  EXPECT_EQ(ProfileUrl({"mastodon", "1", "https://evil.example/a b", ""}), "");
  EXPECT_EQ(ProfileUrl({"mastodon", "1", "dana@evil/x.org", ""}), "");
  EXPECT_EQ(ProfileUrl({"linkedin", "1", "dana", ""}), "");
}

TEST(CrmGroupTest, GroupsByPlatformAndIdInOrderOfFirstAppearance) {
  std::vector<Artifact> in = {
      Make({"x", "1", "dana", ""}, "pet", "dog"),
      Make({"bluesky", "1", "dana.bsky.social", "Dana B"}, "pet", "cat"),
      Make({"x", "2", "sam", "Sam"}, "job", "nurse"),
      Make({"x", "1", "dana", "Dana"}, "hobby", "pottery"),
  };
  std::vector<CrmPerson> people = GroupByPerson(in);
  ASSERT_EQ(people.size(), 3u);
  EXPECT_EQ(people[0].person.platform, "x");
  EXPECT_EQ(people[0].person.id, "1");
  EXPECT_EQ(people[0].person.name, "Dana");  // first non-empty
  ASSERT_EQ(people[0].artifacts.size(), 2u);
  EXPECT_EQ(people[0].artifacts[0], &in[0]);
  EXPECT_EQ(people[0].artifacts[1], &in[3]);
  EXPECT_EQ(people[1].person.platform, "bluesky");
  EXPECT_EQ(people[2].person.id, "2");
}

TEST(CrmNoteLineTest, PrefixesCategoryOnce) {
  EXPECT_EQ(NoteLine(Make(kDana, "pet", "dog: Rover")), "pet: dog: Rover");
  EXPECT_EQ(NoteLine(Make(kDana, "birthday", "birthday: --0503")), "birthday: --0503");
  EXPECT_EQ(NoteLine(Make(kDana, "birthday", "birthdays: many")), "birthday: birthdays: many");
  EXPECT_EQ(NoteLine(Make(kDana, "", "loose")), "loose");
}

// ---- vCard ----

TEST_F(CrmExportersTest, VCardExactOutput) {
  std::vector<Artifact> in = {
      Make(kDana, "pet", "dog: Rover"),
      Make(kDana, "birthday", "birthday: --0503", "--0503"),
      Make(kDana, "topic", "hiking"),
      Make(kDana, "anniversary", "anniversary: --0620", "--0620"),
  };
  EXPECT_EQ(WriteAndReadVcf(in),
            "BEGIN:VCARD\r\n"
            "VERSION:4.0\r\n"
            "FN:Dana Rios\r\n"
            "NICKNAME:dana_rios\r\n"
            "UID:urn:rapport:x:1093321775\r\n"
            "BDAY:--0503\r\n"
            "ANNIVERSARY:--0620\r\n"
            "CATEGORIES:pet,birthday,topic,anniversary\r\n"
            "NOTE:pet: dog: Rover\\ntopic: hiking\r\n"
            "X-SOCIALPROFILE;TYPE=x:https://x.com/dana_rios\r\n"
            "END:VCARD\r\n");
}

TEST_F(CrmExportersTest, VCardEmptyInputWritesEmptyFile) {
  EXPECT_EQ(WriteAndReadVcf({}), "");
}

TEST_F(CrmExportersTest, VCardOneCardPerPersonInOrder) {
  const PersonRef sam = {"x", "2", "sam", ""};
  const PersonRef bsky = {"bluesky", "1093321775", "dana.bsky.social", "Dana on Bluesky"};
  std::vector<Artifact> in = {
      Make(sam, "pet", "cat"),       Make(kDana, "pet", "dog"), Make(bsky, "hobby", "pottery"),
      Make(sam, "job", "nurse"),     Make(kDana, "pet", "cat"),
  };
  std::vector<VCard> cards = WriteAndParseVcf(in);
  ASSERT_EQ(cards.size(), 3u);
  EXPECT_EQ(Text(cards[0], "FN"), "@sam");  // no name
  EXPECT_EQ(Text(cards[0], "NOTE"), "pet: cat\njob: nurse");
  EXPECT_EQ(SplitList(cards[0].Find("CATEGORIES")->value), (std::vector<std::string>{"pet", "job"}));
  EXPECT_EQ(Text(cards[1], "FN"), "Dana Rios");
  EXPECT_EQ(Text(cards[1], "NOTE"), "pet: dog\npet: cat");
  EXPECT_EQ(SplitList(cards[1].Find("CATEGORIES")->value), (std::vector<std::string>{"pet"}));
  EXPECT_EQ(Text(cards[2], "FN"), "Dana on Bluesky");
  EXPECT_EQ(cards[2].Find("UID")->value, "urn:rapport:bluesky:1093321775");
  const VProperty* social = cards[2].Find("X-SOCIALPROFILE");
  ASSERT_NE(social, nullptr);
  EXPECT_EQ(social->params, (std::vector<std::string>{"TYPE=bluesky"}));
  EXPECT_EQ(social->value, "https://bsky.app/profile/dana.bsky.social");
  for (const VCard& c : cards) {
    for (std::string_view once : {"FN", "UID"}) EXPECT_EQ(c.Count(once), 1) << once;
    EXPECT_EQ(c.Count("BDAY"), 0);
  }
}

TEST_F(CrmExportersTest, VCardDates) {
  const PersonRef a = {"x", "1", "a", "A"}, b = {"x", "2", "b", "B"}, c = {"x", "3", "c", "C"};
  std::vector<Artifact> in = {
      // a: the first dated birthday wins; the undated and the later one become notes.
      Make(a, "birthday", "birthday: soon", "birthday|soon"),
      Make(a, "birthday", "birthday: --0415", "--0415"),
      Make(a, "birthday", "birthday: --0101", "--0101"),
      Make(a, "anniversary", "married 2015-06-20"),
      // b: full date in the value; invalid anniversary goes to NOTE.
      Make(b, "birthday", "born 1990-04-05"),
      Make(b, "anniversary", "anniversary: --1332", "--1332"),
      // c: --MM-DD form in the key.
      Make(c, "birthday", "birthday", "--12-31"),
  };
  std::vector<VCard> cards = WriteAndParseVcf(in);
  ASSERT_EQ(cards.size(), 3u);
  EXPECT_EQ(cards[0].Find("BDAY")->value, "--0415");
  EXPECT_EQ(cards[0].Find("ANNIVERSARY")->value, "20150620");
  EXPECT_EQ(Text(cards[0], "NOTE"), "birthday: soon\nbirthday: --0101");
  EXPECT_EQ(SplitList(cards[0].Find("CATEGORIES")->value), (std::vector<std::string>{"birthday", "anniversary"}));
  EXPECT_EQ(cards[1].Find("BDAY")->value, "19900405");
  EXPECT_EQ(cards[1].Find("ANNIVERSARY"), nullptr);
  EXPECT_EQ(Text(cards[1], "NOTE"), "anniversary: --1332");
  EXPECT_EQ(cards[2].Find("BDAY")->value, "--1231");
  EXPECT_EQ(cards[2].Find("NOTE"), nullptr);
}

TEST_F(CrmExportersTest, VCardRoundTripsHostileText) {
  const std::vector<std::string> hostile = {
      "Rios, Dana; \"The\" \\Boss\\",
      "line1\nline2",
      "line1\r\nline2\r\n",
      "cr\ronly",
      "=HYPERLINK(\"http://evil\",\"click\")",
      "@cmd",
      "+1",
      "-2",
      "tab\there bell\x07 esc\x1b del\x7F",
      "\\n is not a newline; \\, neither",
      "caf\xC3\xA9 \xF0\x9F\x90\xB6 \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",
      std::string(200, 'x'),
      Repeat("\xE6\x97\xA5", 200),           // 3-byte characters
      "a" + Repeat("\xF0\x9F\x90\xB6", 200),  // 4-byte characters, shifted by one
      Repeat(",", 200),                      // 200 escapes
      Repeat("\\", 199),
      Repeat("a,\xC3\xA9;\xF0\x9F\x90\xB6\\\n", 30),
  };
  std::vector<Artifact> in;
  for (size_t i = 0; i < hostile.size(); ++i) {
    const PersonRef p = {"x", "p" + std::to_string(i), hostile[i], hostile[i]};
    in.push_back(Make(p, "topic", hostile[i]));
    in.push_back(Make(p, hostile[i], hostile[i]));
  }
  const std::string vcf = WriteAndReadVcf(in);
  std::vector<VCard> cards;
  std::string error;
  ASSERT_TRUE(ParseVCards(vcf, &cards, &error)) << error;
  ASSERT_EQ(cards.size(), hostile.size());
  for (size_t i = 0; i < hostile.size(); ++i) {
    const std::string want = Normalised(hostile[i]);
    const VCard& c = cards[i];
    EXPECT_EQ(Text(c, "FN"), want) << i;
    EXPECT_EQ(Text(c, "NICKNAME"), want) << i;
    EXPECT_EQ(Text(c, "NOTE"), "topic: " + want + "\n" + want + ": " + want) << i;
    EXPECT_EQ(SplitList(c.Find("CATEGORIES")->value), (std::vector<std::string>{"topic", want})) << i;
    EXPECT_EQ(c.Find("UID")->value, "urn:rapport:x:p" + std::to_string(i));
    EXPECT_EQ(c.Find("X-SOCIALPROFILE"), nullptr) << i;  // none of them is a valid X username
  }

  // Long lines were folded, each fold as late as possible.
  size_t folds = 0;
  size_t start = 0;
  while (start < vcf.size()) {
    const size_t eol = vcf.find("\r\n", start);
    const bool next_continues = eol + 2 < vcf.size() && vcf[eol + 2] == ' ';
    if (next_continues) {
      ++folds;
      EXPECT_GE(eol - start, 72u) << vcf.substr(start, eol - start);
    }
    start = eol + 2;
  }
  EXPECT_GT(folds, 50u);
}

TEST_F(CrmExportersTest, VCardFoldsUtf8AtEveryOffset) {
  // Shift a run of 2-, 3- and 4-byte characters through every position of the line.
  std::vector<Artifact> in;
  for (int shift = 0; shift < 8; ++shift) {
    const std::string value = std::string(shift, 'a') + Repeat("\xC3\xA9\xE6\x97\xA5\xF0\x9F\x90\xB6\\,", 40);
    in.push_back(Make({"x", std::to_string(shift), "u", "N"}, "topic", value));
  }
  std::vector<VCard> cards = WriteAndParseVcf(in);
  ASSERT_EQ(cards.size(), 8u);
  for (int shift = 0; shift < 8; ++shift) {
    EXPECT_EQ(Text(cards[shift], "NOTE"),
              "topic: " + std::string(shift, 'a') + Repeat("\xC3\xA9\xE6\x97\xA5\xF0\x9F\x90\xB6\\,", 40));
  }
}

TEST_F(CrmExportersTest, VCardReplacesInvalidUtf8AndEncodesUid) {
  const PersonRef p = {"x:y", "id,with;odd:chars/\xFF", "bad\xFFname", "N\xC3"};
  std::vector<VCard> cards = WriteAndParseVcf({Make(p, "pet", "dog\xE2\x82")});
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(Text(cards[0], "FN"), "N\xEF\xBF\xBD");
  EXPECT_EQ(Text(cards[0], "NICKNAME"), "bad\xEF\xBF\xBDname");
  EXPECT_EQ(Text(cards[0], "NOTE"), "pet: dog\xEF\xBF\xBD");
  EXPECT_EQ(cards[0].Find("UID")->value, "urn:rapport:x%3Ay:id%2Cwith%3Bodd:chars%2F%FF");
}

TEST_F(CrmExportersTest, VCardFallsBackToIdAndSkipsEmptyParts) {
  std::vector<VCard> cards = WriteAndParseVcf({Make({"mastodon", "42", "", ""}, "", "")});
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(Text(cards[0], "FN"), "42");
  EXPECT_EQ(cards[0].Find("NICKNAME"), nullptr);
  EXPECT_EQ(cards[0].Find("CATEGORIES"), nullptr);
  EXPECT_EQ(cards[0].Find("NOTE"), nullptr);
  EXPECT_EQ(cards[0].Find("X-SOCIALPROFILE"), nullptr);
}

TEST_F(CrmExportersTest, VCardMastodonProfile) {
  std::vector<VCard> cards = WriteAndParseVcf({Make({"mastodon", "42", "dana@mastodon.social", ""}, "pet", "dog")});
  ASSERT_EQ(cards.size(), 1u);
  const VProperty* social = cards[0].Find("X-SOCIALPROFILE");
  ASSERT_NE(social, nullptr);
  EXPECT_EQ(social->params, (std::vector<std::string>{"TYPE=mastodon"}));
  EXPECT_EQ(social->value, "https://mastodon.social/@dana");
  EXPECT_EQ(Text(cards[0], "FN"), "@dana@mastodon.social");
}

TEST_F(CrmExportersTest, VCardErrorNamesPath) {
  fs::create_directories(dir_);
  { std::ofstream(dir_ / "file") << "x"; }
  const fs::path path = dir_ / "file" / "contacts.vcf";
  Status s = WriteVCards({Make(kDana, "pet", "dog")}, path.string());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_NE(s.message().find(path.string()), std::string::npos) << s.message();
}

// ---- CSV ----

const std::vector<std::string> kCsvHeader = {
    "Platform", "Person ID", "Username", "Name", "Profile URL", "Birthday", "Anniversary",
    "Pets", "Family", "Partner", "Hobbies", "Sports & Teams", "Job", "Employer",
    "School", "Location", "Food & Drink", "Life Events", "Notes"};

enum CsvColumn {
  kPlatform, kPersonId, kUsername, kName, kProfileUrl, kBirthday, kAnniversary, kPets, kFamily,
  kPartner, kHobbies, kSports, kJob, kEmployer, kSchool, kLocation, kFoodDrink, kLifeEvents, kNotes
};

std::string NeutralisedCell(const std::string& s) {
  if (!s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos) return "'" + s;
  return s;
}

TEST_F(CrmExportersTest, CsvHeaderOnlyForNoArtifacts) {
  std::vector<std::vector<std::string>> rows = WriteAndParseCsv({});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], kCsvHeader);
}

TEST_F(CrmExportersTest, CsvMapsCategoriesToColumns) {
  std::vector<Artifact> in = {
      Make(kDana, "pet", "dog: Rover"),
      Make(kDana, "pet", "cat: Miso"),
      Make(kDana, "family", "sister: Ana"),
      Make(kDana, "partner", "wife: Kim"),
      Make(kDana, "hobby", "pottery"),
      Make(kDana, "topic", "elections"),
      Make(kDana, "sport", "tennis"),
      Make(kDana, "team", "Arsenal"),
      Make(kDana, "job", "nurse"),
      Make(kDana, "employer", "St Mary's"),
      Make(kDana, "school", "UCLA"),
      Make(kDana, "place", "Lisbon"),
      Make(kDana, "location", "Portugal"),
      Make(kDana, "food", "sushi"),
      Make(kDana, "drink", "coffee"),
      Make(kDana, "diet", "not: meat"),
      Make(kDana, "life_event", "new job"),
      Make(kDana, "birthday", "birthday: --0503", "--0503"),
      Make(kDana, "birthday", "birthday: --0601", "--0601"),
      Make(kDana, "anniversary", "anniversary: 2015-06-20", "2015-06-20"),
      Make(kDana, "music", "jazz"),
      Make(kDana, "pet", "dog: Rover"),  // duplicate value: dropped
  };
  std::vector<std::vector<std::string>> rows = WriteAndParseCsv(in);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], kCsvHeader);
  const std::vector<std::string> want = {
      "x", "1093321775", "dana_rios", "Dana Rios", "https://x.com/dana_rios",
      "05-03",  // month-day: no leading "-", so nothing to neutralise
      "2015-06-20", "dog: Rover; cat: Miso", "sister: Ana", "wife: Kim", "pottery", "tennis; Arsenal",
      "nurse", "St Mary's", "UCLA", "Lisbon; Portugal", "sushi; coffee; not: meat", "new job",
      "topic: elections; birthday: --0601; music: jazz"};
  EXPECT_EQ(rows[1], want);
}

TEST_F(CrmExportersTest, CsvOneRowPerPersonInOrder) {
  const PersonRef sam = {"x", "2", "sam", ""};
  const PersonRef bsky = {"bluesky", "did:plc:abc", "dana.bsky.social", "Dana B"};
  const PersonRef masto = {"mastodon", "7", "dana@mastodon.social", "Dana M"};
  std::vector<Artifact> in = {
      Make(sam, "pet", "cat"),  Make(kDana, "job", "nurse"), Make(bsky, "hobby", "pottery"),
      Make(masto, "pet", "dog"), Make(sam, "birthday", "undated"), Make(kDana, "job", "editor"),
  };
  std::vector<std::vector<std::string>> rows = WriteAndParseCsv(in);
  ASSERT_EQ(rows.size(), 5u);
  for (const auto& r : rows) ASSERT_EQ(r.size(), kCsvHeader.size());
  EXPECT_EQ(rows[1][kPersonId], "2");
  EXPECT_EQ(rows[1][kName], "");
  EXPECT_EQ(rows[1][kPets], "cat");
  EXPECT_EQ(rows[1][kBirthday], "");
  EXPECT_EQ(rows[1][kNotes], "birthday: undated");
  EXPECT_EQ(rows[2][kPersonId], "1093321775");
  EXPECT_EQ(rows[2][kJob], "nurse; editor");
  EXPECT_EQ(rows[3][kPlatform], "bluesky");
  EXPECT_EQ(rows[3][kProfileUrl], "https://bsky.app/profile/dana.bsky.social");
  EXPECT_EQ(rows[3][kHobbies], "pottery");
  EXPECT_EQ(rows[4][kProfileUrl], "https://mastodon.social/@dana");
}

TEST_F(CrmExportersTest, CsvRoundTripsHostileCells) {
  const std::vector<std::string> hostile = {
      "=HYPERLINK(\"http://evil\")", "@cmd",          "+1",           "-2",
      "\tTAB",                       "\rCR first",    "say \"hi\"",   "a,b;c",
      "line1\r\nline2",              "line1\nline2",  " padded ",     "caf\xC3\xA9 \xF0\x9F\x90\xB6",
      "'already",                    "=1,\"2\"\n3",   std::string(200, 'x')};
  std::vector<Artifact> in;
  for (size_t i = 0; i < hostile.size(); ++i) {
    const PersonRef p = {"x", hostile[i], hostile[i], hostile[i]};
    in.push_back(Make(p, "pet", hostile[i]));
    in.push_back(Make(p, "topic", hostile[i]));
    in.push_back(Make(p, hostile[i], "v"));
  }
  std::vector<std::vector<std::string>> rows = WriteAndParseCsv(in);
  ASSERT_EQ(rows.size(), hostile.size() + 1);
  for (size_t i = 0; i < hostile.size(); ++i) {
    const std::vector<std::string>& r = rows[i + 1];
    ASSERT_EQ(r.size(), kCsvHeader.size()) << i;
    const std::string want = NeutralisedCell(hostile[i]);
    EXPECT_EQ(r[kPlatform], "x");
    EXPECT_EQ(r[kPersonId], want) << i;
    EXPECT_EQ(r[kUsername], want) << i;
    EXPECT_EQ(r[kName], want) << i;
    EXPECT_EQ(r[kProfileUrl], "") << i;
    EXPECT_EQ(r[kPets], want) << i;
    EXPECT_EQ(r[kNotes], "topic: " + hostile[i] + "; " + hostile[i] + ": v") << i;
    for (int c : {kBirthday, kAnniversary, kFamily, kJob, kLifeEvents}) EXPECT_EQ(r[c], "") << i;
  }
  // Exactly the documented neutralisations.
  EXPECT_EQ(rows[1][kName], "'=HYPERLINK(\"http://evil\")");
  EXPECT_EQ(rows[2][kName], "'@cmd");
  EXPECT_EQ(rows[3][kName], "'+1");
  EXPECT_EQ(rows[4][kName], "'-2");
}

TEST_F(CrmExportersTest, CsvNeutralisesOnlyTheCellStartAndReplacesInvalidUtf8) {
  const PersonRef p = {"x", "1", "u", "bad\xFF"};
  std::vector<Artifact> in = {Make(p, "pet", "=cmd"), Make(p, "pet", "=cmd2"), Make(p, "job", "dog\xE2\x82")};
  std::vector<std::vector<std::string>> rows = WriteAndParseCsv(in);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][kPets], "'=cmd; =cmd2");  // a formula can only start a cell
  EXPECT_EQ(rows[1][kName], "bad\xEF\xBF\xBD");
  EXPECT_EQ(rows[1][kJob], "dog\xEF\xBF\xBD");
}

TEST_F(CrmExportersTest, CsvErrorNamesPath) {
  fs::create_directories(dir_);
  { std::ofstream(dir_ / "file") << "x"; }
  const fs::path path = dir_ / "file" / "crm.csv";
  Status s = WriteCrmCsv({}, path.string());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(path.string()), std::string::npos) << s.message();
}

}  // namespace
}  // namespace rapport::pipeline
