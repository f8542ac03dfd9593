#include "crm/push.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string_view>
#include <utility>

#include "pipeline/export/crm_exporters.h"
#include "pipeline/export/json_text.h"

namespace rapport::crm {

namespace {

// Longest artifact line and evidence URL put in a note (bytes), so one
// artifact always fits in a note.
constexpr size_t kMaxLineBytes = 2'000;
constexpr size_t kMaxUrlBytes = 2'000;

// Valid UTF-8, cut to at most `max` bytes on a character boundary ("..." added).
std::string Clip(std::string_view s, size_t max) {
  std::string valid;
  pipeline::AppendValidUtf8(&valid, s);
  if (valid.size() <= max) return valid;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(valid[cut]) & 0xC0) == 0x80) --cut;
  valid.resize(cut);
  return valid + "...";
}

// Text for HTML element content and double-quoted attribute values.
std::string Html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\r':
      case '\n':
      case '\t': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

bool IsHttpUrl(std::string_view url) {
  if (url.size() > kMaxUrlBytes) return false;
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) return false;
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\') return false;
  }
  return true;
}

std::string PersonLabel(const pipeline::PersonRef& p) {
  std::string who = !p.username.empty() ? "@" + p.username : !p.name.empty() ? p.name : p.platform + ":" + p.id;
  return who + " (" + p.platform + ":" + p.id + ")";
}

std::string ItemHtml(const pipeline::Artifact& a, bool changed) {
  std::string item = "<li>" + Html(Clip(pipeline::NoteLine(a), kMaxLineBytes));
  if (changed) item += " <em>(changed)</em>";
  if (a.said_by == "other" && !a.evidence.empty() && !a.evidence.front().author_username.empty()) {
    item += " <em>(said by @" + Html(Clip(a.evidence.front().author_username, 100)) + ")</em>";
  }
  for (const pipeline::Evidence& e : a.evidence) {
    if (IsHttpUrl(e.url)) {
      item += " &mdash; <a href=\"" + Html(e.url) + "\">evidence</a>";
      break;
    }
  }
  return item + "</li>";
}

std::string TitleHtml(const pipeline::PersonRef& p, size_t count) {
  std::string who = !p.username.empty() ? "@" + p.username : p.platform + ":" + p.id;
  if (!p.name.empty()) who += " (" + p.name + ")";
  return "<p><strong>Rapport</strong>: " + std::to_string(count) + (count == 1 ? " new or changed fact" : " new or changed facts") +
         " about " + Html(Clip(who, 300)) + " on " + Html(Clip(p.platform, 50)) + "</p>";
}

std::string LowerBare(std::string_view s) {
  if (!s.empty() && s.front() == '@') s.remove_prefix(1);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsSuppressed(const pipeline::PersonRef& p, const std::vector<std::string>& suppressed) {
  const std::string username = LowerBare(p.username);
  for (const std::string& s : suppressed) {
    if ((!p.id.empty() && s == p.id) || (!username.empty() && LowerBare(s) == username)) return true;
  }
  return false;
}

int64_t NowSeconds(connectors::Clock* clock) {
  return (clock ? clock : connectors::Clock::Default())->NowMillis() / 1000;
}

}  // namespace

std::string ExportFingerprint(const pipeline::Artifact& a) {
  uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ull;
    }
  };
  mix(a.category);
  mix("\x1f");
  mix(a.value);
  mix("\x1f");
  mix(a.candidate_id);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

std::string NoteHtml(const pipeline::PersonRef& person, const std::vector<const pipeline::Artifact*>& artifacts,
                     const std::vector<bool>& changed) {
  std::string html = TitleHtml(person, artifacts.size()) + "<ul>";
  for (size_t i = 0; i < artifacts.size(); ++i) html += ItemHtml(*artifacts[i], changed[i]);
  return html + "</ul>";
}

Status PushToHubSpot(const std::vector<pipeline::Artifact>& accepted, pipeline::StateStore* store,
                     HubSpotClient* client, const PushOptions& options, PushReport* report) {
  const std::map<std::string, std::string> exported = store->Exported(options.target);
  const std::vector<std::string> suppressed = store->Suppressed();
  for (const pipeline::CrmPerson& p : pipeline::GroupByPerson(accepted)) {
    if (IsSuppressed(p.person, suppressed)) {
      ++report->people_suppressed;
      continue;
    }
    std::vector<const pipeline::Artifact*> pending;
    std::vector<bool> changed;
    std::vector<std::string> fingerprints;
    for (const pipeline::Artifact* a : p.artifacts) {
      std::string fp = ExportFingerprint(*a);
      auto it = exported.find(a->candidate_id);
      if (it != exported.end() && it->second == fp) continue;
      pending.push_back(a);
      changed.push_back(it != exported.end());
      fingerprints.push_back(std::move(fp));
    }
    if (pending.empty()) {
      ++report->people_unchanged;
      continue;
    }

    Result<ContactMatch> match = client->FindContact(p.person);
    if (!match.ok()) return match.status();
    if (match->contact_id.empty()) {
      report->skipped.push_back({p.person, match->skip_reason});
      continue;
    }

    // As many artifacts as fit (always at least one); the rest wait.
    size_t size = TitleHtml(p.person, pending.size()).size() + 9;
    size_t fit = 0;
    for (; fit < pending.size(); ++fit) {
      size += ItemHtml(*pending[fit], changed[fit]).size();
      if (fit > 0 && size > options.max_note_bytes) break;
    }
    pending.resize(fit);
    changed.resize(fit);
    const int deferred = static_cast<int>(fingerprints.size() - fit);
    fingerprints.resize(fit);

    Result<NoteResult> note = client->CreateNote(match->contact_id, NoteHtml(p.person, pending, changed));
    if (!note.ok()) return note.status();
    if (!note->refused.empty()) {
      report->failed.push_back({p.person, note->refused});
      continue;
    }
    std::vector<std::pair<std::string, std::string>> sent;
    for (size_t i = 0; i < pending.size(); ++i) sent.emplace_back(pending[i]->candidate_id, fingerprints[i]);
    ++report->notes_sent;
    report->artifacts_sent += static_cast<int>(sent.size());
    report->artifacts_deferred += deferred;
    Status st = store->MarkExported(options.target, sent, NowSeconds(options.clock));
    if (!st.ok()) {
      report->store_failed = true;
      return Status::IoError("HubSpot note " + note->note_id + " for " + PersonLabel(p.person) +
                             " was created but the state store could not record it (the next push sends it "
                             "again): " + st.ToString());
    }
  }
  return Status::OK();
}

std::string FormatPushReport(const PushReport& r) {
  auto plural = [](int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
  std::string out = "hubspot: " + plural(r.notes_sent, "note", "notes") + " sent (" +
                    plural(r.artifacts_sent, "artifact", "artifacts") + "), " +
                    plural(r.people_unchanged, "person", "people") + " unchanged, " +
                    std::to_string(r.skipped.size()) + " skipped, " + std::to_string(r.failed.size()) + " failed";
  if (r.people_suppressed > 0) out += ", " + plural(r.people_suppressed, "person", "people") + " suppressed";
  if (r.artifacts_deferred > 0) {
    out += ", " + plural(r.artifacts_deferred, "artifact", "artifacts") + " left for the next push (note size)";
  }
  out += "\n";
  for (const PushReport::Person& s : r.skipped) out += "  skipped " + PersonLabel(s.person) + ": " + s.reason + "\n";
  for (const PushReport::Person& f : r.failed) out += "  failed " + PersonLabel(f.person) + ": " + f.reason + "\n";
  return out;
}

}  // namespace rapport::crm
