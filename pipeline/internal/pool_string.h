// PoolString: a string whose bytes live in a memory pool owned by a table
// (the Aggregator's and the ThreadTracker's shards). Trivially destructible:
// the table releases its pool as a whole, or calls Release() for a record it
// drops. Rewritten in place when the new value fits. Not synchronized.
#ifndef RAPPORT_PIPELINE_INTERNAL_POOL_STRING_H_
#define RAPPORT_PIPELINE_INTERNAL_POOL_STRING_H_

#include <cstdint>
#include <cstring>
#include <memory_resource>
#include <string_view>

namespace rapport::pipeline::internal {

// One per shard: no malloc header per allocation, freed blocks reused by size.
using Pool = std::pmr::unsynchronized_pool_resource;

struct PoolString {
  char* data = nullptr;
  uint32_t size = 0, cap = 0;

  std::string_view view() const { return {data, size}; }
  void Assign(Pool* pool, std::string_view s) {
    if (s.size() > cap) {
      Release(pool);
      cap = static_cast<uint32_t>((s.size() + 7) & ~size_t{7});
      data = static_cast<char*>(pool->allocate(cap, 1));
    }
    if (!s.empty()) std::memcpy(data, s.data(), s.size());
    size = static_cast<uint32_t>(s.size());
  }
  void Release(Pool* pool) {
    if (cap) pool->deallocate(data, cap, 1);
    data = nullptr;
    size = cap = 0;
  }
};

}  // namespace rapport::pipeline::internal

#endif  // RAPPORT_PIPELINE_INTERNAL_POOL_STRING_H_
