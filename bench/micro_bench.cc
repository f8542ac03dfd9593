// micro_bench: Google Benchmark micro-benchmarks of the per-post hot path in
// nlp/: the normaliser (NFKC casefold), the tokenizer and the extractor, on
// posts shaped like the ones rapport_gen writes and the bundled sample holds
// (replies with a leading @mention, hashtags, t.co URLs, emoji, &amp;).
//
//   micro_bench [--benchmark_filter=REGEX] [--benchmark_min_time=SECONDS]
//
// Items are posts; bytes are the posts' UTF-8 bytes.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/extractor.h"
#include "nlp/normalizer.h"
#include "nlp/tokenizer.h"

namespace {

struct BenchPost {
  std::string text;
  std::vector<std::string_view> mentions;  // usernames, as Post::mentions gives them
};

std::vector<BenchPost> MakePosts(const std::vector<std::string>& texts) {
  std::vector<BenchPost> posts;
  for (const std::string& t : texts) posts.push_back({t, {}});
  for (BenchPost& p : posts) {
    std::string_view s = p.text;
    for (size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
      size_t end = at + 1;
      while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_')) ++end;
      if (end > at + 1) p.mentions.push_back(s.substr(at + 1, end - at - 1));
    }
  }
  return posts;
}

// English posts, as in the benchmark corpus: the extractor's normal input.
const std::vector<BenchPost>& EnglishPosts() {
  static const std::vector<BenchPost> kPosts = MakePosts({
      "@sam_okafor Sourdough attempt number four is out of the oven. The crumb is finally open! #SourdoughBaking "
      "https://t.co/AbC123xYz9",
      "18 miles this morning with Rover pacing me for the first six. Marathon training is no joke. #MarathonTraining",
      "@jordan_lee Ha! The velvet jacket is my lucky charm. Wearing it to the Chicago marathon expo 🏃‍♀️",
      "I don't eat meat, so the Lisbon food market was a challenge. Found amazing grilled peppers though &amp; more",
      "Soooo proud of @maya_rios12!! My daughter Maya scored her first goal today 🎉🎉 #ProudDad",
      "Happy birthday @sam_okafor! Hope Maya bakes you a sourdough cake 🎂",
      "@mia_mitchell306 Wait, really? Nothing beats a long walk with my tortoise Maple after work #PotteryLove",
      "Long day at Globex Health today. Being a nurse is no joke. Coffee first, then everything else ☕",
      "@kai_weber341 How's your dog Biscuit doing? I live in Porto and the summers are brutal",
      "Hot take: mechanical keyboards are overrated. Spent way too long reading about air fryers last night 😅 "
      "https://t.co/Qz81LmN0pa",
      "Congrats on the new job @priya_nair! They're lucky to have you 🙌🏻",
      "@theo_baker328 Haha same here! Back at rock climbing tonight, my arms are done. Salt &amp; pepper is all you "
      "need, fight me",
  });
  return kPosts;
}

// Mixed scripts: what the normaliser's slow (non-ASCII) path sees.
const std::vector<BenchPost>& MixedPosts() {
  static const std::vector<BenchPost> kPosts = MakePosts({
      "Mi perro Rover durmió toda la tarde después del paseo 🐶",
      "Mon chat Miso a encore renversé mon café ce matin",
      "今日はLunaと公園で散歩しました。とても楽しかった！",
      "Ｆｕｌｌ－ｗｉｄｔｈ text and Straße and the ﬁrst café in Zürich",
      "Meu cachorro Pepper aprendeu um truque novo hoje",
      "Qué calor hace hoy en Sevilla, no se puede salir 🥵",
  });
  return kPosts;
}

int64_t Bytes(const std::vector<BenchPost>& posts) {
  int64_t n = 0;
  for (const BenchPost& p : posts) n += static_cast<int64_t>(p.text.size());
  return n;
}

void Processed(benchmark::State& state, const std::vector<BenchPost>& posts) {
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(posts.size()));
  state.SetBytesProcessed(state.iterations() * Bytes(posts));
}

void NormalizeCasefold(benchmark::State& state, const std::vector<BenchPost>& posts) {
  std::string out;
  for (auto _ : state) {
    for (const BenchPost& p : posts) {
      out.clear();
      rapport::nlp::NormalizeCasefold(p.text, &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  Processed(state, posts);
}
void BM_NormalizeCasefold_English(benchmark::State& state) { NormalizeCasefold(state, EnglishPosts()); }
void BM_NormalizeCasefold_Mixed(benchmark::State& state) { NormalizeCasefold(state, MixedPosts()); }
BENCHMARK(BM_NormalizeCasefold_English);
BENCHMARK(BM_NormalizeCasefold_Mixed);

// Word by word, as the tokenizer calls it (one call per token): most words
// take the ASCII fast path.
void BM_NormalizeCasefold_Words(benchmark::State& state) {
  const auto& posts = EnglishPosts();
  std::vector<std::string_view> words;
  for (const BenchPost& p : posts) {
    std::string_view s = p.text;
    for (size_t b = 0; b < s.size();) {
      size_t e = s.find(' ', b);
      if (e == std::string_view::npos) e = s.size();
      if (e > b) words.push_back(s.substr(b, e - b));
      b = e + 1;
    }
  }
  std::string out;
  for (auto _ : state) {
    for (std::string_view w : words) {
      out.clear();
      rapport::nlp::NormalizeCasefold(w, &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  Processed(state, posts);
}
BENCHMARK(BM_NormalizeCasefold_Words);

void BM_DecodeHtmlEntities(benchmark::State& state) {
  const auto& posts = EnglishPosts();
  std::string out;
  for (auto _ : state) {
    for (const BenchPost& p : posts) {
      out.clear();
      rapport::nlp::DecodeHtmlEntities(p.text, &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  Processed(state, posts);
}
BENCHMARK(BM_DecodeHtmlEntities);

void Tokenize(benchmark::State& state, const std::vector<BenchPost>& posts) {
  const rapport::nlp::Tokenizer tokenizer;
  rapport::nlp::TokenizedText tt;
  for (auto _ : state) {
    for (const BenchPost& p : posts) {
      tokenizer.Tokenize(p.text, &tt);
      benchmark::DoNotOptimize(tt.tokens.data());
    }
  }
  Processed(state, posts);
}
void BM_Tokenize_English(benchmark::State& state) { Tokenize(state, EnglishPosts()); }
void BM_Tokenize_Mixed(benchmark::State& state) { Tokenize(state, MixedPosts()); }
BENCHMARK(BM_Tokenize_English);
BENCHMARK(BM_Tokenize_Mixed);

// The whole per-post analysis (tokenize + mark + phrases + typing + keys),
// with one warmed-up Extractor, as a worker thread of the pipeline runs it.
void BM_Extract(benchmark::State& state) {
  const auto& posts = EnglishPosts();
  rapport::nlp::Extractor extractor;
  std::vector<rapport::nlp::Occurrence> out;
  rapport::nlp::PostInput in;
  in.lang = "en";
  in.created_at = 1777842271;
  size_t occurrences = 0;
  for (auto _ : state) {
    for (const BenchPost& p : posts) {
      in.text = p.text;
      in.mentions = p.mentions;
      extractor.Extract(in, &out);
      occurrences += out.size();
      benchmark::DoNotOptimize(out.data());
    }
  }
  Processed(state, posts);
  state.counters["occ/post"] = static_cast<double>(occurrences) /
                               static_cast<double>(std::max<int64_t>(1, state.iterations() * static_cast<int64_t>(posts.size())));
}
BENCHMARK(BM_Extract);

// A non-English post is recognised by its tag and skipped: this is its cost.
void BM_Extract_NonEnglishSkip(benchmark::State& state) {
  const auto& posts = MixedPosts();
  rapport::nlp::Extractor extractor;
  std::vector<rapport::nlp::Occurrence> out;
  rapport::nlp::PostInput in;
  in.lang = "es";
  for (auto _ : state) {
    for (const BenchPost& p : posts) {
      in.text = p.text;
      benchmark::DoNotOptimize(extractor.Extract(in, &out));
    }
  }
  Processed(state, posts);
}
BENCHMARK(BM_Extract_NonEnglishSkip);

}  // namespace

BENCHMARK_MAIN();
