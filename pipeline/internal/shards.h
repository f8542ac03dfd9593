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
// ThreadSanitizer cannot see the synchronisation inside an uninstrumented
// libtbb, so the hand-offs are announced: caller -> task (what the caller
// wrote before), task -> caller (what the task wrote), and, through the
// caller, from one call's task for shard s to the next call's.
#ifndef RAPPORT_PIPELINE_INTERNAL_SHARDS_H_
#define RAPPORT_PIPELINE_INTERNAL_SHARDS_H_

#include <cstddef>
#include <vector>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

namespace rapport::pipeline::internal {

template <typename F>
void ForEachShard(size_t n, F&& f) {
#if defined(__SANITIZE_THREAD__)
  std::vector<char> sync(n);
  for (char& c : sync) __tsan_release(&c);
#endif
  tbb::this_task_arena::isolate([&] {
    tbb::parallel_for(size_t{0}, n, [&](size_t s) {
#if defined(__SANITIZE_THREAD__)
      __tsan_acquire(&sync[s]);
#endif
      f(s);
#if defined(__SANITIZE_THREAD__)
      __tsan_release(&sync[s]);
#endif
    });
  });
#if defined(__SANITIZE_THREAD__)
  for (char& c : sync) __tsan_acquire(&c);
#endif
}

}  // namespace rapport::pipeline::internal

#endif  // RAPPORT_PIPELINE_INTERNAL_SHARDS_H_
