// ReleaseFreedMemory: hands the pages of freed heap blocks back to the system.
//
// Called once a run's tables are freed and before its outputs are built, so
// that the writers' buffers do not raise the peak on top of pages the
// allocator still holds. With jemalloc linked in (the `rapport` binary, see
// docs/PERFORMANCE.md) it purges every arena; with glibc's malloc it calls
// malloc_trim. Returns which one ran ("jemalloc", "glibc" or "none").
// Thread-safe, but meant for a quiet moment: it walks the whole heap.
#ifndef RAPPORT_PIPELINE_INTERNAL_RELEASE_MEMORY_H_
#define RAPPORT_PIPELINE_INTERNAL_RELEASE_MEMORY_H_

namespace rapport::pipeline::internal {

const char* ReleaseFreedMemory();

// The allocator in use: "jemalloc" if it is linked in, else "glibc" (or
// "other" on a libc without malloc_trim).
const char* AllocatorName();

}  // namespace rapport::pipeline::internal

#endif  // RAPPORT_PIPELINE_INTERNAL_RELEASE_MEMORY_H_
