#include "pipeline/internal/release_memory.h"

#include <cstddef>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

// jemalloc's control interface. Weak: it is non-null only in a binary that
// links jemalloc (the libraries themselves do not depend on it).
extern "C" int mallctl(const char* name, void* oldp, size_t* oldlenp, void* newp, size_t newlen)
    __attribute__((weak));

namespace rapport::pipeline::internal {

namespace {
// MALLCTL_ARENAS_ALL (4096) in jemalloc 5: "every arena".
constexpr const char* kPurgeAllArenas = "arena.4096.purge";
}  // namespace

const char* AllocatorName() {
  if (mallctl != nullptr) return "jemalloc";
#if defined(__GLIBC__)
  return "glibc";
#else
  return "other";
#endif
}

const char* ReleaseFreedMemory() {
  if (mallctl != nullptr) {
    if (mallctl(kPurgeAllArenas, nullptr, nullptr, nullptr, 0) == 0) return "jemalloc";
    return "none";
  }
#if defined(__GLIBC__)
  malloc_trim(0);
  return "glibc";
#else
  return "none";
#endif
}

}  // namespace rapport::pipeline::internal
