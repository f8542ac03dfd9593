// Writers for pair records: threads.jsonl (common threads) and
// connections.jsonl (serendipity). Atomic writes (AtomicFile); IoError naming
// the path on failure. Thread-compatible.
#ifndef RAPPORT_PIPELINE_EXPORT_RELATIONS_EXPORTERS_H_
#define RAPPORT_PIPELINE_EXPORT_RELATIONS_EXPORTERS_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "pipeline/relations.h"

namespace rapport::pipeline {

// One line per pair: {"people":[{person},{person}],"exchanges","conversations",
//  "first_talked","last_talked","quiet_days","topics":[{"category","value","key",
//  "mentions","last_seen","evidence":[{"id","url","created_at","author","text"}]}],
//  "opener"} ("opener" is "" unless the pair has been quiet long enough).
Status WriteThreadsJsonl(const std::vector<CommonThread>& threads, const std::string& path);

// One line per link: {"people":[{person},{person}],"category","value","key",
//  "evidence":[{evidence of the first person},{evidence of the second}]}.
Status WriteConnectionsJsonl(const std::vector<Connection>& connections, const std::string& path);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EXPORT_RELATIONS_EXPORTERS_H_
