// The JSON pieces the JSONL exports share (artifacts.jsonl, threads.jsonl,
// connections.jsonl): a member's key, string and integer members, and the
// person and evidence objects, so each is spelled the same in every file.
// Keys are the callers' own ASCII literals and are not escaped. Thread-safe.
//
// Example: AppendEvidenceJson(&out, e) appends
//   {"id":"18…","url":"https://x.com/…","created_at":"2026-05-03T21:04:31Z","author":"dana","text":"…"}
#ifndef RAPPORT_PIPELINE_EXPORT_JSON_RECORDS_H_
#define RAPPORT_PIPELINE_EXPORT_JSON_RECORDS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/artifact.h"

namespace rapport::pipeline {

// "key":
void AppendJsonKey(std::string* out, std::string_view key);
// "key":"value" (value escaped by AppendJsonString).
void AppendJsonField(std::string* out, std::string_view key, std::string_view value);
// "key":123
void AppendJsonInt(std::string* out, std::string_view key, int64_t value);
// {"platform":…,"id":…,"username":…,"name":…}
void AppendPersonJson(std::string* out, const PersonRef& p);
// {"id":…,"url":…,"created_at":…,"author":…,"text":…}
void AppendEvidenceJson(std::string* out, const Evidence& e);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EXPORT_JSON_RECORDS_H_
