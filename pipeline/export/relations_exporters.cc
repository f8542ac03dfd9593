#include "pipeline/export/relations_exporters.h"

#include <utility>

#include "pipeline/export/atomic_file.h"
#include "pipeline/export/json_text.h"
#include "pipeline/export/ordered_append.h"

namespace rapport::pipeline {
namespace {

void Str(std::string* out, const char* key, std::string_view value) {
  out->push_back('"');
  out->append(key);
  out->append("\":");
  AppendJsonString(out, value);
}

void Num(std::string* out, const char* key, int64_t value) {
  out->push_back('"');
  out->append(key);
  out->append("\":");
  out->append(std::to_string(value));
}

void Person(std::string* out, const PersonRef& p) {
  out->push_back('{');
  Str(out, "platform", p.platform);
  out->push_back(',');
  Str(out, "id", p.id);
  out->push_back(',');
  Str(out, "username", p.username);
  out->push_back(',');
  Str(out, "name", p.name);
  out->push_back('}');
}

void EvidenceObject(std::string* out, const Evidence& e) {
  out->push_back('{');
  Str(out, "id", e.id);
  out->push_back(',');
  Str(out, "url", e.url);
  out->push_back(',');
  Str(out, "created_at", e.created_at);
  out->push_back(',');
  Str(out, "author", e.author_username);
  out->push_back(',');
  Str(out, "text", e.text);
  out->push_back('}');
}

void People(std::string* out, const PersonRef& a, const PersonRef& b) {
  out->append("\"people\":[");
  Person(out, a);
  out->push_back(',');
  Person(out, b);
  out->push_back(']');
}

// Writes the lines of items 0 .. n-1 to `path`, atomically, `per_block`
// items to a block formatted on any thread (AppendInOrder).
template <typename Format>
Status WriteLines(const std::string& path, size_t n, size_t per_block, Format&& format) {
  AtomicFile file(path);
  RAPPORT_RETURN_IF_ERROR(file.Open());
  RAPPORT_RETURN_IF_ERROR(AppendInOrder(&file, n, per_block, std::forward<Format>(format)));
  return file.Commit();
}

// One line of threads.jsonl.
void AppendThreadLine(std::string* line, const CommonThread& t) {
  std::string& out = *line;
  out.push_back('{');
  People(&out, t.a, t.b);
  out.push_back(',');
  Num(&out, "exchanges", t.exchanges);
  out.push_back(',');
  Num(&out, "conversations", t.conversations);
  out.push_back(',');
  Str(&out, "first_talked", t.first_talked);
  out.push_back(',');
  Str(&out, "last_talked", t.last_talked);
  out.push_back(',');
  Num(&out, "quiet_days", t.quiet_days);
  out.append(",\"topics\":[");
  for (size_t i = 0; i < t.topics.size(); ++i) {
    const ThreadTopic& topic = t.topics[i];
    if (i) out.push_back(',');
    out.push_back('{');
    Str(&out, "category", topic.category);
    out.push_back(',');
    Str(&out, "value", topic.value);
    out.push_back(',');
    Str(&out, "key", topic.key);
    out.push_back(',');
    Num(&out, "mentions", topic.mentions);
    out.push_back(',');
    Str(&out, "last_seen", topic.last_seen);
    out.append(",\"evidence\":[");
    for (size_t j = 0; j < topic.evidence.size(); ++j) {
      if (j) out.push_back(',');
      EvidenceObject(&out, topic.evidence[j]);
    }
    out.append("]}");
  }
  out.append("],");
  Str(&out, "opener", t.opener);
  out.append("}\n");
}

// One line of connections.jsonl.
void AppendConnectionLine(std::string* line, const Connection& c) {
  std::string& out = *line;
  out.push_back('{');
  People(&out, c.a, c.b);
  out.push_back(',');
  Str(&out, "category", c.category);
  out.push_back(',');
  Str(&out, "value", c.value);
  out.push_back(',');
  Str(&out, "key", c.key);
  out.append(",\"evidence\":[");
  EvidenceObject(&out, c.evidence_a);
  out.push_back(',');
  EvidenceObject(&out, c.evidence_b);
  out.append("]}\n");
}

}  // namespace

Status WriteThreadsJsonl(const std::vector<CommonThread>& threads, const std::string& path) {
  // A pair's line is ~3 KB: blocks of 32 pairs.
  return WriteLines(path, threads.size(), 32, [&](size_t i, std::string* out) { AppendThreadLine(out, threads[i]); });
}

Status WriteConnectionsJsonl(const std::vector<Connection>& connections, const std::string& path) {
  return WriteLines(path, connections.size(), 256,
                    [&](size_t i, std::string* out) { AppendConnectionLine(out, connections[i]); });
}

}  // namespace rapport::pipeline
