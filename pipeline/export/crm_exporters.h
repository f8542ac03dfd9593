// CRM feeds for accepted artifacts: contacts.vcf (vCard 4.0) and a
// one-row-per-person CSV. Both group the artifacts by person (platform + id,
// people in order of first appearance, artifacts in the order given), write
// the whole file atomically (see AtomicFile) and return IoError naming the
// path on failure. Invalid UTF-8 in the input becomes U+FFFD.
// The review state of the artifacts is not checked: callers pass the accepted
// ones (StateStore::AcceptedArtifacts). Thread-compatible (no shared state).
#ifndef RAPPORT_PIPELINE_EXPORT_CRM_EXPORTERS_H_
#define RAPPORT_PIPELINE_EXPORT_CRM_EXPORTERS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "pipeline/artifact.h"

namespace rapport::pipeline {

// contacts.vcf: one BEGIN:VCARD/END:VCARD per person (RFC 6350), CRLF line
// ends, lines folded at 75 octets between UTF-8 characters (never inside a
// backslash escape), continuation lines starting with one space. Properties,
// in this order:
//   VERSION:4.0
//   FN            person name, else "@username", else the person id, else "unknown"
//   NICKNAME      username (omitted when empty)
//   UID           urn:rapport:<platform>:<id>, both percent-encoded except
//                 A-Z a-z 0-9 - . _ ~ (and ':' inside the id, e.g. did:plc:…)
//   BDAY          from the first "birthday" artifact with a date (see
//                 ArtifactDate): --MMDD, or YYYYMMDD when the year is known
//   ANNIVERSARY   likewise from the first dated "anniversary" artifact
//   CATEGORIES    the distinct non-empty categories, in order of first appearance
//   NOTE          one NoteLine per artifact not used for BDAY/ANNIVERSARY,
//                 in the order given, joined by \n (omitted when empty)
//   X-SOCIALPROFILE;TYPE=<platform>:<ProfileUrl> (omitted when there is none)
// Text values escape \ , ; and newlines (\\ \, \; \n); CR LF, CR and LF all
// become \n; TAB stays (RFC 6350 allows it); other control characters become
// a space.
// An empty `accepted` writes an empty file.
Status WriteVCards(const std::vector<Artifact>& accepted, const std::string& path);

// crm.csv: RFC 4180 (CRLF, quoting and formula neutralising by CsvCell), one
// row per person after this header:
//   Platform,Person ID,Username,Name,Profile URL,Birthday,Anniversary,Pets,
//   Family,Partner,Hobbies,Sports & Teams,Job,Employer,School,Location,
//   Food & Drink,Life Events,Notes
// Categories map to columns: pet; family; partner; hobby; sport, team;
// job; employer; school; place, location; food, drink, diet; life_event.
// A cell holds the artifact values ("; "-joined, duplicates dropped).
// Birthday/Anniversary hold the first date found, as --MM-DD or YYYY-MM-DD
// (CsvCell prefixes the partial form with an apostrophe because it starts
// with '-'). Notes holds the NoteLine of every other artifact (topics,
// unknown categories, undated or further birthdays/anniversaries).
// Values containing "; " cannot be told apart from two values.
Status WriteCrmCsv(const std::vector<Artifact>& accepted, const std::string& path);

// ---- Shared by the two writers (crm_exporters.cc). ----

// One person and their artifacts (pointers into the caller's vector, which
// must outlive this value). `person` takes each field from the first of the
// person's artifacts where it is non-empty.
struct CrmPerson {
  PersonRef person;
  std::vector<const Artifact*> artifacts;
};

// Groups by (platform, id); people in order of first appearance.
std::vector<CrmPerson> GroupByPerson(const std::vector<Artifact>& artifacts);

// A calendar date with an optional year. Example: {year: 0, month: 4, day: 15}
// is April 15 of an unknown year ("--0415").
struct CrmDate {
  int year = 0;  // 0: unknown
  int month = 0;
  int day = 0;
};

// Finds the first date in `s` written as --MMDD, --MM-DD, YYYY-MM-DD or
// YYYYMMDD (the numbers not touching other digits). Month must be 1-12 and
// the day must exist in that month (Feb 29 only in leap years when the year
// is known). Invalid candidates are skipped. nullopt when there is none.
std::optional<CrmDate> FindDate(std::string_view s);

// FindDate on a.key, then on a.value.
std::optional<CrmDate> ArtifactDate(const Artifact& a);

// "category: value" (just the value when the category is empty or the value
// already starts with "category:", as extractor birthdays do: "birthday: --0503").
std::string NoteLine(const Artifact& a);

// "--0415" / "19900415" (RFC 6350 date-value, §4.3.1).
std::string VCardDate(const CrmDate& d);
// "04-15" (month-day, when the year is unknown) / "1990-04-15". No leading "--":
// a spreadsheet would read that as a formula and the cell would need neutralising.
std::string IsoDate(const CrmDate& d);

// The person's public profile, or "" when none can be built safely:
//   x:        https://x.com/<username>           (username [A-Za-z0-9_]{1,50})
//   bluesky:  https://bsky.app/profile/<handle>  (handle or DID: [A-Za-z0-9.:_-])
//   mastodon: the username when it is already an http(s) URL made only of
//             RFC 3986 characters other than , and ; (no spaces, quotes,
//             backslashes or controls); else https://<instance>/@<user> for
//             "user@instance" or "@user@instance".
std::string ProfileUrl(const PersonRef& p);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EXPORT_CRM_EXPORTERS_H_
