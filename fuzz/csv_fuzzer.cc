// Fuzz target: the CSV writer (CsvCell, WriteArtifactsCsv) fed arbitrary text
// in every user-controlled field (see artifact_input.h).
//
// Oracle: the file written is read back with an independent RFC 4180 reader:
// exactly the header plus one record per artifact, 17 fields each, every text
// field equal to the input (invalid UTF-8 replaced) with at most a leading
// apostrophe, and no field that a spreadsheet would run as a formula.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/artifact_input.h"
#include "fuzz/csv_reader.h"
#include "fuzz/fuzz_util.h"
#include "pipeline/export/exporters.h"
#include "pipeline/export/json_text.h"

namespace {

namespace fuzz = rapport::fuzz;
using fuzz::CsvRecord;
using fuzz::IsFormulaStart;
using fuzz::ReadCsv;

// The cell as a spreadsheet sees it must be the text, or the text behind an apostrophe.
void CheckText(const std::string& cell, const std::string& text) {
  std::string valid;
  rapport::pipeline::AppendValidUtf8(&valid, text);
  FUZZ_CHECK(cell == valid || cell == "'" + valid);
  FUZZ_CHECK(cell.empty() || !IsFormulaStart(cell[0]));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fz = rapport::fuzz;
  std::string_view in = fz::AsView(data, size);

  // The cell on its own.
  std::string cell = rapport::pipeline::CsvCell(in);
  std::vector<CsvRecord> one;
  FUZZ_CHECK(ReadCsv(cell + "\r\n", &one));
  FUZZ_CHECK(one.size() == 1 && one[0].size() == 1);
  CheckText(one[0][0], std::string(in));

  // A whole file.
  fz::ArtifactInput input = fz::MakeArtifacts(in);
  const std::string path = (fz::Scratch().path() / "artifacts.csv").string();
  FUZZ_CHECK(rapport::pipeline::WriteArtifactsCsv(input.artifacts, path).ok());
  std::string written = fz::ReadFile(path);
  std::vector<CsvRecord> records;
  FUZZ_CHECK(ReadCsv(written, &records));
  FUZZ_CHECK(records.size() == 1 + input.artifacts.size());
  for (const CsvRecord& r : records) FUZZ_CHECK(r.size() == 17);
  const auto& f = input.fields;
  const CsvRecord& row = records[1];
  CheckText(row[0], f[fz::kCandidateId]);
  CheckText(row[3], f[fz::kUsername]);
  CheckText(row[4], f[fz::kName]);
  CheckText(row[6], f[fz::kValue]);
  CheckText(row[16], f[fz::kEvidenceText]);
  // Every text column of every row (9..12 are numbers we print ourselves).
  for (const CsvRecord& r : records)
    for (size_t c = 0; c < r.size(); ++c)
      if (c < 9 || c > 12) FUZZ_CHECK(r[c].empty() || !IsFormulaStart(r[c][0]));
  return 0;
}
