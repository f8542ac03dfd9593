// Pieces shared by the CRM writers: grouping by person, dates in artifact
// keys and values, profile URLs.
#include "pipeline/export/crm_exporters.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <utility>

#include "pipeline/export/http_url.h"

namespace rapport::pipeline {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Value of the `n` digits at s[pos], or -1 if any of them is not a digit.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(s[i])) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

bool DigitAt(std::string_view s, size_t pos) { return pos < s.size() && IsDigit(s[pos]); }

bool ValidDate(const CrmDate& d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > kDays[d.month - 1]) return false;
  if (d.month == 2 && d.day == 29 && d.year != 0) {
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    if (!leap) return false;
  }
  return true;
}

// Matches a date starting at s[i]; *end is one past it.
std::optional<CrmDate> DateAt(std::string_view s, size_t i, size_t* end) {
  CrmDate d;
  if (s.compare(i, 2, "--") == 0) {
    // --MMDD or --MM-DD
    d.month = Digits(s, i + 2, 2);
    if (d.month < 0) return std::nullopt;
    size_t day_pos = i + 4;
    if (day_pos < s.size() && s[day_pos] == '-') ++day_pos;
    d.day = Digits(s, day_pos, 2);
    if (d.day < 0) return std::nullopt;
    *end = day_pos + 2;
  } else {
    // YYYY-MM-DD or YYYYMMDD
    d.year = Digits(s, i, 4);
    if (d.year <= 0) return std::nullopt;
    if (i + 4 < s.size() && s[i + 4] == '-') {
      if (i + 7 >= s.size() || s[i + 7] != '-') return std::nullopt;
      d.month = Digits(s, i + 5, 2);
      d.day = Digits(s, i + 8, 2);
      *end = i + 10;
    } else {
      d.month = Digits(s, i + 4, 2);
      d.day = Digits(s, i + 6, 2);
      *end = i + 8;
    }
    if (d.month < 0 || d.day < 0) return std::nullopt;
  }
  if (DigitAt(s, *end) || !ValidDate(d)) return std::nullopt;
  return d;
}

// RFC 3986 characters minus , ; (which vCard and our CSV cells treat specially).
bool IsSafeUrl(std::string_view u) {
  if (!HasHttpScheme(u)) return false;
  return std::all_of(u.begin(), u.end(), [](char c) {
    return IsAlnum(c) || std::string_view("-._~:/?#[]@!$&'()*+=%").find(c) != std::string_view::npos;
  });
}

template <typename Pred>
bool AllOf(std::string_view s, size_t max_len, Pred pred) {
  return !s.empty() && s.size() <= max_len && std::all_of(s.begin(), s.end(), pred);
}

}  // namespace

std::vector<CrmPerson> GroupByPerson(const std::vector<Artifact>& artifacts) {
  std::vector<CrmPerson> people;
  std::map<std::pair<std::string_view, std::string_view>, size_t> index;
  for (const Artifact& a : artifacts) {
    auto [it, added] = index.try_emplace({a.person.platform, a.person.id}, people.size());
    if (added) people.push_back({a.person, {}});
    CrmPerson& p = people[it->second];
    if (p.person.username.empty()) p.person.username = a.person.username;
    if (p.person.name.empty()) p.person.name = a.person.name;
    p.artifacts.push_back(&a);
  }
  return people;
}

std::optional<CrmDate> FindDate(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    // A date must not continue a number ("1--0415", "120230415").
    if (i > 0 && IsDigit(s[i - 1])) continue;
    if (s[i] != '-' && !IsDigit(s[i])) continue;
    size_t end;
    if (std::optional<CrmDate> d = DateAt(s, i, &end)) return d;
  }
  return std::nullopt;
}

std::optional<CrmDate> ArtifactDate(const Artifact& a) {
  if (std::optional<CrmDate> d = FindDate(a.key)) return d;
  return FindDate(a.value);
}

std::string NoteLine(const Artifact& a) {
  const std::string_view v = a.value;
  if (a.category.empty() || (v.substr(0, a.category.size()) == a.category && v.substr(a.category.size(), 1) == ":")) {
    return a.value;
  }
  return a.category + ": " + a.value;
}

std::string VCardDate(const CrmDate& d) {
  char buf[16];
  if (d.year == 0) {
    std::snprintf(buf, sizeof buf, "--%02d%02d", d.month, d.day);
  } else {
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  }
  return buf;
}

std::string IsoDate(const CrmDate& d) {
  char buf[16];
  if (d.year == 0) {
    std::snprintf(buf, sizeof buf, "%02d-%02d", d.month, d.day);  // no leading "--": spreadsheets read that as a formula
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  }
  return buf;
}

std::string ProfileUrl(const PersonRef& p) {
  const std::string_view u = p.username;
  if (p.platform == "x") {
    if (AllOf(u, 50, [](char c) { return IsAlnum(c) || c == '_'; })) return "https://x.com/" + p.username;
  } else if (p.platform == "bluesky") {
    if (AllOf(u, 253, [](char c) { return IsAlnum(c) || c == '.' || c == '-' || c == ':' || c == '_'; })) {
      return "https://bsky.app/profile/" + p.username;
    }
  } else if (p.platform == "mastodon") {
    if (IsSafeUrl(u)) return LowerScheme(p.username);
    std::string_view acct = u;
    if (!acct.empty() && acct.front() == '@') acct.remove_prefix(1);
    const size_t at = acct.find('@');
    if (at == std::string_view::npos) return "";
    const std::string_view user = acct.substr(0, at), host = acct.substr(at + 1);
    const bool user_ok = AllOf(user, 64, [](char c) { return IsAlnum(c) || c == '_' || c == '.' || c == '-'; });
    const bool host_ok = AllOf(host, 253, [](char c) { return IsAlnum(c) || c == '.' || c == '-'; }) &&
                         host.find('.') != std::string_view::npos && host.front() != '.' && host.front() != '-';
    if (user_ok && host_ok) return "https://" + std::string(host) + "/@" + std::string(user);
  }
  return "";
}

}  // namespace rapport::pipeline
