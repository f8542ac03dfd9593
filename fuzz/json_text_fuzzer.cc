// Fuzz target: the JSON text encoders every JSON/JSONL writer uses
// (AppendJsonString, IsValidUtf8, AppendValidUtf8) and the dead-letter
// writer, which takes a rejected record's raw bytes as they came.
//
// Input: "raw\x1forigin\x1freason" (0x1F-separated; a plain seed is the raw
// record). Oracles: every encoded string parses back with simdjson to the
// input with invalid UTF-8 replaced; validators agree with simdjson's; each
// dead-letter line is one valid JSON object whose raw (or base64-decoded
// raw_base64) is a prefix of the record, cut at the cap only.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_util.h"
#include "pipeline/export/dead_letter.h"
#include "pipeline/export/json_text.h"

namespace {

namespace pl = rapport::pipeline;
constexpr uint64_t kMaxRaw = 64;

std::string RoundTrip(simdjson::ondemand::parser& parser, std::string_view s) {
  std::string json;
  pl::AppendJsonString(&json, s);
  FUZZ_CHECK(pl::IsValidUtf8(json));
  // No raw control characters, and U+2028/2029 escaped (JSONP-safe).
  for (char c : json) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20);
  FUZZ_CHECK(json.find("\xE2\x80\xA8") == std::string::npos && json.find("\xE2\x80\xA9") == std::string::npos);
  simdjson::padded_string padded(json);
  simdjson::ondemand::document doc;
  FUZZ_CHECK(parser.iterate(padded).get(doc) == simdjson::SUCCESS);
  std::string_view back;
  FUZZ_CHECK(doc.get_string().get(back) == simdjson::SUCCESS);
  return std::string(back);
}

std::string DecodeBase64(std::string_view s) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  FUZZ_CHECK(s.size() % 4 == 0);
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : s) {
    if (c == '=') break;
    int v = value(c);
    FUZZ_CHECK(v >= 0);
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fz = rapport::fuzz;
  static simdjson::ondemand::parser parser;
  std::string_view in = fz::AsView(data, size);
  const bool valid = pl::IsValidUtf8(in);
  FUZZ_CHECK(valid == simdjson::validate_utf8(in.data(), in.size()));
  std::string fixed;
  pl::AppendValidUtf8(&fixed, in);
  FUZZ_CHECK(pl::IsValidUtf8(fixed));
  if (valid) FUZZ_CHECK(fixed == in);
  FUZZ_CHECK(RoundTrip(parser, in) == fixed);

  auto parts = fz::Split(in, '\x1f', 3);
  std::string_view raw = parts[0];
  std::string_view origin = parts.size() > 1 ? parts[1] : "fuzz.jsonl:1";
  std::string_view reason = parts.size() > 2 ? parts[2] : "invalid JSON: TAPE_ERROR";
  const std::string path = (fz::Scratch().path() / "deadletter.jsonl").string();
  {
    pl::DeadLetterWriter writer(path, kMaxRaw);
    FUZZ_CHECK(writer.Open().ok());
    FUZZ_CHECK(writer.Write(origin, reason, raw).ok());
    FUZZ_CHECK(writer.Write(origin, reason, in).ok());
    FUZZ_CHECK(writer.Commit().ok());
  }
  std::string file = fz::ReadFile(path);
  std::string_view rest = file;
  for (std::string_view record : {raw, in}) {
    size_t nl = rest.find('\n');
    FUZZ_CHECK(nl != std::string_view::npos);
    simdjson::padded_string line(rest.substr(0, nl));
    rest.remove_prefix(nl + 1);
    simdjson::ondemand::document doc;
    FUZZ_CHECK(parser.iterate(line).get(doc) == simdjson::SUCCESS);
    simdjson::ondemand::object obj;
    FUZZ_CHECK(doc.get_object().get(obj) == simdjson::SUCCESS);
    std::string got;
    bool truncated = false, seen_raw = false;
    for (auto field : obj) {
      std::string_view key, value;
      FUZZ_CHECK(field.unescaped_key().get(key) == simdjson::SUCCESS);
      if (key == "raw_truncated") {
        FUZZ_CHECK(field.value().get_bool().get(truncated) == simdjson::SUCCESS);
        continue;
      }
      FUZZ_CHECK(field.value().get_string().get(value) == simdjson::SUCCESS);
      if (key == "raw") {
        seen_raw = true;
        got = std::string(value);
      } else if (key == "raw_base64") {
        seen_raw = true;
        got = DecodeBase64(value);
      }
    }
    FUZZ_CHECK(seen_raw);
    FUZZ_CHECK(record.substr(0, got.size()) == got);
    FUZZ_CHECK(truncated == (record.size() > kMaxRaw));
    FUZZ_CHECK(got.size() <= kMaxRaw);
    if (!truncated) FUZZ_CHECK(got.size() == record.size());
    else FUZZ_CHECK(got.size() + 3 >= kMaxRaw);  // cut at most back to a code point start
  }
  FUZZ_CHECK(rest.empty());
  return 0;
}
