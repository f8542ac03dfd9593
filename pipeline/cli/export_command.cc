// `rapport export`: accepted artifacts as CRM feeds (vCard 4.0, CRM CSV).
#include <chrono>
#include <set>
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "pipeline/cli/commands.h"
#include "pipeline/export/crm_exporters.h"
#include "base/fnv.h"
#include "pipeline/run.h"
#include "pipeline/state_store.h"

extern char** environ;

namespace rapport::cli {
namespace {

// What a CRM would see change: the candidate's category and value.
std::string Fingerprint(const pipeline::Artifact& a) {
  uint64_t h = kFnvOffset;
  for (const std::string* s : {&a.candidate_id, &a.category, &a.value})
    h = Fnv1a("\x1f", Fnv1a(*s, h));
  return Hex16(h);
}

}  // namespace

int Export(int argc, char** argv) {
  const char* usage =
      "rapport export --state DIR [--out DIR]   writes DIR/contacts.vcf and DIR/crm.csv (every accepted artifact),\n"
      "  and DIR/contacts-changes.vcf and DIR/crm-changes.csv (the people with new or changed ones since the last export)";
  std::vector<char*> args(argv, argv + argc);
  auto parsed = config::Parse(argc, argv, environ);
  if (!parsed.ok()) {
    std::fprintf(stderr, "rapport export: %s\n", parsed.status().message().c_str());
    return pipeline::kExitConfigError;
  }
  if (parsed->help) {
    std::printf("Usage: %s\n\n%s", usage, config::Help({"help", "version", "config", "state", "out", "evidence"}).c_str());
    return 0;
  }
  const config::Config& config = parsed->config;
  if (config.state_dir.empty()) {
    std::fprintf(stderr, "rapport export: pass --state DIR (the state store folder)\nUsage: %s\n", usage);
    return pipeline::kExitConfigError;
  }
  auto store = pipeline::StateStore::OpenExisting(config.state_dir);
  if (!store.ok()) {
    std::fprintf(stderr, "rapport export: %s\n", store.status().ToString().c_str());
    return pipeline::kExitStoreFailed;
  }
  auto accepted = pipeline::AcceptedArtifacts(store.value().get(), config);
  if (!accepted.ok()) {
    std::fprintf(stderr, "rapport export: %s\n", accepted.status().ToString().c_str());
    return pipeline::kExitStoreFailed;
  }
  // Suppressed people are never exported, even if accepted before they were suppressed.
  std::vector<pipeline::Artifact> rows;
  auto suppressed = store.value()->Suppressed();
  for (pipeline::Artifact& a : accepted.value()) {
    bool hidden = false;
    for (const std::string& s : suppressed) hidden |= a.person.id == s || a.person.username == s;
    if (!hidden) rows.push_back(std::move(a));
  }
  const std::filesystem::path out(config.out_dir);
  // What is new or changed since the last export, by person: a CRM updates a
  // contact as a whole, so the changes files hold the whole card or row of
  // every person with at least one new or changed accepted artifact.
  auto before = store.value()->Exported("files");
  std::vector<std::pair<std::string, std::string>> sent;
  std::set<std::string> changed_people;
  size_t changed = 0;
  for (const pipeline::Artifact& a : rows) {
    std::string f = Fingerprint(a);
    auto it = before.find(a.candidate_id);
    if (it == before.end() || it->second != f) {
      ++changed;
      changed_people.insert(a.person.platform + ":" + a.person.id);
    }
    sent.emplace_back(a.candidate_id, std::move(f));
  }
  std::vector<pipeline::Artifact> changed_rows;
  for (const pipeline::Artifact& a : rows)
    if (changed_people.count(a.person.platform + ":" + a.person.id)) changed_rows.push_back(a);
  rapport::Status st = pipeline::WriteVCards(rows, (out / "contacts.vcf").string());
  if (st.ok()) st = pipeline::WriteCrmCsv(rows, (out / "crm.csv").string());
  if (st.ok()) st = pipeline::WriteVCards(changed_rows, (out / "contacts-changes.vcf").string());
  if (st.ok()) st = pipeline::WriteCrmCsv(changed_rows, (out / "crm-changes.csv").string());
  if (!st.ok()) {
    std::fprintf(stderr, "rapport export: %s\n", st.ToString().c_str());
    return pipeline::kExitOutputFailed;
  }
  // Recorded only once the files are written.
  const int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  st = store.value()->MarkExported("files", sent, now);
  if (!st.ok()) {
    std::fprintf(stderr, "rapport export: %s\n", st.ToString().c_str());
    return pipeline::kExitStoreFailed;
  }
  size_t people = pipeline::GroupByPerson(rows).size();
  std::printf("exported %zu accepted artifacts of %zu people to %s and %s; %zu new or changed since the last export, "
              "for %zu people, in %s and %s\n",
              rows.size(), people, (out / "contacts.vcf").string().c_str(), (out / "crm.csv").string().c_str(), changed,
              changed_people.size(), (out / "contacts-changes.vcf").string().c_str(),
              (out / "crm-changes.csv").string().c_str());
  return 0;
}

}  // namespace rapport::cli
