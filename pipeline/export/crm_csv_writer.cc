// WriteCrmCsv: crm.csv, one row per person with artifacts sorted into CRM fields.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/export/atomic_file.h"
#include "pipeline/export/crm_exporters.h"
#include "pipeline/export/exporters.h"

namespace rapport::pipeline {

namespace {

constexpr size_t kFlushBytes = 1 << 16;

constexpr std::string_view kHeader =
    "Platform,Person ID,Username,Name,Profile URL,Birthday,Anniversary,Pets,Family,Partner,Hobbies,"
    "Sports & Teams,Job,Employer,School,Location,Food & Drink,Life Events,Notes\r\n";

// Columns after the five person columns, in header order.
enum Column : size_t {
  kBirthday,
  kAnniversary,
  kPets,
  kFamily,
  kPartner,
  kHobbies,
  kSports,
  kJob,
  kEmployer,
  kSchool,
  kLocation,
  kFoodDrink,
  kLifeEvents,
  kNotes,
  kColumnCount
};

struct CategoryColumn {
  std::string_view category;
  Column column;
};

constexpr CategoryColumn kCategoryColumns[] = {
    {"pet", kPets},        {"family", kFamily},     {"partner", kPartner},
    {"hobby", kHobbies},   {"sport", kSports},      {"team", kSports},
    {"job", kJob},         {"employer", kEmployer}, {"school", kSchool},
    {"place", kLocation},  {"location", kLocation}, {"food", kFoodDrink},
    {"drink", kFoodDrink}, {"diet", kFoodDrink},    {"life_event", kLifeEvents},
};

void AddValue(std::vector<std::string>* cell, std::string value) {
  if (value.empty()) return;
  if (std::find(cell->begin(), cell->end(), value) != cell->end()) return;
  cell->push_back(std::move(value));
}

void AppendJoined(std::string* out, const std::vector<std::string>& values) {
  std::string joined;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) joined.append("; ");
    joined.append(values[i]);
  }
  AppendCsvCell(out, joined);
}

void AppendRow(std::string* out, const CrmPerson& person) {
  std::array<std::vector<std::string>, kColumnCount> cells;
  for (const Artifact* a : person.artifacts) {
    if (a->category == "birthday" || a->category == "anniversary") {
      const Column column = a->category == "birthday" ? kBirthday : kAnniversary;
      if (cells[column].empty()) {
        if (std::optional<CrmDate> d = ArtifactDate(*a)) {
          cells[column].push_back(IsoDate(*d));
          continue;
        }
      }
      AddValue(&cells[kNotes], NoteLine(*a));
      continue;
    }
    const auto it = std::find_if(std::begin(kCategoryColumns), std::end(kCategoryColumns),
                                 [&](const CategoryColumn& c) { return c.category == a->category; });
    if (it != std::end(kCategoryColumns)) {
      AddValue(&cells[it->column], a->value);
    } else {
      AddValue(&cells[kNotes], NoteLine(*a));
    }
  }

  const PersonRef& p = person.person;
  for (std::string_view field :
       {std::string_view(p.platform), std::string_view(p.id), std::string_view(p.username), std::string_view(p.name)}) {
    AppendCsvCell(out, field);
    out->push_back(',');
  }
  AppendCsvCell(out, ProfileUrl(p));
  for (const std::vector<std::string>& cell : cells) {
    out->push_back(',');
    AppendJoined(out, cell);
  }
  out->append("\r\n");
}

}  // namespace

Status WriteCrmCsv(const std::vector<Artifact>& accepted, const std::string& path) {
  AtomicFile file(path);
  RAPPORT_RETURN_IF_ERROR(file.Open());
  std::string buf(kHeader);
  for (const CrmPerson& person : GroupByPerson(accepted)) {
    AppendRow(&buf, person);
    if (buf.size() >= kFlushBytes) {
      RAPPORT_RETURN_IF_ERROR(file.Append(buf));
      buf.clear();
    }
  }
  RAPPORT_RETURN_IF_ERROR(file.Append(buf));
  return file.Commit();
}

}  // namespace rapport::pipeline
