// Source: a stream of RawDocs, modelled on leveldb's Iterator.
//
// Call Next() until it returns false, then check status() once: ok means the
// source was drained; anything else is a failed source (the run exits
// non-zero, and the source resumes from its checkpoint next time).
// Not thread-safe: one thread drains a Source (the pipeline's serial input stage).
#ifndef RAPPORT_CONNECTORS_SOURCE_H_
#define RAPPORT_CONNECTORS_SOURCE_H_

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "connectors/raw_doc.h"

namespace rapport::connectors {

class Source {
 public:
  Source() = default;
  Source(const Source&) = delete;
  Source& operator=(const Source&) = delete;
  virtual ~Source() = default;

  // Fills *out with the next document and returns true, or returns false at
  // the end of the stream or on a source-level error (see status()).
  virtual bool Next(RawDoc* out) = 0;
  // If an error has occurred, return it; else an ok status.
  virtual Status status() const = 0;

  // Checkpoints to persist once the run's outputs are durable: pairs of
  // (stable cursor key, cursor value), e.g. {"x:user:12:tweets", "1790..."}.
  // Valid after Next() returned false. A source that failed mid-way returns
  // the cursors of what it fully delivered (or none): never a cursor past a
  // page it did not yield. Default: none (file sources keep no cursor).
  virtual std::vector<std::pair<std::string, std::string>> Checkpoints() const { return {}; }
};

// Read access to the cursors persisted by earlier runs (the state store
// implements it). Thread-compatible.
class CursorReader {
 public:
  virtual ~CursorReader() = default;
  // The cursor stored under `key`, or "" when there is none (first run).
  virtual std::string GetCursor(const std::string& key) const = 0;
};

}  // namespace rapport::connectors

#endif  // RAPPORT_CONNECTORS_SOURCE_H_
