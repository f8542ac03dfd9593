// json_floor: the floor under Rapport's throughput. It reads the same file the
// same way Rapport's FileSource does (1 MiB buffered reads, one JSON page per
// line, each line copied into its own padded string, batches of at most
// kMaxDocs lines or kMaxBytes bytes as pipeline/stages/read_stage.h cuts them,
// through a oneTBB parallel_pipeline with threads x 4 tokens: serial read ->
// parallel parse -> serial sum), parses each line with simdjson On-Demand (one parser
// per thread) and touches exactly the fields Rapport's PostParser reads, and
// nothing else:
//   data[]: id, text, author_id, created_at, conversation_id, lang,
//           in_reply_to_user_id, note_tweet.text, referenced_tweets[].type/id,
//           entities.mentions[].username/id, entities.hashtags[].tag,
//           entities.urls[].url/expanded_url
//   includes.users[]: id, username, name
//   errors[]: title, detail, message
// Strings are unescaped (get_string) and their lengths summed, so the
// compiler cannot drop the work. No Post records, no allocation per field.
//
//   json_floor FILE [--threads N]     (Default: 1 thread)
// Prints "posts N bytes B checksum C" (B counts line ends too).
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

// As pipeline/stages/read_stage.h (ReadStage::kMaxDocs, kMaxBytes).
constexpr size_t kMaxDocs = 32;
constexpr size_t kMaxBytes = 1u << 20;

struct Batch {
  std::vector<std::string> lines;
  uint64_t posts = 0, checksum = 0, bad = 0;
};

// Reads lines in 1 MiB chunks; each line is copied into its own string with
// simdjson's padding reserved (as connectors/internal/line_reader does).
class LineReader {
 public:
  explicit LineReader(std::FILE* f) : f_(f), buf_(new char[kChunk]) {}
  // False at the end of the file.
  bool Next(std::string* line) {
    line->clear();
    bool any = false;
    for (;;) {
      if (pos_ == len_) {
        len_ = std::fread(buf_.get(), 1, kChunk, f_);
        pos_ = 0;
        if (len_ == 0) break;
      }
      any = true;
      const char* start = buf_.get() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', len_ - pos_));
      const size_t n = nl ? static_cast<size_t>(nl - start) : len_ - pos_;
      line->append(start, n);
      pos_ += n;
      bytes_ += n;
      if (nl) {
        ++pos_;
        ++bytes_;
        break;
      }
    }
    if (line->capacity() < line->size() + simdjson::SIMDJSON_PADDING)
      line->reserve(line->size() + simdjson::SIMDJSON_PADDING);
    return any;
  }
  uint64_t bytes() const { return bytes_; }

 private:
  static constexpr size_t kChunk = 1 << 20;
  std::FILE* f_;
  std::unique_ptr<char[]> buf_;
  size_t pos_ = 0, len_ = 0;
  uint64_t bytes_ = 0;
};

// Length of a string value (0 for null or another type): the unescaping is the work.
inline uint64_t Str(od::value v) {
  std::string_view s;
  return v.get_string().get(s) ? 0 : s.size();
}

#define FLOOR_TRY(expr) \
  if ((expr) != simdjson::SUCCESS) return false

bool TouchTweet(od::object post, uint64_t* sum) {
  for (auto f : post) {
    std::string_view k;
    FLOOR_TRY(f.unescaped_key().get(k));
    od::value v;
    FLOOR_TRY(f.value().get(v));
    if (k == "id" || k == "text" || k == "author_id" || k == "created_at" || k == "conversation_id" || k == "lang" ||
        k == "in_reply_to_user_id") {
      *sum += Str(v);
    } else if (k == "note_tweet") {
      od::object note;
      FLOOR_TRY(v.get_object().get(note));
      for (auto nf : note) {
        std::string_view nk;
        FLOOR_TRY(nf.unescaped_key().get(nk));
        if (nk == "text") *sum += Str(nf.value());
      }
    } else if (k == "referenced_tweets") {
      od::array refs;
      FLOOR_TRY(v.get_array().get(refs));
      for (auto r : refs) {
        od::object ref;
        FLOOR_TRY(r.get_object().get(ref));
        for (auto rf : ref) {
          std::string_view rk;
          FLOOR_TRY(rf.unescaped_key().get(rk));
          if (rk == "type" || rk == "id") *sum += Str(rf.value());
        }
      }
    } else if (k == "entities") {
      od::object ent;
      FLOOR_TRY(v.get_object().get(ent));
      for (auto e : ent) {
        std::string_view ek;
        FLOOR_TRY(e.unescaped_key().get(ek));
        if (ek != "mentions" && ek != "hashtags" && ek != "urls") continue;
        od::array items;
        FLOOR_TRY(e.value().get_array().get(items));
        for (auto item : items) {
          od::object o;
          FLOOR_TRY(item.get_object().get(o));
          for (auto of : o) {
            std::string_view ik;
            FLOOR_TRY(of.unescaped_key().get(ik));
            if ((ek == "mentions" && (ik == "username" || ik == "id")) || (ek == "hashtags" && ik == "tag") ||
                (ek == "urls" && (ik == "url" || ik == "expanded_url")))
              *sum += Str(of.value());
          }
        }
      }
    }
  }
  return true;
}

// Touches every field Rapport's parser reads in one X API v2 page.
bool TouchPage(od::parser& parser, const std::string& line, uint64_t* posts, uint64_t* sum) {
  od::document doc;
  FLOOR_TRY(parser.iterate(simdjson::padded_string_view(line.data(), line.size(), line.capacity())).get(doc));
  od::object root;
  FLOOR_TRY(doc.get_object().get(root));
  for (auto field : root) {
    std::string_view key;
    FLOOR_TRY(field.unescaped_key().get(key));
    if (key == "data") {
      od::array data;
      FLOOR_TRY(field.value().get_array().get(data));
      for (auto t : data) {
        od::object post;
        FLOOR_TRY(t.get_object().get(post));
        ++*posts;
        if (!TouchTweet(post, sum)) return false;
      }
    } else if (key == "includes") {
      od::object inc;
      FLOOR_TRY(field.value().get_object().get(inc));
      for (auto f : inc) {
        std::string_view k;
        FLOOR_TRY(f.unescaped_key().get(k));
        if (k != "users") continue;
        od::array users;
        FLOOR_TRY(f.value().get_array().get(users));
        for (auto u : users) {
          od::object o;
          FLOOR_TRY(u.get_object().get(o));
          for (auto uf : o) {
            std::string_view uk;
            FLOOR_TRY(uf.unescaped_key().get(uk));
            if (uk == "id" || uk == "username" || uk == "name") *sum += Str(uf.value());
          }
        }
      }
    } else if (key == "errors") {
      od::array errs;
      FLOOR_TRY(field.value().get_array().get(errs));
      for (auto e : errs) {
        od::object o;
        FLOOR_TRY(e.get_object().get(o));
        for (auto ef : o) {
          std::string_view ek;
          FLOOR_TRY(ef.unescaped_key().get(ek));
          if (ek == "title" || ek == "detail" || ek == "message") *sum += Str(ef.value());
        }
      }
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const char* path = nullptr;
  int threads = 1;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) {
      threads = std::atoi(argv[++i]);
    } else if (argv[i][0] != '-' && !path) {
      path = argv[i];
    } else {
      path = nullptr;
      break;
    }
  }
  if (!path || threads < 1) {
    std::fprintf(stderr, "usage: json_floor FILE [--threads N]\n");
    return 2;
  }
  std::FILE* f = std::fopen(path, "rb");
  if (!f) {
    std::perror(path);
    return 1;
  }
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  LineReader reader(f);
  tbb::enumerable_thread_specific<od::parser> parsers;
  uint64_t posts = 0, checksum = 0, bad = 0;
  tbb::parallel_pipeline(
      static_cast<size_t>(threads) * 4,
      tbb::make_filter<void, Batch*>(tbb::filter_mode::serial_in_order,
                                     [&](tbb::flow_control& fc) -> Batch* {
                                       auto b = std::make_unique<Batch>();
                                       size_t batch_bytes = 0;
                                       std::string line;
                                       while (b->lines.size() < kMaxDocs && batch_bytes < kMaxBytes && reader.Next(&line)) {
                                         if (line.empty()) continue;
                                         batch_bytes += line.size();
                                         b->lines.push_back(std::move(line));
                                       }
                                       if (b->lines.empty()) {
                                         fc.stop();
                                         return nullptr;
                                       }
                                       return b.release();
                                     }) &
          tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel,
                                           [&](Batch* b) {
                                             od::parser& p = parsers.local();
                                             for (const std::string& line : b->lines)
                                               if (!TouchPage(p, line, &b->posts, &b->checksum)) ++b->bad;
                                             b->lines.clear();
                                             b->lines.shrink_to_fit();
                                             return b;
                                           }) &
          tbb::make_filter<Batch*, void>(tbb::filter_mode::serial_in_order, [&](Batch* b) {
            posts += b->posts;
            checksum += b->checksum;
            bad += b->bad;
            delete b;
          }));
  const bool read_error = std::ferror(f) != 0;
  std::fclose(f);
  std::printf("posts %llu bytes %llu checksum %llu bad_lines %llu\n", static_cast<unsigned long long>(posts),
              static_cast<unsigned long long>(reader.bytes()), static_cast<unsigned long long>(checksum),
              static_cast<unsigned long long>(bad));
  if (read_error) {
    std::fprintf(stderr, "json_floor: read error on %s\n", path);
    return 1;
  }
  return 0;
}
