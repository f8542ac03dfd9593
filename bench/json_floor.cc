// json_floor: the physical floor of Rapport's input: read the same file the
// same way (1 MiB buffered reads, one JSON page per line, batches through a
// oneTBB parallel_pipeline), parse each line with simdjson On-Demand (one
// parser per thread) and touch exactly the fields Rapport reads. Nothing else.
//
//   json_floor FILE [--threads N]
// Prints "posts N bytes B".
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>

namespace od = simdjson::ondemand;

namespace {

struct Batch {
  std::vector<std::string> lines;
  uint64_t posts = 0, checksum = 0;
};

// Reads lines in 1 MiB chunks; each line gets simdjson's padding.
class LineReader {
 public:
  explicit LineReader(std::FILE* f) : f_(f), buf_(1 << 20) {}
  bool Next(std::string* line) {
    line->clear();
    while (true) {
      if (pos_ == len_) {
        len_ = std::fread(buf_.data(), 1, buf_.size(), f_);
        pos_ = 0;
        if (len_ == 0) return !line->empty();
      }
      const char* start = buf_.data() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', len_ - pos_));
      size_t n = nl ? static_cast<size_t>(nl - start) : len_ - pos_;
      line->append(start, n);
      pos_ += n + (nl ? 1 : 0);
      if (nl) return true;
    }
  }

 private:
  std::FILE* f_;
  std::vector<char> buf_;
  size_t pos_ = 0, len_ = 0;
};

uint64_t Str(od::value v) {
  std::string_view s;
  return v.get_string().get(s) ? 0 : s.size();
}

// Touches every field Rapport's parser reads; returns a checksum.
uint64_t TouchPage(od::parser& parser, std::string& line, uint64_t* posts) {
  line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  od::document doc;
  if (parser.iterate(simdjson::padded_string_view(line.data(), line.size(), line.capacity())).get(doc)) return 0;
  uint64_t sum = 0;
  od::object root;
  if (doc.get_object().get(root)) return 0;
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return sum;
    if (key == "data") {
      od::array data;
      if (field.value().get_array().get(data)) return sum;
      for (auto t : data) {
        od::object post;
        if (t.get_object().get(post)) continue;
        ++*posts;
        for (auto f : post) {
          std::string_view k;
          if (f.unescaped_key().get(k)) break;
          od::value v;
          if (f.value().get(v)) break;
          if (k == "id" || k == "text" || k == "author_id" || k == "created_at" || k == "conversation_id" ||
              k == "lang" || k == "in_reply_to_user_id") {
            sum += Str(v);
          } else if (k == "referenced_tweets") {
            od::array refs;
            if (!v.get_array().get(refs))
              for (auto r : refs) sum += Str(r["type"].value()) + Str(r["id"].value());
          } else if (k == "entities") {
            od::object ent;
            if (v.get_object().get(ent)) continue;
            for (auto e : ent) {
              std::string_view ek;
              if (e.unescaped_key().get(ek)) break;
              od::array items;
              if (e.value().get_array().get(items)) continue;
              for (auto item : items) {
                od::object o;
                if (item.get_object().get(o)) continue;
                for (auto of : o) {
                  std::string_view ok;
                  if (of.unescaped_key().get(ok)) break;
                  if (ok == "username" || ok == "id" || ok == "tag" || ok == "expanded_url") sum += Str(of.value());
                }
              }
            }
          }
        }
      }
    } else if (key == "includes") {
      od::object inc;
      if (field.value().get_object().get(inc)) continue;
      for (auto f : inc) {
        std::string_view k;
        if (f.unescaped_key().get(k) || k != "users") continue;
        od::array users;
        if (f.value().get_array().get(users)) continue;
        for (auto u : users) {
          od::object o;
          if (u.get_object().get(o)) continue;
          for (auto uf : o) {
            std::string_view uk;
            if (uf.unescaped_key().get(uk)) break;
            if (uk == "id" || uk == "username" || uk == "name") sum += Str(uf.value());
          }
        }
      }
    }
  }
  return sum;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: json_floor FILE [--threads N]\n");
    return 2;
  }
  int threads = 1;
  for (int i = 2; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
  std::FILE* f = std::fopen(argv[1], "rb");
  if (!f) {
    std::perror(argv[1]);
    return 1;
  }
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  LineReader reader(f);
  tbb::enumerable_thread_specific<od::parser> parsers;
  std::atomic<uint64_t> posts{0}, bytes{0}, checksum{0};
  tbb::parallel_pipeline(
      static_cast<size_t>(threads) * 4,
      tbb::make_filter<void, Batch*>(tbb::filter_mode::serial_in_order,
                                     [&](tbb::flow_control& fc) -> Batch* {
                                       auto b = std::make_unique<Batch>();
                                       std::string line;
                                       size_t batch_bytes = 0;
                                       while (b->lines.size() < 64 && batch_bytes < (4u << 20) && reader.Next(&line)) {
                                         batch_bytes += line.size();
                                         b->lines.push_back(std::move(line));
                                       }
                                       bytes += batch_bytes;
                                       if (b->lines.empty()) {
                                         fc.stop();
                                         return nullptr;
                                       }
                                       return b.release();
                                     }) &
          tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel,
                                           [&](Batch* b) {
                                             od::parser& p = parsers.local();
                                             for (std::string& line : b->lines)
                                               b->checksum += TouchPage(p, line, &b->posts);
                                             return b;
                                           }) &
          tbb::make_filter<Batch*, void>(tbb::filter_mode::serial_in_order, [&](Batch* b) {
            posts += b->posts;
            checksum += b->checksum;
            delete b;
          }));
  std::fclose(f);
  std::printf("posts %llu bytes %llu checksum %llu\n", static_cast<unsigned long long>(posts.load()),
              static_cast<unsigned long long>(bytes.load()), static_cast<unsigned long long>(checksum.load()));
  return 0;
}
