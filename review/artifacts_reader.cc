// ReadArtifactsJsonl: artifacts.jsonl back into Artifact records (simdjson On-Demand).
#include "review/artifacts_reader.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include <simdjson.h>

namespace rapport::review {

namespace {

using simdjson::ondemand::object;

// Reads string field `key` of `obj` into *out; a missing or null field leaves *out as is.
simdjson::error_code ReadString(object& obj, std::string_view key, std::string* out) {
  simdjson::ondemand::value v;
  simdjson::error_code err = obj[key].get(v);
  if (err == simdjson::NO_SUCH_FIELD) return simdjson::SUCCESS;
  if (err) return err;
  bool is_null = false;
  if (!v.is_null().get(is_null) && is_null) return simdjson::SUCCESS;
  std::string_view s;
  err = v.get_string().get(s);
  if (err) return err;
  out->assign(s);
  return simdjson::SUCCESS;
}

simdjson::error_code ReadCount(object& obj, std::string_view key, uint32_t* out) {
  uint64_t n = 0;
  simdjson::error_code err = obj[key].get_uint64().get(n);
  if (err == simdjson::NO_SUCH_FIELD) return simdjson::SUCCESS;
  if (err) return err;
  *out = n > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(n);
  return simdjson::SUCCESS;
}

simdjson::error_code ReadScore(object& obj, double* out) {
  simdjson::ondemand::value v;
  simdjson::error_code err = obj["score"].get(v);
  if (err == simdjson::NO_SUCH_FIELD) return simdjson::SUCCESS;
  if (err) return err;
  bool is_null = false;
  if (!v.is_null().get(is_null) && is_null) return simdjson::SUCCESS;
  return v.get_double().get(*out);
}

// Fields are read in the order WriteArtifactsJsonl writes them; On-Demand
// also finds them out of order (at the cost of a rescan).
simdjson::error_code ParseLine(simdjson::ondemand::parser& parser, const simdjson::padded_string& line,
                               pipeline::Artifact* a) {
  simdjson::ondemand::document doc;
  simdjson::error_code err = parser.iterate(line).get(doc);
  if (err) return err;
  object obj;
  if ((err = doc.get_object().get(obj))) return err;
  std::string_view id;
  if ((err = obj["candidate_id"].get_string().get(id))) return err;
  a->candidate_id.assign(id);
  object person;
  err = obj["person"].get_object().get(person);
  if (!err) {
    if ((err = ReadString(person, "platform", &a->person.platform))) return err;
    if ((err = ReadString(person, "id", &a->person.id))) return err;
    if ((err = ReadString(person, "username", &a->person.username))) return err;
    if ((err = ReadString(person, "name", &a->person.name))) return err;
  } else if (err != simdjson::NO_SUCH_FIELD) {
    return err;
  }
  if ((err = ReadString(obj, "category", &a->category))) return err;
  if ((err = ReadString(obj, "value", &a->value))) return err;
  if ((err = ReadString(obj, "key", &a->key))) return err;
  if ((err = ReadString(obj, "polarity", &a->polarity))) return err;
  if ((err = ReadString(obj, "said_by", &a->said_by))) return err;
  if ((err = ReadString(obj, "review", &a->review))) return err;
  if ((err = ReadScore(obj, &a->score))) return err;
  if ((err = ReadCount(obj, "mentions", &a->mentions))) return err;
  if ((err = ReadCount(obj, "days", &a->days))) return err;
  if ((err = ReadCount(obj, "conversations", &a->conversations))) return err;
  if ((err = ReadCount(obj, "interlocutors", &a->interlocutors))) return err;
  if ((err = ReadString(obj, "first_seen", &a->first_seen))) return err;
  if ((err = ReadString(obj, "last_seen", &a->last_seen))) return err;
  simdjson::ondemand::array evidence;
  err = obj["evidence"].get_array().get(evidence);
  if (err == simdjson::NO_SUCH_FIELD) return simdjson::SUCCESS;
  if (err) return err;
  for (auto item : evidence) {
    object e;
    if ((err = item.get_object().get(e))) return err;
    pipeline::Evidence ev;
    if ((err = ReadString(e, "id", &ev.id))) return err;
    if ((err = ReadString(e, "url", &ev.url))) return err;
    if ((err = ReadString(e, "created_at", &ev.created_at))) return err;
    if ((err = ReadString(e, "author", &ev.author_username))) return err;
    if ((err = ReadString(e, "text", &ev.text))) return err;
    a->evidence.push_back(std::move(ev));
  }
  return simdjson::SUCCESS;
}

}  // namespace

Status ReadArtifactsJsonl(const std::string& path, std::vector<pipeline::Artifact>* out) {
  out->clear();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return Status::NotFound(path + " does not exist (run `rapport run --out DIR` first)");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + path + ": " + std::strerror(errno));
  simdjson::ondemand::parser parser;
  std::string text;
  uint64_t line_no = 0;
  std::vector<pipeline::Artifact> artifacts;
  while (std::getline(in, text)) {
    ++line_no;
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::padded_string line(text);
    pipeline::Artifact a;
    a.review.clear();
    simdjson::error_code err = ParseLine(parser, line, &a);
    if (err)
      return Status::Corruption(path + ":" + std::to_string(line_no) + ": " + simdjson::error_message(err));
    if (a.review.empty()) a.review = "new";
    artifacts.push_back(std::move(a));
  }
  if (in.bad()) return Status::IoError("cannot read " + path);
  *out = std::move(artifacts);
  return Status::OK();
}

}  // namespace rapport::review
