// ForEachShard: runs f(0) ... f(n-1) in parallel on the current TBB arena and
// returns when all are done. The aggregation tables are split into a fixed
// number of shards (by person, or by pair); each shard is touched by one task
// at a time and sees its updates in input order, so the result is the same for
// any number of threads.
//
// The calling thread waits in an isolated region: while it waits it runs only
// these tasks, never an unrelated pipeline stage (which would hold up the
// serial stage that called it).
//
// Under ThreadSanitizer the shards run one after the other on the calling
// thread: tbb::parallel_for's task objects are header code (instrumented)
// handed between threads by an uninstrumented libtbb, so TSan would report
// TBB's own hand-offs. That the shards share nothing but read-only inputs is
// checked under TSan by tests that feed shards from plain std::threads
// (aggregator_test.cc, thread_tracker_test.cc).
#ifndef RAPPORT_PIPELINE_INTERNAL_SHARDS_H_
#define RAPPORT_PIPELINE_INTERNAL_SHARDS_H_

#include <cstddef>
#include <utility>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

namespace rapport::pipeline::internal {

// With a tbb::affinity_partitioner kept across calls, a shard tends to run on
// the thread that ran it last time, where its recently touched data still is.
template <typename F, typename Partitioner>
void ForEachShard(size_t n, Partitioner& partitioner, F&& f) {
#if defined(__SANITIZE_THREAD__)
  (void)partitioner;
  for (size_t s = 0; s < n; ++s) f(s);
#else
  tbb::this_task_arena::isolate([&] {
    tbb::parallel_for(
        tbb::blocked_range<size_t>(0, n, 1),
        [&](const tbb::blocked_range<size_t>& r) {
          for (size_t s = r.begin(); s != r.end(); ++s) f(s);
        },
        partitioner);
  });
#endif
}

template <typename F>
void ForEachShard(size_t n, F&& f) {
  const tbb::auto_partitioner partitioner;  // what parallel_for(first, last, f) uses
  ForEachShard(n, partitioner, std::forward<F>(f));
}

}  // namespace rapport::pipeline::internal

#endif  // RAPPORT_PIPELINE_INTERNAL_SHARDS_H_
