// Micro-benchmarks (Google Benchmark) of the per-post hot path: the
// normaliser, the tokenizer and the extractor, on realistic posts.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "nlp/extractor.h"
#include "nlp/normalizer.h"
#include "nlp/tokenizer.h"

namespace {

const std::vector<std::string>& Posts() {
  static const std::vector<std::string> kPosts = {
      "@sam_okafor Sourdough attempt number four is out of the oven. The crumb is finally open! #SourdoughBaking "
      "https://t.co/AbC123",
      "18 miles this morning with Rover pacing me for the first six. Marathon training is no joke. #MarathonTraining",
      "@jordan_lee Ha! The velvet jacket is my lucky charm. Wearing it to the Chicago marathon expo 🏃‍♀️",
      "I don't eat meat, so the Lisbon food market was a challenge. Found amazing grilled peppers though &amp; more",
      "Soooo proud of @maya!! She scored her first goal for the under-10s 🎉🎉 #ProudDad",
      "Happy birthday @sam_okafor! Hope Maya bakes you a sourdough cake.",
      "Qué día tan bonito para pasear por el parque con amigos",
  };
  return kPosts;
}

void BM_NormalizeCasefold(benchmark::State& state) {
  std::string out;
  for (auto _ : state) {
    for (const std::string& p : Posts()) {
      out.clear();
      rapport::nlp::NormalizeCasefold(p, &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * Posts().size());
}
BENCHMARK(BM_NormalizeCasefold);

void BM_Tokenize(benchmark::State& state) {
  rapport::nlp::Tokenizer tokenizer;
  rapport::nlp::TokenizedText tt;
  for (auto _ : state) {
    for (const std::string& p : Posts()) {
      tokenizer.Tokenize(p, &tt);
      benchmark::DoNotOptimize(tt.tokens.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * Posts().size());
}
BENCHMARK(BM_Tokenize);

void BM_Extract(benchmark::State& state) {
  rapport::nlp::Extractor extractor;
  std::vector<rapport::nlp::Occurrence> out;
  rapport::nlp::PostInput in;
  in.lang = "en";
  in.created_at = 1777842271;
  for (auto _ : state) {
    for (const std::string& p : Posts()) {
      in.text = p;
      in.mentions.assign(1, "sam_okafor");
      extractor.Extract(in, &out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * Posts().size());
}
BENCHMARK(BM_Extract);

}  // namespace

BENCHMARK_MAIN();
