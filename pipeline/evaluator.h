// Evaluator: scores artifact candidates against gold personal facts, with the
// same definitions as the development set's score.py, so `rapport eval`
// prints figures that agree with it.
//
// A candidate matches a gold fact when they share a content word (lower-case
// ASCII words, a light suffix stemmer, stop and generic words removed); it is
// grounded when it also cites a post that revealed the fact. Per person with
// gold facts, the K best candidates by score are kept; figures are
// macro-averaged over persons (precision over persons with candidates).
// Thread-compatible.
#ifndef RAPPORT_PIPELINE_EVALUATOR_H_
#define RAPPORT_PIPELINE_EVALUATOR_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "pipeline/artifact.h"

namespace rapport::pipeline {

struct EvalReport {
  int k = 10;
  size_t persons = 0, covered = 0, candidates_kept = 0, persons_with_recurring = 0;
  double precision = 0, recall = 0, f1 = 0;
  double grounded_precision = 0, grounded_recall = 0, grounded_f1 = 0;
  double recurring_recall = 0;
  std::string ToTable() const;  // the same layout as score.py prints
};

// The content words of a text, as score.py defines them.
std::set<std::string> ContentWords(std::string_view text);

// Reads the gold file (one JSON object per line: user_id, username, facts[{text, evidence, session}]).
Result<EvalReport> Evaluate(const std::string& gold_path, const std::vector<Artifact>& candidates, int k);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EVALUATOR_H_
