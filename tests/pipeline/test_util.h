// Helpers shared by the pipeline tests.
#ifndef RAPPORT_TESTS_PIPELINE_TEST_UTIL_H_
#define RAPPORT_TESTS_PIPELINE_TEST_UTIL_H_

#include <string>

#include "connectors/raw_doc.h"
#include "tests/test_files.h"

namespace rapport::testing {

inline connectors::RawDoc Doc(std::string json, std::string source = "test.jsonl", uint64_t line = 1) {
  connectors::RawDoc d;
  d.bytes = std::move(json);
  d.bytes.reserve(d.bytes.size() + connectors::RawDoc::kPadding);
  d.origin = {std::move(source), line};
  return d;
}

}  // namespace rapport::testing

#endif  // RAPPORT_TESTS_PIPELINE_TEST_UTIL_H_
