// ReadArtifactsJsonl: reads a run's out/artifacts.jsonl back into Artifact
// records (the inverse of WriteArtifactsJsonl in pipeline/export/exporters.h).
// Thread-compatible: no shared state.
#ifndef RAPPORT_REVIEW_ARTIFACTS_READER_H_
#define RAPPORT_REVIEW_ARTIFACTS_READER_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "pipeline/artifact.h"

namespace rapport::review {

// Replaces *out with the artifacts of `path`, in file order. Blank lines are
// skipped. Fields that are missing keep Artifact's defaults; a null or missing
// score reads as 0.
// Returns NotFound if the file does not exist, IoError if it cannot be read,
// Corruption naming "path:line" if a line is not a JSON object with a string
// candidate_id (on error *out is left empty).
Status ReadArtifactsJsonl(const std::string& path, std::vector<pipeline::Artifact>* out);

}  // namespace rapport::review

#endif  // RAPPORT_REVIEW_ARTIFACTS_READER_H_
