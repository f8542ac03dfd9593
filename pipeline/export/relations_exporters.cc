#include "pipeline/export/relations_exporters.h"

#include "pipeline/export/json_records.h"
#include "pipeline/export/ordered_append.h"

namespace rapport::pipeline {

using namespace std::string_view_literals;
namespace {

void People(std::string* out, const PersonRef& a, const PersonRef& b) {
  out->append("\"people\":["sv);
  AppendPersonJson(out, a);
  out->push_back(',');
  AppendPersonJson(out, b);
  out->push_back(']');
}

// One line of threads.jsonl.
void AppendThreadLine(std::string* line, const CommonThread& t) {
  std::string& out = *line;
  out.push_back('{');
  People(&out, t.a, t.b);
  out.push_back(',');
  AppendJsonInt(&out, "exchanges", t.exchanges);
  out.push_back(',');
  AppendJsonInt(&out, "conversations", t.conversations);
  out.push_back(',');
  AppendJsonField(&out, "first_talked", t.first_talked);
  out.push_back(',');
  AppendJsonField(&out, "last_talked", t.last_talked);
  out.push_back(',');
  AppendJsonInt(&out, "quiet_days", t.quiet_days);
  out.append(",\"topics\":["sv);
  for (size_t i = 0; i < t.topics.size(); ++i) {
    const ThreadTopic& topic = t.topics[i];
    if (i) out.push_back(',');
    out.push_back('{');
    AppendJsonField(&out, "category", topic.category);
    out.push_back(',');
    AppendJsonField(&out, "value", topic.value);
    out.push_back(',');
    AppendJsonField(&out, "key", topic.key);
    out.push_back(',');
    AppendJsonInt(&out, "mentions", topic.mentions);
    out.push_back(',');
    AppendJsonField(&out, "last_seen", topic.last_seen);
    out.append(",\"evidence\":["sv);
    for (size_t j = 0; j < topic.evidence.size(); ++j) {
      if (j) out.push_back(',');
      AppendEvidenceJson(&out, topic.evidence[j]);
    }
    out.append("]}"sv);
  }
  out.append("],"sv);
  AppendJsonField(&out, "opener", t.opener);
  out.append("}\n"sv);
}

// One line of connections.jsonl.
void AppendConnectionLine(std::string* line, const Connection& c) {
  std::string& out = *line;
  out.push_back('{');
  People(&out, c.a, c.b);
  out.push_back(',');
  AppendJsonField(&out, "category", c.category);
  out.push_back(',');
  AppendJsonField(&out, "value", c.value);
  out.push_back(',');
  AppendJsonField(&out, "key", c.key);
  out.append(",\"evidence\":["sv);
  AppendEvidenceJson(&out, c.evidence_a);
  out.push_back(',');
  AppendEvidenceJson(&out, c.evidence_b);
  out.append("]}\n"sv);
}

}  // namespace

Status WriteThreadsJsonl(const std::vector<CommonThread>& threads, const std::string& path) {
  // A pair's line is ~3 KB: blocks of 32 pairs.
  return WriteInOrder(path, "", threads.size(), 32,
                      [&](size_t i, std::string* out) { AppendThreadLine(out, threads[i]); });
}

Status WriteConnectionsJsonl(const std::vector<Connection>& connections, const std::string& path) {
  return WriteInOrder(path, "", connections.size(), 256,
                      [&](size_t i, std::string* out) { AppendConnectionLine(out, connections[i]); });
}

}  // namespace rapport::pipeline
