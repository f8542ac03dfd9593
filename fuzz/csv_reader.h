// A strict RFC 4180 reader for the fuzz oracles of the CSV writers: CRLF
// record ends, "" inside quoted fields, nothing else. Test-only.
#ifndef RAPPORT_FUZZ_CSV_READER_H_
#define RAPPORT_FUZZ_CSV_READER_H_

#include <string>
#include <string_view>
#include <vector>

namespace rapport::fuzz {

using CsvRecord = std::vector<std::string>;

// Fills *out with the records of `s`; false on anything malformed (a bare
// quote or LF, an unclosed quote, a record not ended by CRLF).
inline bool ReadCsv(std::string_view s, std::vector<CsvRecord>* out) {
  size_t i = 0;
  while (i < s.size()) {
    CsvRecord rec;
    for (;;) {
      std::string field;
      if (i < s.size() && s[i] == '"') {
        ++i;
        for (;;) {
          if (i >= s.size()) return false;
          if (s[i] == '"') {
            if (i + 1 < s.size() && s[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          field.push_back(s[i++]);
        }
      } else {
        while (i < s.size() && s[i] != ',' && s[i] != '\r' && s[i] != '\n' && s[i] != '"') field.push_back(s[i++]);
        if (i < s.size() && (s[i] == '"' || s[i] == '\n')) return false;
      }
      rec.push_back(std::move(field));
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i + 1 < s.size() && s[i] == '\r' && s[i + 1] == '\n') {
        i += 2;
        break;
      }
      return false;
    }
    out->push_back(std::move(rec));
  }
  return true;
}

// The characters that make a spreadsheet read a cell as a formula when first.
inline bool IsFormulaStart(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

}  // namespace rapport::fuzz

#endif  // RAPPORT_FUZZ_CSV_READER_H_
