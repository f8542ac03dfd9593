// Writers for the run's outputs. Each writes the whole file atomically
// (see AtomicFile) and returns IoError naming the path on failure.
// Artifacts are written in the order given (the caller sorts: by person, then
// score descending, then candidate_id). Thread-compatible (no shared state).
#ifndef RAPPORT_PIPELINE_EXPORT_EXPORTERS_H_
#define RAPPORT_PIPELINE_EXPORT_EXPORTERS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "pipeline/artifact.h"

namespace rapport::pipeline {

// artifacts.jsonl: one JSON object per line with the fields of Artifact:
// {"candidate_id","person":{"platform","id","username","name"},"category","value",
//  "key","polarity","said_by","score","mentions","days","conversations","interlocutors",
//  "first_seen","last_seen","evidence":[{"id","url","created_at","author","text"}]}
// score is printed with 4 decimals so outputs are byte-stable.
Status WriteArtifactsJsonl(const std::vector<Artifact>& artifacts, const std::string& path);

// artifacts.csv: RFC 4180 (CRLF line ends, fields quoted when they contain
// , " CR or LF; quotes doubled), header row first. Columns: candidate_id,
// platform, person_id, username, name, category, value, polarity, said_by, score,
// mentions, days, conversations, first_seen, last_seen, evidence_ids (";"-joined),
// evidence_text (first evidence post). Formula injection neutralised: a cell
// that starts with = + - @ TAB or CR gets a leading apostrophe.
Status WriteArtifactsCsv(const std::vector<Artifact>& artifacts, const std::string& path);

// Figures for the page header and the CLI summary.
struct RunSummary {
  uint64_t files = 0;
  uint64_t docs = 0;              // lines/documents read
  uint64_t posts_read = 0;        // posts parsed successfully
  uint64_t posts_duplicate = 0;   // dropped as already seen (platform, id)
  uint64_t posts_non_english = 0; // skipped by language
  uint64_t posts_suppressed = 0;  // by or about a suppressed person
  uint64_t sensitive_withheld = 0;  // occurrences in a sensitive category not allowed (--allow-sensitive)
  uint64_t rejected = 0;          // records sent to the dead-letter file
  std::vector<std::pair<std::string, uint64_t>> rejected_by_reason;  // sorted by reason
  uint64_t api_errors = 0;        // partial errors[] entries in API pages
  uint64_t people = 0;            // people with at least one candidate
  uint64_t candidates = 0;        // artifacts exported
  double wall_seconds = 0;
};

// review.html: one self-contained page (inline CSS, no scripts needed, no
// external resources) grouped by person then category; each candidate shows
// value, score, counts, first/last seen and its evidence quoted with links to
// the posts. Every piece of user text is HTML-escaped (& < > " ').
// `generated_at` is printed as is (callers pass a fixed string for stable output).
Status WriteReviewHtml(const std::vector<Artifact>& artifacts, const RunSummary& summary,
                       const std::string& generated_at, const std::string& path);

// Escapes & < > " ' for HTML text and attribute values; appends to *out.
void AppendHtmlEscaped(std::string* out, std::string_view s);
// Returns the cell as written to CSV: neutralised against formulas, then quoted if needed.
std::string CsvCell(std::string_view s);
// The same, appended to *out.
void AppendCsvCell(std::string* out, std::string_view s);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EXPORT_EXPORTERS_H_
