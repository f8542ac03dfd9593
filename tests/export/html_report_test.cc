#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/export/exporters.h"
#include "pipeline/export/json_text.h"
#include "tests/test_files.h"

namespace rapport::pipeline {
namespace {

namespace fs = std::filesystem;

using testing::ReadFile;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool Contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

Artifact Make(const std::string& person_id, const std::string& username, const std::string& category,
              const std::string& value, double score) {
  Artifact a;
  a.candidate_id = person_id + "-" + value;
  a.person = {"x", person_id, username, "Name " + username};
  a.category = category;
  a.value = value;
  a.score = score;
  a.mentions = 3;
  a.days = 2;
  a.conversations = 1;
  a.first_seen = "2023-06-01T17:37:00Z";
  a.last_seen = "2023-07-02T08:00:00Z";
  a.evidence.push_back({"1", "https://x.com/" + username + "/status/1", "2023-06-01T17:37:00Z",
                        "I love " + value, username});
  return a;
}

RunSummary Summary() {
  RunSummary s;
  s.files = 2;
  s.docs = 1234;
  s.posts_read = 1200;
  s.posts_duplicate = 17;
  s.posts_non_english = 42;
  s.rejected = 9;
  s.rejected_by_reason = {{"invalid JSON", 7}, {"missing <id>", 2}};
  s.people = 2;
  s.candidates = 3;
  s.wall_seconds = 12.345;
  return s;
}

class HtmlReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rapport_html_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::vector<Artifact>& artifacts, const std::string& name = "review.html") {
    const fs::path path = dir_ / name;
    Status s = WriteReviewHtml(artifacts, Summary(), "2026-05-03T21:04:31Z", path.string());
    EXPECT_TRUE(s.ok()) << s.ToString();
    return ReadFile(path);
  }
  fs::path dir_;
};

TEST(HtmlEscapeTest, EscapesAllFiveCharacters) {
  std::string out = "x";
  AppendHtmlEscaped(&out, "a&b<c>d\"e'f");
  EXPECT_EQ(out, "xa&amp;b&lt;c&gt;d&quot;e&#39;f");
}

TEST(HtmlEscapeTest, ReplacesInvalidUtf8) {
  std::string out;
  AppendHtmlEscaped(&out, "<\xFF>");
  EXPECT_EQ(out, "&lt;\xEF\xBF\xBD&gt;");
}

TEST_F(HtmlReportTest, SelfContainedPageWithSummary) {
  const std::string html = Write({Make("1", "dana_rios", "pet", "dog: Rover", 3.2)});
  EXPECT_EQ(html.rfind("<!doctype html>\n", 0), 0u);
  EXPECT_TRUE(Contains(html, "<meta charset=\"utf-8\">"));
  EXPECT_TRUE(Contains(html, "<style>"));
  EXPECT_FALSE(Contains(Lower(html), "<script"));
  EXPECT_FALSE(Contains(Lower(html), "<link"));
  EXPECT_FALSE(Contains(Lower(html), "src="));
  EXPECT_FALSE(Contains(Lower(html), "@import"));
  EXPECT_TRUE(Contains(html, "2026-05-03T21:04:31Z"));
  EXPECT_TRUE(Contains(html, "<dd>1200</dd>"));  // posts read
  EXPECT_TRUE(Contains(html, "<dd>17</dd>"));    // duplicates
  EXPECT_TRUE(Contains(html, "<dd>42</dd>"));    // non-English
  EXPECT_TRUE(Contains(html, "<bdi>invalid JSON</bdi> — 7"));
  EXPECT_TRUE(Contains(html, "<bdi>missing &lt;id&gt;</bdi> — 2"));
  EXPECT_TRUE(Contains(html, "12.3 s"));
  EXPECT_TRUE(Contains(html, "<a href=\"https://x.com/dana_rios\" rel=\"noopener noreferrer\">@dana_rios</a>"));
  EXPECT_TRUE(Contains(html, "dog: Rover"));
  EXPECT_TRUE(Contains(html, "3.2000"));
  EXPECT_TRUE(Contains(html, "3 mentions · 2 days · 1 conversation · 2023-06-01 – 2023-07-02"));
  EXPECT_TRUE(Contains(html, "<blockquote><p><bdi>I love dog: Rover</bdi></p>"));
  EXPECT_TRUE(Contains(html, "href=\"https://x.com/dana_rios/status/1\""));
  EXPECT_TRUE(Contains(html, "<a href=\"#person-1\"><bdi>Name dana_rios</bdi></a>"));
  EXPECT_TRUE(IsValidUtf8(html));
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
}

TEST_F(HtmlReportTest, EscapesInjectedMarkupEverywhere) {
  Artifact a = Make("1", "dana", "pet", "<img src=x onerror=alert(1)>", 1.0);
  a.person.name = "<script>alert('name')</script>";
  a.category = "<b>cat</b>";
  a.said_by = "other";
  a.polarity = "negative";
  a.evidence.clear();
  a.evidence.push_back({"1", "javascript:alert(1)", "2023-06-01T17:37:00Z",
                        "</blockquote><script>alert(\"text\")</script>", "mallory"});
  a.evidence.push_back({"2", "https://example.com/?q=\"><script>alert(2)</script>", "2023-06-02T00:00:00Z",
                        "ok", "dana"});
  a.evidence.push_back({"3", "JAVASCRIPT:alert(3)", "", "no date", ""});
  const std::string html = Write({a});
  const std::string lower = Lower(html);
  EXPECT_FALSE(Contains(lower, "<script"));
  EXPECT_FALSE(Contains(lower, "<img"));
  EXPECT_FALSE(Contains(lower, "<b>cat"));
  EXPECT_FALSE(Contains(lower, "javascript:"));
  EXPECT_TRUE(Contains(html, "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"));
  EXPECT_TRUE(Contains(html, "&lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_TRUE(Contains(html, "&lt;/blockquote&gt;&lt;script&gt;alert(&quot;text&quot;)&lt;/script&gt;"));
  EXPECT_TRUE(Contains(html, "&lt;b&gt;cat&lt;/b&gt;"));
  EXPECT_TRUE(Contains(html, "href=\"https://example.com/?q=&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\""));
  EXPECT_TRUE(Contains(html, "said by other"));
  EXPECT_TRUE(Contains(html, ">negative<"));
  EXPECT_TRUE(Contains(html, "@<bdi>mallory</bdi> · 2023-06-01</footer>"));  // date shown, not linked
  EXPECT_TRUE(Contains(html, "<footer>post</footer>"));
}

TEST_F(HtmlReportTest, UnsafeUsernameIsNotLinked) {
  Artifact a = Make("1", "a\"><script>x</script>", "pet", "v", 1.0);
  a.evidence.clear();  // only the profile link is under test
  Artifact b = Make("2", "bob", "pet", "v", 1.0);
  b.person.platform = "mastodon";
  const std::string html = Write({a, b});
  EXPECT_FALSE(Contains(Lower(html), "<script"));
  EXPECT_FALSE(Contains(html, "href=\"https://x.com/a"));
  EXPECT_FALSE(Contains(html, "href=\"https://x.com/bob\""));  // not an X account
  EXPECT_TRUE(Contains(html, "@<bdi>a&quot;&gt;&lt;script&gt;x&lt;/script&gt;</bdi>"));
}

TEST_F(HtmlReportTest, GroupsPeopleAndOrdersCategoriesByBestScore) {
  const std::vector<Artifact> artifacts = {
      Make("1", "dana", "topic", "hiking", 1.0),  Make("1", "dana", "pet", "dog: Rover", 3.0),
      Make("1", "dana", "topic", "chess", 0.5),   Make("2", "sam", "hobby", "knitting", 2.0),
      Make("1", "dana", "food", "ramen", 9.0)};  // not consecutive: a new section
  const std::string html = Write(artifacts);
  EXPECT_TRUE(Contains(html, "id=\"person-1\""));
  EXPECT_TRUE(Contains(html, "id=\"person-2\""));
  EXPECT_TRUE(Contains(html, "id=\"person-3\""));
  EXPECT_FALSE(Contains(html, "id=\"person-4\""));
  const size_t p1 = html.find("id=\"person-1\"");
  const size_t pet = html.find("<h3>pet</h3>", p1);
  const size_t topic = html.find("<h3>topic</h3>", p1);
  const size_t hiking = html.find("hiking", topic);
  const size_t chess = html.find("chess", topic);
  const size_t p2 = html.find("id=\"person-2\"");
  ASSERT_NE(pet, std::string::npos);
  ASSERT_NE(topic, std::string::npos);
  EXPECT_LT(pet, topic);
  EXPECT_LT(hiking, chess);
  EXPECT_LT(chess, p2);
  EXPECT_EQ(html.find("<h3>topic</h3>", topic + 1) > p2, true);  // one heading per category
  EXPECT_TRUE(Contains(html, "<span class=\"n\">(3)</span>"));
}

TEST_F(HtmlReportTest, EmptyRunStillWritesPage) {
  const std::string html = Write({});
  EXPECT_TRUE(Contains(html, "No candidates in this run."));
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
}

TEST_F(HtmlReportTest, OutputIsByteStable) {
  std::vector<Artifact> artifacts;
  for (int i = 0; i < 40; ++i) artifacts.push_back(Make(std::to_string(i / 4), "u" + std::to_string(i / 4),
                                                        "c" + std::to_string(i % 3), "v" + std::to_string(i), i));
  EXPECT_EQ(Write(artifacts, "1.html"), Write(artifacts, "2.html"));
}

TEST_F(HtmlReportTest, ErrorNamesPath) {
  fs::create_directories(dir_);
  { std::ofstream(dir_ / "file") << "x"; }
  const fs::path path = dir_ / "file" / "review.html";
  Status s = WriteReviewHtml({}, RunSummary(), "t", path.string());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(path.string()), std::string::npos) << s.message();
}

}  // namespace
}  // namespace rapport::pipeline
