// ServeReview: `rapport review`, a local web page where an analyst accepts,
// rejects or edits the candidates of the last run.
//
// Routes (JSON answers are UTF-8, with < > & escaped as \u003c \u003e \u0026):
//   GET  /                 the review page (review_page.h), self-contained
//   GET  /api/candidates   artifacts.jsonl merged with the store's decisions
//                          (candidates_json.h). A rejected candidate stays in
//                          the list, marked "rejected", until the next run
//                          drops it; the page hides decided ones unless
//                          "Show decided" is ticked.
//   GET  /api/decisions    every decision in the store
//   POST /api/decisions    {candidate_id, status, value?} -> SetDecision at
//                          once; answers the stored decision. 400 on a bad
//                          body or an unknown candidate, 415 unless
//                          Content-Type is application/json, 503 if the store
//                          cannot be written.
// Every request must pass RequestGuard (Host and Origin name this server;
// API calls with Sec-Fetch-Site cross-site or same-site are refused): 403.
//
// artifacts.jsonl is read again when its size or modification time changes,
// so a nightly run that rewrites it while the server runs is picked up.
// Requests are served on several threads; the store and the artifacts are
// used under one mutex.
#ifndef RAPPORT_REVIEW_REVIEW_SERVER_H_
#define RAPPORT_REVIEW_REVIEW_SERVER_H_

#include <atomic>
#include <functional>
#include <string>

#include "base/status.h"
#include "pipeline/state_store.h"

namespace rapport::review {

struct ReviewServerOptions {
  // Address to listen on. Default: "127.0.0.1" (this machine only).
  std::string bind = "127.0.0.1";
  // TCP port; 0 picks any free port (reported to on_listening). Default: 8377.
  int port = 8377;
  // The run's output, e.g. "out/artifacts.jsonl". Required.
  std::string artifacts_path;
};

// Serves the review page until *stop becomes true (polled every 50 ms; may be
// null) or the process gets SIGINT or SIGTERM (handlers are installed while
// serving and the previous ones restored; SIGPIPE is ignored meanwhile).
// `on_listening` (may be empty) is called once with the port, after the
// socket is bound and before requests are served.
// REQUIRES: store is open and outlives the call; no other thread uses it
// during the call; one ServeReview at a time per process (the signal
// handlers are process-wide).
// Returns OK after a stop; InvalidArgument for bad options; NotFound or
// Corruption if artifacts_path cannot be read at start; Unavailable if the
// address cannot be bound. Never throws.
Status ServeReview(pipeline::StateStore* store, const ReviewServerOptions& options,
                   const std::function<void(int port)>& on_listening, const std::atomic<bool>* stop);

}  // namespace rapport::review

#endif  // RAPPORT_REVIEW_REVIEW_SERVER_H_
