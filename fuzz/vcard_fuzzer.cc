// Fuzz target: the CRM writers (pipeline/export/crm_exporters.h): contacts.vcf
// (WriteVCards) and crm.csv (WriteCrmCsv), fed arbitrary text in every
// user-controlled field (see artifact_input.h; the category field can make
// the value a birthday or anniversary), plus FindDate and ProfileUrl.
//
// Oracles, vCard: valid UTF-8; every physical line ends in CRLF, holds no
// other CR or LF and is at most 75 octets; unfolded, every logical line is a
// property the writer emits, one BEGIN:VCARD per person (no text can start
// a card or a property); FN unescapes to the name as documented.
// crm.csv: a strict RFC 4180 reader gets the header plus one 19-field row per
// person, no cell a spreadsheet would run as a formula.
// ProfileUrl: empty, or http(s) made of RFC 3986 characters but ',' and ';'.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "fuzz/artifact_input.h"
#include "fuzz/csv_reader.h"
#include "fuzz/fuzz_util.h"
#include "pipeline/export/crm_exporters.h"
#include "pipeline/export/json_text.h"

namespace {

namespace fz = rapport::fuzz;
namespace pl = rapport::pipeline;

// RFC 6350 §3.4 text value as the header documents it, escaped.
std::string ExpectedText(std::string_view s) {
  std::string valid;
  pl::AppendValidUtf8(&valid, s);
  std::string out;
  for (size_t i = 0; i < valid.size(); ++i) {
    char c = valid[i];
    if (c == '\r' && i + 1 < valid.size() && valid[i + 1] == '\n') continue;  // CRLF counts once
    if (c == '\r' || c == '\n') out += "\\n";
    else if (c == '\\' || c == ',' || c == ';') out += std::string("\\") + c;
    else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) out += ' ';
    else out += c;
  }
  return out;
}

void CheckVCards(std::string_view vcf, const fz::ArtifactInput& input, size_t people) {
  FUZZ_CHECK(pl::IsValidUtf8(vcf));
  std::vector<std::string> logical;
  size_t pos = 0;
  while (pos < vcf.size()) {
    size_t end = vcf.find("\r\n", pos);
    FUZZ_CHECK(end != std::string_view::npos);
    std::string_view line = vcf.substr(pos, end - pos);
    FUZZ_CHECK(line.find('\r') == std::string_view::npos && line.find('\n') == std::string_view::npos);
    FUZZ_CHECK(line.size() <= 75);
    if (!line.empty() && line[0] == ' ') {
      FUZZ_CHECK(!logical.empty());
      logical.back().append(line.substr(1));
    } else {
      logical.emplace_back(line);
    }
    pos = end + 2;
  }
  static const std::set<std::string> kProperties = {"BEGIN", "VERSION", "FN", "NICKNAME", "UID", "BDAY",
                                                    "ANNIVERSARY", "CATEGORIES", "NOTE", "X-SOCIALPROFILE", "END"};
  size_t begins = 0;
  bool first_fn = true;
  for (const std::string& l : logical) {
    size_t name_end = l.find_first_of(":;");
    FUZZ_CHECK(name_end != std::string::npos);
    std::string name = l.substr(0, name_end);
    if (!kProperties.count(name)) {
      std::fprintf(stderr, "unexpected vCard property line: %s\n", l.substr(0, 80).c_str());
      FUZZ_CHECK(false);
    }
    if (l == "BEGIN:VCARD") ++begins;
    if (name == "BEGIN") FUZZ_CHECK(l == "BEGIN:VCARD");
    if (name == "END") FUZZ_CHECK(l == "END:VCARD");
    if (name == "FN" && first_fn) {
      first_fn = false;
      const auto& f = input.fields;
      std::string fn = !f[fz::kName].empty()       ? f[fz::kName]
                       : !f[fz::kUsername].empty() ? "@" + f[fz::kUsername]
                       : !f[fz::kPersonId].empty() ? f[fz::kPersonId]
                                                   : "unknown";
      std::string got = l.substr(3), want = ExpectedText(fn);
      // TAB: kept by the writer; the header says controls become a space.
      for (char& c : got) c = c == '\t' ? ' ' : c;
      for (char& c : want) c = c == '\t' ? ' ' : c;
      FUZZ_CHECK(got == want);
    }
  }
  FUZZ_CHECK(begins == people);
}

// As documented: http(s), made only of RFC 3986 characters (unreserved,
// gen-delims, sub-delims, '%') other than ',' and ';'. So no space, control,
// quote, '<', '>', '\\' or '`' that could leave a vCard parameter, a CSV
// cell or a double-quoted HTML attribute.
void CheckProfileUrl(const std::string& url) {
  if (url.empty()) return;
  FUZZ_CHECK(url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0);
  static const std::string_view kAllowed =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+=%";
  for (char c : url) {
    if (kAllowed.find(c) == std::string_view::npos) std::fprintf(stderr, "profile URL with 0x%02x\n", c & 0xFF);
    FUZZ_CHECK(kAllowed.find(c) != std::string_view::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in = fz::AsView(data, size);
  fz::ArtifactInput input = fz::MakeArtifacts(in);
  // The category field may name a dated category; the value holds the date.
  if (input.fields[fz::kCategory] == "b") input.artifacts[0].category = "birthday";
  if (input.fields[fz::kCategory] == "a") input.artifacts[0].category = "anniversary";
  for (const char* platform : {"x", "bluesky", "mastodon"}) {
    pl::PersonRef p = input.artifacts[0].person;
    p.platform = platform;
    CheckProfileUrl(pl::ProfileUrl(p));
  }
  if (auto d = pl::FindDate(in)) {
    FUZZ_CHECK(d->month >= 1 && d->month <= 12 && d->day >= 1 && d->day <= 31);
    FUZZ_CHECK(!pl::VCardDate(*d).empty() && !pl::IsoDate(*d).empty());
  }
  const size_t people = pl::GroupByPerson(input.artifacts).size();

  const std::string vcf = (fz::Scratch().path() / "contacts.vcf").string();
  FUZZ_CHECK(pl::WriteVCards(input.artifacts, vcf).ok());
  CheckVCards(fz::ReadFile(vcf), input, people);

  const std::string csv = (fz::Scratch().path() / "crm.csv").string();
  FUZZ_CHECK(pl::WriteCrmCsv(input.artifacts, csv).ok());
  std::vector<fz::CsvRecord> records;
  FUZZ_CHECK(fz::ReadCsv(fz::ReadFile(csv), &records));
  FUZZ_CHECK(records.size() == 1 + people);
  for (const auto& r : records) {
    FUZZ_CHECK(r.size() == 19);
    for (const std::string& c : r) FUZZ_CHECK(c.empty() || !fz::IsFormulaStart(c[0]));
  }
  return 0;
}
