// WriteArtifactsCsv and CsvCell: artifacts.csv for spreadsheet and CRM import.
#include <cmath>
#include <string>

#include "pipeline/export/byte_scan.h"
#include "pipeline/export/fixed_decimal.h"
#include "pipeline/export/ordered_append.h"
#include "pipeline/export/exporters.h"
#include "pipeline/export/json_text.h"

namespace rapport::pipeline {

using namespace std::string_view_literals;

namespace {

constexpr size_t kItemsPerBlock = 256;  // rows of ~300 bytes

constexpr std::string_view kHeader =
    "candidate_id,platform,person_id,username,name,category,value,polarity,said_by,score,"
    "mentions,days,conversations,first_seen,last_seen,evidence_ids,evidence_text\r\n";

// Only the first character is checked (OWASP CSV injection guidance); a cell
// such as " =1" is quoted for its leading space and is not neutralised.
bool StartsLikeFormula(std::string_view s) {
  if (s.empty()) return false;
  switch (s.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r':
      return true;
    default:
      return false;
  }
}

bool NeedsQuotes(std::string_view s) {
  if (s.empty()) return false;
  if (s.front() == ' ' || s.back() == ' ') return true;  // spreadsheets trim them otherwise
  return CsvPlainPrefix(s) < s.size();
}


// Numbers we generate are written as they are: they are never negative and
// never need quoting. Non-finite scores become an empty cell.
void AppendScore(std::string* out, double score) {
  if (!std::isfinite(score)) return;
  if (score == 0) score = 0;  // print -0.0 as 0.0000
  AppendFixed(out, score, 4);
}

void AppendRow(std::string* out, const Artifact& a) {
  AppendCsvCell(out, a.candidate_id);
  out->push_back(',');
  AppendCsvCell(out, a.person.platform);
  out->push_back(',');
  AppendCsvCell(out, a.person.id);
  out->push_back(',');
  AppendCsvCell(out, a.person.username);
  out->push_back(',');
  AppendCsvCell(out, a.person.name);
  out->push_back(',');
  AppendCsvCell(out, a.category);
  out->push_back(',');
  AppendCsvCell(out, a.value);
  out->push_back(',');
  AppendCsvCell(out, a.polarity);
  out->push_back(',');
  AppendCsvCell(out, a.said_by);
  out->push_back(',');
  AppendScore(out, a.score);
  out->push_back(',');
  out->append(std::to_string(a.mentions));
  out->push_back(',');
  out->append(std::to_string(a.days));
  out->push_back(',');
  out->append(std::to_string(a.conversations));
  out->push_back(',');
  AppendCsvCell(out, a.first_seen);
  out->push_back(',');
  AppendCsvCell(out, a.last_seen);
  out->push_back(',');
  std::string ids;
  for (size_t i = 0; i < a.evidence.size(); ++i) {
    if (i > 0) ids.push_back(';');
    ids.append(a.evidence[i].id);
  }
  AppendCsvCell(out, ids);
  out->push_back(',');
  AppendCsvCell(out, a.evidence.empty() ? std::string_view() : std::string_view(a.evidence.front().text));
  out->append("\r\n"sv);
}

}  // namespace

void AppendCsvCell(std::string* out, std::string_view s) {
  // Most cells need nothing done: appended as they are.
  const bool formula = StartsLikeFormula(s);
  if (!formula && !NeedsQuotes(s) && IsValidUtf8(s)) {
    out->append(s);
    return;
  }
  std::string cell;
  if (formula) cell.push_back('\'');
  AppendValidUtf8(&cell, s);
  if (!NeedsQuotes(cell)) {
    out->append(cell);
    return;
  }
  out->reserve(out->size() + cell.size() + 2);
  out->push_back('"');
  for (char c : cell) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string CsvCell(std::string_view s) {
  std::string cell;
  AppendCsvCell(&cell, s);
  return cell;
}

Status WriteArtifactsCsv(const std::vector<Artifact>& artifacts, const std::string& path) {
  return WriteInOrder(path, kHeader, artifacts.size(), kItemsPerBlock,
                      [&](size_t i, std::string* out) { AppendRow(out, artifacts[i]); });
}

}  // namespace rapport::pipeline
