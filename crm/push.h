// PushToHubSpot: `rapport push hubspot`, the accepted artifacts as notes on
// the people's HubSpot contacts, sending only what is new or changed.
//
// For each person (artifacts grouped by platform + id, in order of first
// appearance), the artifacts whose fingerprint differs from the one the store
// recorded for target "hubspot" (never sent, or category/value changed, e.g.
// edited by an analyst) are written as one note on the person's contact
// (HubSpotClient::FindContact). Right after HubSpot creates a note, the
// store records the fingerprints of the artifacts it covered
// (StateStore::MarkExported), so a push killed anywhere resends at most the
// one note that was in flight, and a second push with nothing new sends
// nothing (not even a contact search).
//
// Suppressed people (StateStore::Suppressed(): their id, or their username
// ignoring ASCII case and a leading '@') are never pushed, even if accepted
// before they were suppressed; nothing is sent about them, not even a search.
// People without a contact are skipped with the reason and are tried again
// on the next push. A note or search HubSpot refuses (4xx) is a failure for
// that person; the push goes on. Artifacts no longer accepted are not
// withdrawn from HubSpot.
// Not thread-safe (uses one client and one store).
#ifndef RAPPORT_CRM_PUSH_H_
#define RAPPORT_CRM_PUSH_H_

#include <cstddef>
#include <string>
#include <vector>

#include "base/status.h"
#include "connectors/clock.h"
#include "crm/hubspot_client.h"
#include "pipeline/artifact.h"
#include "pipeline/state_store.h"

namespace rapport::crm {

struct PushOptions {
  // Default: "hubspot". The StateStore export target.
  std::string target = "hubspot";
  // Default: 60,000 bytes (HubSpot caps hs_note_body at 65,536 characters).
  // Artifacts that do not fit in a person's note wait for the next push.
  size_t max_note_bytes = 60'000;
  // Default: nullptr, meaning Clock::Default(). The time recorded with
  // MarkExported (Unix seconds). Not owned.
  connectors::Clock* clock = nullptr;
};

struct PushReport {
  struct Person {
    pipeline::PersonRef person;
    std::string reason;
  };
  int notes_sent = 0;
  int artifacts_sent = 0;       // artifacts covered by the notes sent
  int people_unchanged = 0;     // nothing new or changed since the last push
  int people_suppressed = 0;    // on the suppression list: nothing sent
  int artifacts_deferred = 0;   // did not fit in a note; sent by a later push
  std::vector<Person> skipped;  // no single matching contact (reason says which)
  std::vector<Person> failed;   // HubSpot refused the search or the note
  // Set when PushToHubSpot stopped because the store could not record a
  // note it had sent (that note will be sent again by the next push).
  bool store_failed = false;
};

// REQUIRES: store, client and report are not null. Fills *report (counts
// add up as the push goes, so it is meaningful after an error too).
// Returns OK when every person was handled (skips and failures are in the
// report), else the Status that stopped the push: from the client (token
// refused: InvalidArgument naming RAPPORT_HUBSPOT_TOKEN; HubSpot unavailable
// or rate limited for too long: Unavailable; transport: IoError) or from the
// store (report->store_failed).
Status PushToHubSpot(const std::vector<pipeline::Artifact>& accepted, pipeline::StateStore* store,
                     HubSpotClient* client, const PushOptions& options, PushReport* report);

// ---- Shared with the tests. ----

// 16 hex digits: FNV-1a 64 of category, value and candidate_id (separated by
// 0x1F). Stable across builds and platforms.
std::string ExportFingerprint(const pipeline::Artifact& a);

// The note (hs_note_body, simple HTML, every value escaped): a title line
// naming the person, then one list item per artifact (NoteLine, "(changed)"
// when `changed[i]`, "said by @x" for facts said by others, and a link to
// the first http(s) evidence). REQUIRES: changed.size() == artifacts.size().
std::string NoteHtml(const pipeline::PersonRef& person, const std::vector<const pipeline::Artifact*>& artifacts,
                     const std::vector<bool>& changed);

// "hubspot: 2 notes sent (5 artifacts), 1 person unchanged, 1 skipped, 0 failed"
// then one indented line per skipped or failed person with the reason.
std::string FormatPushReport(const PushReport& report);

}  // namespace rapport::crm

#endif  // RAPPORT_CRM_PUSH_H_
