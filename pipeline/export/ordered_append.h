// AppendInOrder: formats items 0 .. n-1 on the TBB workers, a block of items
// at a time, and appends the blocks to a file in item order. The file's bytes
// are the same as formatting the items one after the other on one thread.
//
// A big output file (hundreds of MB for a million posts) is then written by
// every thread of the arena, not by one, and the blocks in flight (a few per
// thread) bound its memory. Example:
//
//   AtomicFile file(path);
//   RAPPORT_RETURN_IF_ERROR(file.Open());
//   RAPPORT_RETURN_IF_ERROR(AppendInOrder(&file, rows.size(), 64,
//       [&](size_t i, std::string* out) { AppendRow(out, rows[i]); }));
//   return file.Commit();
//
// format(i, out) must only append to *out and read shared data.
//
// Under ThreadSanitizer the blocks are formatted on the calling thread (see
// pipeline/internal/shards.h for why TBB's hand-offs are kept out of TSan).
#ifndef RAPPORT_PIPELINE_EXPORT_ORDERED_APPEND_H_
#define RAPPORT_PIPELINE_EXPORT_ORDERED_APPEND_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "base/status.h"
#include "pipeline/export/atomic_file.h"

namespace rapport::pipeline {

template <typename Format>
Status AppendInOrder(AtomicFile* file, size_t n, size_t items_per_block, Format&& format) {
  items_per_block = std::max<size_t>(1, items_per_block);
#if defined(__SANITIZE_THREAD__)
  std::string buf;
  for (size_t i = 0; i < n; ++i) {
    format(i, &buf);
    if ((i + 1) % items_per_block == 0 || i + 1 == n) {
      RAPPORT_RETURN_IF_ERROR(file->Append(buf));
      buf.clear();
    }
  }
  return Status::OK();
#else
  struct Block {
    size_t begin = 0, end = 0;
    std::string text;
  };
  Status status;                    // the writer's first error
  std::atomic<bool> failed{false};  // read by the input filter, which stops at the first error
  size_t next = 0;
  const size_t tokens = static_cast<size_t>(std::max(1, tbb::this_task_arena::max_concurrency())) * 2;
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, Block*>(tbb::filter_mode::serial_in_order,
                                     [&](tbb::flow_control& fc) -> Block* {
                                       if (next >= n || failed.load(std::memory_order_relaxed)) {
                                         fc.stop();
                                         return nullptr;
                                       }
                                       auto block = std::make_unique<Block>();
                                       block->begin = next;
                                       block->end = next = std::min(n, next + items_per_block);
                                       return block.release();
                                     }) &
          tbb::make_filter<Block*, Block*>(tbb::filter_mode::parallel,
                                           [&](Block* block) {
                                             for (size_t i = block->begin; i < block->end; ++i) format(i, &block->text);
                                             return block;
                                           }) &
          tbb::make_filter<Block*, void>(tbb::filter_mode::serial_in_order, [&](Block* block) {
            std::unique_ptr<Block> owned(block);
            if (!status.ok()) return;
            status = file->Append(owned->text);
            if (!status.ok()) failed.store(true, std::memory_order_relaxed);
          }));
  return status;
#endif
}

// The whole file at `path`, atomically (AtomicFile): `head`, then items
// 0 .. n-1 by AppendInOrder. What every export writer but the HTML report
// (which has a tail too) does.
template <typename Format>
Status WriteInOrder(const std::string& path, std::string_view head, size_t n, size_t items_per_block,
                    Format&& format) {
  AtomicFile file(path);
  RAPPORT_RETURN_IF_ERROR(file.Open());
  if (!head.empty()) RAPPORT_RETURN_IF_ERROR(file.Append(head));
  RAPPORT_RETURN_IF_ERROR(AppendInOrder(&file, n, items_per_block, std::forward<Format>(format)));
  return file.Commit();
}

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EXPORT_ORDERED_APPEND_H_
