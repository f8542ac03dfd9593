// WriteVCards: contacts.vcf (vCard 4.0, RFC 6350) for CRM and address-book import.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/export/atomic_file.h"
#include "pipeline/export/crm_exporters.h"
#include "pipeline/export/json_text.h"

namespace rapport::pipeline {

namespace {

constexpr size_t kFlushBytes = 1 << 16;
constexpr size_t kMaxLineOctets = 75;  // RFC 6350 §3.2, not counting CRLF

// Appends `s` as an RFC 6350 §3.4 text value: \ , ; escaped, every line
// break (CRLF, CR, LF) as \n, other controls (not TAB) as a space, invalid
// UTF-8 as U+FFFD.
void AppendText(std::string* out, std::string_view s) {
  std::string valid;
  AppendValidUtf8(&valid, s);
  for (size_t i = 0; i < valid.size(); ++i) {
    const char c = valid[i];
    switch (c) {
      case '\\': out->append("\\\\"); break;
      case ',': out->append("\\,"); break;
      case ';': out->append("\\;"); break;
      case '\n': out->append("\\n"); break;
      case '\r':
        out->append("\\n");
        if (i + 1 < valid.size() && valid[i + 1] == '\n') ++i;
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) {
          out->push_back(' ');
        } else {
          out->push_back(c);
        }
    }
  }
}

// Length of the unit starting at line[i] that must not be split by a fold:
// a backslash escape pair, or one UTF-8 character (lead byte plus the
// continuation bytes that follow it).
size_t UnitLength(std::string_view line, size_t i) {
  if (line[i] == '\\' && i + 1 < line.size()) return 2;
  size_t len = 1;
  if (static_cast<unsigned char>(line[i]) >= 0xC0) {
    while (len < 4 && i + len < line.size() && (static_cast<unsigned char>(line[i + len]) & 0xC0) == 0x80) ++len;
  }
  return len;
}

// Appends one content line folded at kMaxLineOctets (RFC 6350 §3.2): each
// continuation line starts with a space, which counts toward its length.
void AppendFolded(std::string* out, std::string_view line) {
  size_t width = 0;
  for (size_t i = 0; i < line.size();) {
    const size_t len = UnitLength(line, i);
    if (width + len > kMaxLineOctets) {
      out->append("\r\n ");
      width = 1;
    }
    out->append(line.data() + i, len);
    width += len;
    i += len;
  }
  out->append("\r\n");
}

void AppendTextProperty(std::string* out, std::string_view name, std::string_view value) {
  std::string line(name);
  line.push_back(':');
  AppendText(&line, value);
  AppendFolded(out, line);
}

// Percent-encodes all but A-Z a-z 0-9 - . _ ~ (and ':' when `keep_colon`).
void AppendPercentEncoded(std::string* out, std::string_view s, bool keep_colon) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '.' || c == '_' || c == '~' || (keep_colon && c == ':');
    if (plain) {
      out->push_back(ch);
    } else {
      out->push_back('%');
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 0xF]);
    }
  }
}

void AppendCard(std::string* out, const CrmPerson& person) {
  const PersonRef& p = person.person;
  out->append("BEGIN:VCARD\r\nVERSION:4.0\r\n");

  std::string fn = p.name;
  if (fn.empty() && !p.username.empty()) fn = "@" + p.username;
  if (fn.empty()) fn = p.id.empty() ? "unknown" : p.id;
  AppendTextProperty(out, "FN", fn);
  if (!p.username.empty()) AppendTextProperty(out, "NICKNAME", p.username);

  std::string uid = "UID:urn:rapport:";
  AppendPercentEncoded(&uid, p.platform, /*keep_colon=*/false);
  uid.push_back(':');
  AppendPercentEncoded(&uid, p.id, /*keep_colon=*/true);
  AppendFolded(out, uid);

  // The first dated birthday and anniversary become properties; the rest are notes.
  const Artifact* bday = nullptr;
  const Artifact* anniversary = nullptr;
  std::optional<CrmDate> bday_date, anniversary_date;
  for (const Artifact* a : person.artifacts) {
    if (a->category == "birthday" && bday == nullptr) {
      if ((bday_date = ArtifactDate(*a))) bday = a;
    } else if (a->category == "anniversary" && anniversary == nullptr) {
      if ((anniversary_date = ArtifactDate(*a))) anniversary = a;
    }
  }
  if (bday != nullptr) AppendFolded(out, "BDAY:" + VCardDate(*bday_date));
  if (anniversary != nullptr) AppendFolded(out, "ANNIVERSARY:" + VCardDate(*anniversary_date));

  std::vector<std::string_view> categories;
  for (const Artifact* a : person.artifacts) {
    if (a->category.empty()) continue;
    bool seen = false;
    for (std::string_view c : categories) seen = seen || c == a->category;
    if (!seen) categories.push_back(a->category);
  }
  if (!categories.empty()) {
    std::string line = "CATEGORIES:";
    for (size_t i = 0; i < categories.size(); ++i) {
      if (i > 0) line.push_back(',');
      AppendText(&line, categories[i]);
    }
    AppendFolded(out, line);
  }

  std::string note;
  bool first_note = true;
  for (const Artifact* a : person.artifacts) {
    if (a == bday || a == anniversary) continue;
    const std::string line = NoteLine(*a);
    if (line.empty()) continue;
    if (!first_note) note.append("\\n");
    first_note = false;
    AppendText(&note, line);
  }
  if (!note.empty()) AppendFolded(out, "NOTE:" + note);

  const std::string url = ProfileUrl(p);
  if (!url.empty()) {
    // ProfileUrl is non-empty only for x, bluesky and mastodon: a safe param value.
    AppendFolded(out, "X-SOCIALPROFILE;TYPE=" + p.platform + ":" + url);
  }
  out->append("END:VCARD\r\n");
}

}  // namespace

Status WriteVCards(const std::vector<Artifact>& accepted, const std::string& path) {
  AtomicFile file(path);
  RAPPORT_RETURN_IF_ERROR(file.Open());
  std::string buf;
  for (const CrmPerson& person : GroupByPerson(accepted)) {
    AppendCard(&buf, person);
    if (buf.size() >= kFlushBytes) {
      RAPPORT_RETURN_IF_ERROR(file.Append(buf));
      buf.clear();
    }
  }
  RAPPORT_RETURN_IF_ERROR(file.Append(buf));
  return file.Commit();
}

}  // namespace rapport::pipeline
