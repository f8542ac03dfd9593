// Test helper: a strict RFC 4180 reader for checking the CSV writers' output.
#ifndef RAPPORT_TESTS_EXPORT_CSV_READER_H_
#define RAPPORT_TESTS_EXPORT_CSV_READER_H_

#include <string>
#include <vector>

namespace rapport::test {

// Strict RFC 4180 reader: every record ends in CRLF; a field is either quoted
// (quotes doubled inside) or contains none of , " CR LF. Returns false on any
// deviation.
inline bool ParseCsv(const std::string& s, std::vector<std::vector<std::string>>* rows) {
  size_t i = 0;
  while (i < s.size()) {
    std::vector<std::string> row;
    while (true) {
      std::string field;
      if (i < s.size() && s[i] == '"') {
        ++i;
        while (true) {
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
        while (i < s.size() && s[i] != ',' && s[i] != '\r') {
          if (s[i] == '"' || s[i] == '\n') return false;
          field.push_back(s[i++]);
        }
      }
      row.push_back(field);
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i + 1 < s.size() && s[i] == '\r' && s[i + 1] == '\n') {
        i += 2;
        break;
      }
      return false;  // missing CRLF or junk after a quoted field
    }
    rows->push_back(row);
  }
  return true;
}

}  // namespace rapport::test

#endif  // RAPPORT_TESTS_EXPORT_CSV_READER_H_
