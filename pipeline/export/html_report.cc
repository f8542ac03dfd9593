// WriteReviewHtml and AppendHtmlEscaped: review.html, the analyst's page.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>

#include "pipeline/export/atomic_file.h"
#include "pipeline/export/byte_scan.h"
#include "pipeline/export/fixed_decimal.h"
#include "pipeline/export/ordered_append.h"
#include "pipeline/export/exporters.h"
#include "pipeline/export/http_url.h"
#include "pipeline/export/json_text.h"

namespace rapport::pipeline {

using namespace std::string_view_literals;

namespace {

constexpr std::string_view kHead = R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapport review</title>
<style>
:root{--fg:#1f2328;--muted:#59636e;--bg:#f6f8fa;--card:#fff;--line:#d1d9e0;--accent:#0969da;--warn:#9a6700;--bad:#cf222e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--card:#151b23;--line:#3d444d;--accent:#4493f8;--warn:#d29922;--bad:#f85149}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.page{max-width:60rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.6rem;margin:0 0 .25rem}
h2{font-size:1.25rem;margin:0 0 .75rem}
h3{font-size:.8rem;margin:1.25rem 0 .5rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
a{color:var(--accent)}
.muted{color:var(--muted)}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;margin:1rem 0}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.5rem 1rem;margin:.75rem 0 0}
.figures div{display:flex;flex-direction:column}
.figures dt{font-size:.8rem;color:var(--muted)}
.figures dd{margin:0;font-size:1.2rem;font-variant-numeric:tabular-nums}
.reasons{margin:.5rem 0 0;padding-left:1.25rem;font-size:.9rem}
.toc ol{columns:2 16rem;margin:0;padding-left:1.5rem}
.toc .n{color:var(--muted);font-size:.85rem}
.candidate{border-top:1px solid var(--line);padding:.75rem 0}
h3+.candidate{border-top:0}
.value{font-weight:600;font-size:1.05rem}
.score{float:right;font-variant-numeric:tabular-nums;color:var(--muted)}
.stats{font-size:.85rem;color:var(--muted)}
.badge{display:inline-block;font-size:.75rem;padding:0 .45rem;border-radius:1rem;border:1px solid currentColor;margin-left:.4rem;vertical-align:middle;font-weight:400}
.badge.other{color:var(--warn)}
.badge.negative{color:var(--bad)}
blockquote{margin:.5rem 0 0;padding:.4rem .8rem;border-left:3px solid var(--line);background:var(--bg);border-radius:0 6px 6px 0}
blockquote p{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
blockquote footer{font-size:.8rem;color:var(--muted);margin-top:.25rem}
</style>
</head>
<body>
<div class="page">
)";

constexpr std::string_view kTail = "</div>\n</body>\n</html>\n";

bool SamePerson(const PersonRef& a, const PersonRef& b) { return a.platform == b.platform && a.id == b.id; }

// [begin, end) of consecutive artifacts of one person.
struct PersonGroup {
  size_t begin = 0, end = 0;
};

std::vector<PersonGroup> GroupByPerson(const std::vector<Artifact>& artifacts) {
  std::vector<PersonGroup> groups;
  for (size_t i = 0; i < artifacts.size(); ++i) {
    if (groups.empty() || !SamePerson(artifacts[groups.back().begin].person, artifacts[i].person)) {
      groups.push_back({i, i});
    }
    groups.back().end = i + 1;
  }
  return groups;
}

std::string Score(double score, int decimals) {
  if (!std::isfinite(score)) return "–";
  if (score == 0) score = 0;  // print -0.0 as 0
  std::string out;
  return AppendFixed(&out, score, decimals) ? out : std::string("–");
}

// "2023-06-01T17:37:00Z" -> "2023-06-01"; anything else unchanged.
std::string_view DatePart(std::string_view iso) {
  if (iso.size() >= 10 && iso[4] == '-' && iso[7] == '-') return iso.substr(0, 10);
  return iso;
}

// X usernames are [A-Za-z0-9_]; anything else is shown but not put in a URL.
bool IsLinkableUsername(std::string_view u) {
  if (u.empty() || u.size() > 50) return false;
  return std::all_of(u.begin(), u.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string_view DisplayName(const PersonRef& p) {
  if (!p.name.empty()) return p.name;
  if (!p.username.empty()) return p.username;
  return p.id;
}

// Text a user wrote, escaped and bidi-isolated: a right-to-left override in
// a name or post cannot reorder the page's text around it.
void AppendUserText(std::string* out, std::string_view s) {
  out->append("<bdi>"sv);
  AppendHtmlEscaped(out, s);
  out->append("</bdi>"sv);
}

void AppendFigure(std::string* out, std::string_view label, std::string_view value) {
  out->append("<div><dt>"sv);
  out->append(label);
  out->append("</dt><dd>"sv);
  AppendHtmlEscaped(out, value);
  out->append("</dd></div>\n"sv);
}

void AppendSummary(std::string* out, const RunSummary& s, const std::string& generated_at) {
  out->append("<header class=\"card\">\n<h1>Rapport review</h1>\n<div class=\"muted\">Generated "sv);
  AppendHtmlEscaped(out, generated_at);
  out->append(" · wall time "sv);
  out->append(Score(s.wall_seconds, 1));
  out->append(" s</div>\n<dl class=\"figures\">\n"sv);
  AppendFigure(out, "Files", std::to_string(s.files));
  AppendFigure(out, "Documents", std::to_string(s.docs));
  AppendFigure(out, "Posts read", std::to_string(s.posts_read));
  AppendFigure(out, "Duplicates", std::to_string(s.posts_duplicate));
  AppendFigure(out, "Non-English skipped", std::to_string(s.posts_non_english));
  AppendFigure(out, "Rejected", std::to_string(s.rejected));
  if (s.sensitive_withheld) AppendFigure(out, "Sensitive withheld", std::to_string(s.sensitive_withheld));
  AppendFigure(out, "API errors", std::to_string(s.api_errors));
  AppendFigure(out, "People", std::to_string(s.people));
  AppendFigure(out, "Candidates", std::to_string(s.candidates));
  out->append("</dl>\n"sv);
  if (!s.rejected_by_reason.empty()) {
    out->append("<ul class=\"reasons\">\n"sv);
    for (const auto& [reason, n] : s.rejected_by_reason) {
      out->append("<li>Rejected: "sv);
      AppendUserText(out, reason);
      out->append(" — "sv);
      out->append(std::to_string(n));
      out->append("</li>\n"sv);
    }
    out->append("</ul>\n"sv);
  }
  out->append("</header>\n"sv);
}

void AppendToc(std::string* out, const std::vector<Artifact>& artifacts, const std::vector<PersonGroup>& groups) {
  if (groups.empty()) {
    out->append("<p class=\"card muted\">No candidates in this run.</p>\n"sv);
    return;
  }
  out->append("<nav class=\"card toc\">\n<h2>People</h2>\n<ol>\n"sv);
  for (size_t g = 0; g < groups.size(); ++g) {
    const PersonRef& p = artifacts[groups[g].begin].person;
    out->append("<li><a href=\"#person-"sv);
    out->append(std::to_string(g + 1));
    out->append("\">"sv);
    AppendUserText(out, DisplayName(p));
    out->append("</a>"sv);
    if (!p.username.empty()) {
      out->append(" <span class=\"muted\">@"sv);
      AppendUserText(out, p.username);
      out->append("</span>"sv);
    }
    out->append(" <span class=\"n\">("sv);
    out->append(std::to_string(groups[g].end - groups[g].begin));
    out->append(")</span></li>\n"sv);
  }
  out->append("</ol>\n</nav>\n"sv);
}

void AppendEvidence(std::string* out, const Evidence& e, const PersonRef& person) {
  out->append("<blockquote><p>"sv);
  AppendUserText(out, e.text);
  out->append("</p><footer>"sv);
  if (!e.author_username.empty() && e.author_username != person.username) {
    out->append("@"sv);
    AppendUserText(out, e.author_username);
    out->append(" · "sv);
  }
  const std::string_view date = e.created_at.empty() ? std::string_view("post") : DatePart(e.created_at);
  if (HasHttpScheme(e.url)) {
    out->append("<a href=\""sv);
    AppendHtmlEscaped(out, LowerScheme(e.url));
    out->append("\" rel=\"noopener noreferrer\""sv);
    if (!e.created_at.empty()) {
      out->append(" title=\""sv);
      AppendHtmlEscaped(out, e.created_at);
      out->append("\""sv);
    }
    out->append(">"sv);
    AppendHtmlEscaped(out, date);
    out->append("</a>"sv);
  } else {
    AppendHtmlEscaped(out, date);
  }
  out->append("</footer></blockquote>\n"sv);
}

void AppendCandidate(std::string* out, const Artifact& a) {
  out->append("<article class=\"candidate\">\n<div class=\"value\"><span class=\"score\">"sv);
  out->append(Score(a.score, 4));
  out->append("</span>"sv);
  AppendUserText(out, a.value);
  if (a.said_by != "self") {
    out->append("<span class=\"badge other\">said by "sv);
    AppendHtmlEscaped(out, a.said_by);
    out->append("</span>"sv);
  }
  if (a.polarity != "positive") {
    out->append("<span class=\"badge negative\">"sv);
    AppendHtmlEscaped(out, a.polarity);
    out->append("</span>"sv);
  }
  out->append("</div>\n<div class=\"stats\">"sv);
  out->append(std::to_string(a.mentions));
  out->append(a.mentions == 1 ? " mention · "sv : " mentions · "sv);
  out->append(std::to_string(a.days));
  out->append(a.days == 1 ? " day · "sv : " days · "sv);
  out->append(std::to_string(a.conversations));
  out->append(a.conversations == 1 ? " conversation"sv : " conversations"sv);
  if (!a.first_seen.empty() || !a.last_seen.empty()) {
    out->append(" · "sv);
    AppendHtmlEscaped(out, DatePart(a.first_seen));
    if (DatePart(a.last_seen) != DatePart(a.first_seen)) {
      out->append(" – "sv);
      AppendHtmlEscaped(out, DatePart(a.last_seen));
    }
  }
  out->append("</div>\n"sv);
  for (const Evidence& e : a.evidence) AppendEvidence(out, e, a.person);
  out->append("</article>\n"sv);
}

void AppendPerson(std::string* out, const std::vector<Artifact>& artifacts, const PersonGroup& group, size_t number) {
  const PersonRef& p = artifacts[group.begin].person;
  out->append("<section class=\"card person\" id=\"person-"sv);
  out->append(std::to_string(number));
  out->append("\">\n<h2>"sv);
  AppendUserText(out, DisplayName(p));
  if (!p.username.empty()) {
    out->append(" <span class=\"muted\">"sv);
    if (p.platform == "x" && IsLinkableUsername(p.username)) {
      out->append("<a href=\"https://x.com/"sv);
      out->append(p.username);  // [A-Za-z0-9_] only, see IsLinkableUsername
      out->append("\" rel=\"noopener noreferrer\">@"sv);
      out->append(p.username);
      out->append("</a>"sv);
    } else {
      out->append("@"sv);
      AppendUserText(out, p.username);
    }
    out->append("</span>"sv);
  }
  out->append(" <span class=\"badge\">"sv);
  AppendHtmlEscaped(out, p.platform);
  out->append("</span></h2>\n"sv);

  // Categories in order of their best score (ties: first appearance); the
  // candidates inside keep the caller's order.
  struct Category {
    std::string_view name;
    double best;
    std::vector<size_t> items;
  };
  std::vector<Category> categories;
  for (size_t i = group.begin; i < group.end; ++i) {
    const Artifact& a = artifacts[i];
    auto it = std::find_if(categories.begin(), categories.end(),
                           [&](const Category& c) { return c.name == a.category; });
    const double score = std::isfinite(a.score) ? a.score : -std::numeric_limits<double>::infinity();
    if (it == categories.end()) {
      categories.push_back({a.category, score, {}});
      it = categories.end() - 1;
    }
    it->best = std::max(it->best, score);
    it->items.push_back(i);
  }
  std::stable_sort(categories.begin(), categories.end(),
                   [](const Category& x, const Category& y) { return x.best > y.best; });
  for (const Category& c : categories) {
    out->append("<h3>"sv);
    AppendHtmlEscaped(out, c.name.empty() ? std::string_view("(no category)") : c.name);
    out->append("</h3>\n"sv);
    for (size_t i : c.items) AppendCandidate(out, artifacts[i]);
  }
  out->append("</section>\n"sv);
}

}  // namespace

void AppendHtmlEscaped(std::string* out, std::string_view s) {
  // Invalid UTF-8 becomes U+FFFD so the page is well-formed for its charset.
  std::string valid;
  if (!IsValidUtf8(s)) {
    AppendValidUtf8(&valid, s);
    s = valid;
  }
  size_t i = 0;
  for (;;) {
    const size_t plain = HtmlPlainPrefix(s.substr(i));
    out->append(s.data() + i, plain);
    i += plain;
    if (i >= s.size()) break;
    switch (s[i]) {
      case '&': out->append("&amp;"sv); break;
      case '<': out->append("&lt;"sv); break;
      case '>': out->append("&gt;"sv); break;
      case '"': out->append("&quot;"sv); break;
      default: out->append("&#39;"sv); break;  // '\''
    }
    ++i;
  }
}

Status WriteReviewHtml(const std::vector<Artifact>& artifacts, const RunSummary& summary,
                       const std::string& generated_at, const std::string& path) {
  AtomicFile file(path);
  RAPPORT_RETURN_IF_ERROR(file.Open());
  const std::vector<PersonGroup> groups = GroupByPerson(artifacts);
  std::string buf(kHead);
  AppendSummary(&buf, summary, generated_at);
  AppendToc(&buf, artifacts, groups);
  buf.append("<main>\n"sv);
  RAPPORT_RETURN_IF_ERROR(file.Append(buf));
  // A person's section is ~10 KB: blocks of 16 people.
  RAPPORT_RETURN_IF_ERROR(AppendInOrder(&file, groups.size(), 16, [&](size_t g, std::string* out) {
    AppendPerson(out, artifacts, groups[g], g + 1);
  }));
  buf.assign("</main>\n");
  buf.append(kTail);
  RAPPORT_RETURN_IF_ERROR(file.Append(buf));
  return file.Commit();
}

}  // namespace rapport::pipeline
