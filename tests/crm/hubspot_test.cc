// `rapport push hubspot` against a real HTTP server on 127.0.0.1 that plays
// HubSpot's CRM v3 API (cpp-httplib, run in a thread on an ephemeral port):
// contact search, note creation, and scripted faults. A real StateStore in a
// temp folder records what was sent.
#include <gtest/gtest.h>

#include <string>

#include "crm/push.h"

#ifdef RAPPORT_HAVE_HTTPLIB

#include <httplib.h>
#include <simdjson.h>
#include <stdlib.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "connectors/clock.h"
#include "crm/hubspot_client.h"
#include "crm/http_sender.h"
#include "pipeline/state_store.h"

namespace rapport::crm {
namespace {

constexpr char kToken[] = "pat-na1-11111111-2222-3333-4444-555555555555";

#define ASSERT_OK(expr)                      \
  do {                                       \
    ::rapport::Status _st = (expr);          \
    ASSERT_TRUE(_st.ok()) << _st.ToString(); \
  } while (0)

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::path(::testing::TempDir()) / "rapport_crm_XXXXXX").string();
    EXPECT_NE(mkdtemp(tmpl.data()), nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Contact {
  std::string id;
  std::string twitterhandle;
  std::string rapport_id;  // the custom match property
};

struct Scripted {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct Recorded {
  std::string path;
  std::string authorization;
  std::string content_type;
  std::string body;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Json(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Plays HubSpot: POST /crm/v3/objects/contacts/search (EQ filters, groups
// OR'd, case-insensitive like HubSpot) and POST /crm/v3/objects/notes (201
// with a new id). A scripted answer queued for a path is used first.
class FakeHubSpot {
 public:
  FakeHubSpot() {
    server_.Post("/crm/v3/objects/contacts/search",
                 [this](const httplib::Request& req, httplib::Response& res) { Search(req, res); });
    server_.Post("/crm/v3/objects/notes", [this](const httplib::Request& req, httplib::Response& res) {
      if (Record(req, res)) return;
      // Creates the note, then answers too late for the client.
      if (int ms = stall_notes_ms_.exchange(0); ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      std::lock_guard<std::mutex> lock(mu_);
      notes_.push_back(req.body);
      res.status = 201;
      res.set_content(R"({"id":")" + std::to_string(9000 + notes_.size()) +
                          R"(","properties":{},"createdAt":"2023-06-01T00:00:00Z","archived":false})",
                      "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    EXPECT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 2000 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_TRUE(server_.is_running());
  }
  ~FakeHubSpot() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }

  void AddContact(Contact c) {
    std::lock_guard<std::mutex> lock(mu_);
    contacts_.push_back(std::move(c));
  }
  void Script(const std::string& path, Scripted answer) {
    std::lock_guard<std::mutex> lock(mu_);
    scripted_[path].push_back(std::move(answer));
  }
  // The next note is created but answered only after `ms`.
  void StallNextNote(int ms) { stall_notes_ms_ = ms; }
  // Note bodies created (scripted answers excluded).
  std::vector<std::string> notes() const {
    std::lock_guard<std::mutex> lock(mu_);
    return notes_;
  }
  // Every request received, scripted ones included.
  std::vector<Recorded> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  // Records the request; answers it from the script if one is queued.
  bool Record(const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back({req.path, req.get_header_value("Authorization"), req.get_header_value("Content-Type"),
                         req.body});
    auto it = scripted_.find(req.path);
    if (it == scripted_.end() || it->second.empty()) return false;
    Scripted s = it->second.front();
    it->second.pop_front();
    res.status = s.status;
    for (const auto& [k, v] : s.headers) res.set_header(k.c_str(), v);
    res.set_content(s.body, "application/json");
    return true;
  }

  void Search(const httplib::Request& req, httplib::Response& res) {
    if (Record(req, res)) return;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(req.body).get(doc)) {
      res.status = 400;
      res.set_content(R"({"status":"error","message":"Invalid input JSON"})", "application/json");
      return;
    }
    std::vector<std::pair<std::string, std::string>> wanted;  // (property, lower-cased value)
    for (simdjson::dom::element group : doc["filterGroups"].get_array()) {
      for (simdjson::dom::element f : group["filters"].get_array()) {
        std::string_view prop, op, value;
        EXPECT_FALSE(f["propertyName"].get(prop));
        EXPECT_FALSE(f["operator"].get(op));
        EXPECT_FALSE(f["value"].get(value));
        EXPECT_EQ(op, "EQ");
        wanted.emplace_back(std::string(prop), Lower(std::string(value)));
      }
    }
    std::string results;
    int total = 0;
    std::lock_guard<std::mutex> lock(mu_);
    for (const Contact& c : contacts_) {
      bool hit = false;
      for (const auto& [prop, value] : wanted) {
        if (prop == "twitterhandle" && !c.twitterhandle.empty() && Lower(c.twitterhandle) == value) hit = true;
        if (prop == "rapport_id" && !c.rapport_id.empty() && Lower(c.rapport_id) == value) hit = true;
      }
      if (!hit) continue;
      ++total;
      if (!results.empty()) results += ",";
      results += R"({"id":)" + Json(c.id) + R"(,"properties":{"hs_object_id":)" + Json(c.id) +
                 R"(,"twitterhandle":)" + (c.twitterhandle.empty() ? "null" : Json(c.twitterhandle)) +
                 R"(,"rapport_id":)" + (c.rapport_id.empty() ? "null" : Json(c.rapport_id)) +
                 R"(},"archived":false})";
    }
    res.set_content(R"({"total":)" + std::to_string(total) + R"(,"results":[)" + results + "]}", "application/json");
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> stall_notes_ms_{0};
  mutable std::mutex mu_;
  std::vector<Contact> contacts_;
  std::map<std::string, std::deque<Scripted>> scripted_;
  std::vector<std::string> notes_;
  std::vector<Recorded> requests_;
};

pipeline::Artifact MakeArtifact(const std::string& cid, const pipeline::PersonRef& person, const std::string& category,
                                const std::string& value) {
  pipeline::Artifact a;
  a.candidate_id = cid;
  a.person = person;
  a.category = category;
  a.value = value;
  a.review = "accepted";
  pipeline::Evidence e;
  e.id = "post-" + cid;
  e.url = "https://x.com/" + person.username + "/status/" + cid;
  e.created_at = "2023-05-30T10:00:00Z";
  e.text = "evidence for " + value;
  e.author_username = person.username;
  a.evidence.push_back(e);
  return a;
}

const pipeline::PersonRef kDana{"x", "1093321775", "dana_rios", "Dana Rios"};
const pipeline::PersonRef kSam{"x", "2200000001", "sam_okafor", "Sam Okafor"};
const pipeline::PersonRef kJordan{"x", "3300000002", "jordan_lee", "Jordan Lee"};

class HubSpotPushTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = pipeline::StateStore::Open(dir_.path() + "/state");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store.value());
    hubspot_.AddContact({"512", "dana_rios", ""});
    hubspot_.AddContact({"513", "@Sam_Okafor", ""});  // typed with '@' and capitals
    accepted_ = {MakeArtifact("c1", kDana, "pet", "dog: Rover"),
                 MakeArtifact("c2", kDana, "sport", "marathon"),
                 MakeArtifact("c3", kDana, "place", "Chicago"),
                 MakeArtifact("c4", kSam, "birthday", "birthday: --0922")};
    http_ = NewCurlHttpSender({});
    MakeClient({});
  }

  void MakeClient(const std::string& match_property) {
    HubSpotOptions options;
    options.api_base = hubspot_.base() + "/";  // a trailing '/' is ignored
    options.token = kToken;
    options.match_property = match_property;
    options.clock = &clock_;
    options.retry.seed = 42;
    client_ = std::make_unique<HubSpotClient>(http_.get(), options);
  }

  Status Push(PushReport* report) {
    PushOptions options;
    options.clock = &clock_;
    return PushToHubSpot(accepted_, store_.get(), client_.get(), options, report);
  }

  // The one note sent to `contact_id`, parsed.
  static void ParseNote(const std::string& body, std::string* contact_id, std::string* html, std::string* timestamp) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    ASSERT_FALSE(parser.parse(body).get(doc)) << body;
    std::string_view v;
    ASSERT_FALSE(doc["properties"]["hs_note_body"].get(v)) << body;
    *html = std::string(v);
    ASSERT_FALSE(doc["properties"]["hs_timestamp"].get(v)) << body;
    *timestamp = std::string(v);
    simdjson::dom::array assoc;
    ASSERT_FALSE(doc["associations"].get(assoc)) << body;
    ASSERT_EQ(assoc.size(), 1u);
    simdjson::dom::element a = assoc.at(0).value();
    ASSERT_FALSE(a["to"]["id"].get(v)) << body;
    *contact_id = std::string(v);
    simdjson::dom::element type = a["types"].at(0).value();
    std::string_view category;
    int64_t type_id = 0;
    ASSERT_FALSE(type["associationCategory"].get(category));
    ASSERT_FALSE(type["associationTypeId"].get(type_id));
    EXPECT_EQ(category, "HUBSPOT_DEFINED");
    EXPECT_EQ(type_id, 202);  // note to contact
  }

  TempDir dir_;
  FakeHubSpot hubspot_;
  connectors::FakeClock clock_;
  std::unique_ptr<pipeline::StateStore> store_;
  std::unique_ptr<HttpSender> http_;
  std::unique_ptr<HubSpotClient> client_;
  std::vector<pipeline::Artifact> accepted_;
};

TEST_F(HubSpotPushTest, SendsOneNotePerPersonOnTheirContact) {
  PushReport report;
  ASSERT_OK(Push(&report));
  EXPECT_EQ(report.notes_sent, 2);
  EXPECT_EQ(report.artifacts_sent, 4);
  EXPECT_TRUE(report.skipped.empty());
  EXPECT_TRUE(report.failed.empty());

  std::vector<std::string> notes = hubspot_.notes();
  ASSERT_EQ(notes.size(), 2u);
  std::string contact, html, timestamp;
  ParseNote(notes[0], &contact, &html, &timestamp);
  EXPECT_EQ(contact, "512");
  EXPECT_EQ(timestamp, "2023-06-01T00:00:00Z");  // the FakeClock's time
  EXPECT_NE(html.find("3 new or changed facts about @dana_rios (Dana Rios) on x"), std::string::npos) << html;
  EXPECT_NE(html.find("<li>pet: dog: Rover"), std::string::npos) << html;
  EXPECT_NE(html.find("<li>sport: marathon"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"https://x.com/dana_rios/status/c1\">evidence</a>"), std::string::npos) << html;
  ParseNote(notes[1], &contact, &html, &timestamp);
  EXPECT_EQ(contact, "513");
  EXPECT_NE(html.find("<li>birthday: --0922"), std::string::npos) << html;

  for (const Recorded& r : hubspot_.requests()) {
    EXPECT_EQ(r.authorization, std::string("Bearer ") + kToken) << r.path;
    EXPECT_EQ(r.content_type, "application/json") << r.path;
  }
  // The search asks for the handle with and without '@'.
  const Recorded search = hubspot_.requests().front();
  EXPECT_EQ(search.path, "/crm/v3/objects/contacts/search");
  EXPECT_NE(search.body.find(R"({"propertyName":"twitterhandle","operator":"EQ","value":"dana_rios"})"),
            std::string::npos) << search.body;
  EXPECT_NE(search.body.find(R"("value":"@dana_rios")"), std::string::npos) << search.body;

  std::map<std::string, std::string> exported = store_->Exported("hubspot");
  ASSERT_EQ(exported.size(), 4u);
  EXPECT_EQ(exported["c1"], ExportFingerprint(accepted_[0]));
  EXPECT_EQ(exported["c4"], ExportFingerprint(accepted_[3]));
  EXPECT_TRUE(store_->Exported("vcard").empty());
}

TEST_F(HubSpotPushTest, SecondPushSendsNothing) {
  PushReport first, second;
  ASSERT_OK(Push(&first));
  const size_t requests = hubspot_.requests().size();
  ASSERT_OK(Push(&second));
  EXPECT_EQ(second.notes_sent, 0);
  EXPECT_EQ(second.people_unchanged, 2);
  EXPECT_EQ(hubspot_.requests().size(), requests);  // not even a contact search
  EXPECT_EQ(hubspot_.notes().size(), 2u);
  EXPECT_EQ(FormatPushReport(second), "hubspot: 0 notes sent (0 artifacts), 2 people unchanged, 0 skipped, 0 failed\n");
}

TEST_F(HubSpotPushTest, EditedOrNewValuesAreSentAgainAlone) {
  PushReport first;
  ASSERT_OK(Push(&first));
  accepted_[1].value = "half marathon";  // edited by an analyst
  accepted_[1].review = "edited";
  accepted_.push_back(MakeArtifact("c5", kDana, "hobby", "pottery"));  // newly accepted

  PushReport second;
  ASSERT_OK(Push(&second));
  EXPECT_EQ(second.notes_sent, 1);
  EXPECT_EQ(second.artifacts_sent, 2);
  EXPECT_EQ(second.people_unchanged, 1);  // Sam
  std::vector<std::string> notes = hubspot_.notes();
  ASSERT_EQ(notes.size(), 3u);
  std::string contact, html, timestamp;
  ParseNote(notes[2], &contact, &html, &timestamp);
  EXPECT_EQ(contact, "512");
  EXPECT_NE(html.find("2 new or changed facts"), std::string::npos) << html;
  EXPECT_NE(html.find("<li>sport: half marathon <em>(changed)</em>"), std::string::npos) << html;
  EXPECT_NE(html.find("<li>hobby: pottery &mdash;"), std::string::npos) << html;
  EXPECT_EQ(html.find("Rover"), std::string::npos) << "unchanged artifacts are not resent: " << html;
  EXPECT_EQ(store_->Exported("hubspot")["c2"], ExportFingerprint(accepted_[1]));

  PushReport third;
  ASSERT_OK(Push(&third));
  EXPECT_EQ(third.notes_sent, 0);
}

TEST_F(HubSpotPushTest, WaitsOutRateLimitWithRetryAfter) {
  hubspot_.Script("/crm/v3/objects/notes",
                  {429,
                   {{"Retry-After", "7"}},
                   R"({"status":"error","message":"You have reached your ten_secondly_rolling limit.",)"
                   R"("errorType":"RATE_LIMIT","policyName":"TEN_SECONDLY_ROLLING"})"});
  PushReport report;
  ASSERT_OK(Push(&report));
  EXPECT_EQ(report.notes_sent, 2);
  EXPECT_EQ(clock_.sleeps(), std::vector<int64_t>({7'000}));  // FakeClock: no real sleep
  EXPECT_EQ(hubspot_.notes().size(), 2u);                     // the refused attempt created nothing
  EXPECT_EQ(client_->requests_sent(), 5);                     // 2 searches, 3 note POSTs
}

TEST_F(HubSpotPushTest, BurstLimitWithoutRetryAfterWaitsTheInterval) {
  hubspot_.Script("/crm/v3/objects/contacts/search",
                  {429, {{"X-HubSpot-RateLimit-Interval-Milliseconds", "10000"},
                         {"X-HubSpot-RateLimit-Remaining", "0"}}, R"({"status":"error","policyName":"SECONDLY"})"});
  PushReport report;
  ASSERT_OK(Push(&report));
  EXPECT_EQ(report.notes_sent, 2);
  EXPECT_EQ(clock_.sleeps(), std::vector<int64_t>({10'000}));
}

TEST_F(HubSpotPushTest, DailyLimitStopsAtOnce) {
  hubspot_.Script("/crm/v3/objects/contacts/search",
                  {429, {{"X-HubSpot-RateLimit-Daily-Remaining", "0"}}, R"({"status":"error","policyName":"DAILY"})"});
  PushReport report;
  Status st = Push(&report);
  EXPECT_EQ(st.code(), Status::Code::kUnavailable) << st.ToString();
  EXPECT_NE(st.message().find("daily API limit"), std::string::npos) << st.message();
  EXPECT_TRUE(clock_.sleeps().empty());
  EXPECT_TRUE(store_->Exported("hubspot").empty());
}

TEST_F(HubSpotPushTest, RetriesServerErrorWithBackoff) {
  hubspot_.Script("/crm/v3/objects/notes", {500, {}, R"({"status":"error","message":"internal error"})"});
  hubspot_.Script("/crm/v3/objects/notes", {503, {}, "<html>unavailable</html>"});
  PushReport report;
  ASSERT_OK(Push(&report));
  EXPECT_EQ(report.notes_sent, 2);
  std::vector<int64_t> sleeps = clock_.sleeps();
  ASSERT_EQ(sleeps.size(), 2u);
  EXPECT_GE(sleeps[0], 750);  // 1 s, jitter 0.25
  EXPECT_LE(sleeps[0], 1'000);
  EXPECT_GE(sleeps[1], 1'500);  // doubled
  EXPECT_LE(sleeps[1], 2'000);
  EXPECT_EQ(hubspot_.notes().size(), 2u);
}

TEST_F(HubSpotPushTest, ServerErrorsPastTheLastAttemptStopThePush) {
  for (int i = 0; i < 5; ++i) hubspot_.Script("/crm/v3/objects/notes", {502, {}, "bad gateway"});
  PushReport report;
  Status st = Push(&report);
  EXPECT_EQ(st.code(), Status::Code::kUnavailable) << st.ToString();
  EXPECT_NE(st.message().find("HTTP 502 from POST /crm/v3/objects/notes after 5 attempts"), std::string::npos)
      << st.message();
  EXPECT_EQ(clock_.sleeps().size(), 4u);
  EXPECT_TRUE(store_->Exported("hubspot").empty());
}

TEST_F(HubSpotPushTest, RefusedTokenNamesTheVariableNotTheToken) {
  hubspot_.Script("/crm/v3/objects/contacts/search",
                  {401, {},
                   std::string(R"({"status":"error","message":"Authentication credentials not found: )") + kToken +
                       R"( is not valid","category":"INVALID_AUTHENTICATION"})"});
  PushReport report;
  Status st = Push(&report);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument) << st.ToString();
  EXPECT_NE(st.message().find("$RAPPORT_HUBSPOT_TOKEN"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("HTTP 401"), std::string::npos) << st.message();
  EXPECT_EQ(st.message().find(kToken), std::string::npos) << st.message();
  EXPECT_EQ(st.message().find("pat-na1-1111"), std::string::npos) << st.message();
  EXPECT_TRUE(clock_.sleeps().empty());  // not retried
  EXPECT_TRUE(hubspot_.notes().empty());
  EXPECT_TRUE(store_->Exported("hubspot").empty());
}

TEST_F(HubSpotPushTest, NoteWhoseAnswerIsLostIsNotRetried) {
  connectors::HttpClientOptions http_options;
  http_options.total_timeout_ms = 300;
  http_ = NewCurlHttpSender(http_options);
  MakeClient("");
  hubspot_.StallNextNote(1'000);
  PushReport report;
  Status st = Push(&report);
  EXPECT_EQ(st.code(), Status::Code::kIoError) << st.ToString();
  EXPECT_NE(st.message().find("HubSpot may have created the note"), std::string::npos) << st.message();
  int note_posts = 0;
  for (const Recorded& r : hubspot_.requests()) note_posts += r.path == "/crm/v3/objects/notes";
  EXPECT_EQ(note_posts, 1);  // a retry could have made a duplicate
  EXPECT_TRUE(clock_.sleeps().empty());
  EXPECT_TRUE(store_->Exported("hubspot").empty());  // so the next push sends it again
}

TEST_F(HubSpotPushTest, StopMidPushKeepsWhatWasSentAndResendsOnlyTheRest) {
  // Dana's note goes through; the token is revoked before Sam's search.
  hubspot_.Script("/crm/v3/objects/contacts/search", {200, {}, R"({"total":1,"results":[{"id":"512",)"
                                                                R"("properties":{"twitterhandle":"dana_rios"}}]})"});
  hubspot_.Script("/crm/v3/objects/contacts/search", {403, {}, R"({"message":"This app hasn't been granted all required scopes"})"});
  PushReport report;
  Status st = Push(&report);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(report.notes_sent, 1);
  EXPECT_EQ(store_->Exported("hubspot").size(), 3u);  // Dana's three

  PushReport again;
  ASSERT_OK(Push(&again));
  EXPECT_EQ(again.notes_sent, 1);  // only Sam's
  EXPECT_EQ(again.people_unchanged, 1);
  ASSERT_EQ(hubspot_.notes().size(), 2u);
  std::string contact, html, timestamp;
  ParseNote(hubspot_.notes()[1], &contact, &html, &timestamp);
  EXPECT_EQ(contact, "513");
}

TEST_F(HubSpotPushTest, PersonWithoutContactIsSkippedWithReasonAndTriedNextTime) {
  accepted_.push_back(MakeArtifact("c6", kJordan, "food", "sourdough"));
  PushReport report;
  ASSERT_OK(Push(&report));
  EXPECT_EQ(report.notes_sent, 2);
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_EQ(report.skipped[0].person.username, "jordan_lee");
  EXPECT_EQ(report.skipped[0].reason, "no HubSpot contact with twitterhandle 'jordan_lee'");
  EXPECT_EQ(store_->Exported("hubspot").count("c6"), 0u);
  EXPECT_NE(FormatPushReport(report).find("  skipped @jordan_lee (x:3300000002): no HubSpot contact"),
            std::string::npos)
      << FormatPushReport(report);

  hubspot_.AddContact({"514", "jordan_lee", ""});  // an analyst creates the contact
  PushReport again;
  ASSERT_OK(Push(&again));
  EXPECT_EQ(again.notes_sent, 1);
  EXPECT_TRUE(again.skipped.empty());
  EXPECT_EQ(store_->Exported("hubspot").count("c6"), 1u);
}

TEST_F(HubSpotPushTest, SuppressedPeopleAreNeverPushed) {
  ASSERT_OK(store_->Suppress("@Sam_Okafor"));  // a handle, typed with '@' and capitals
  PushReport report;
  ASSERT_OK(Push(&report));
  EXPECT_EQ(report.notes_sent, 1);
  EXPECT_EQ(report.people_suppressed, 1);
  for (const Recorded& r : hubspot_.requests()) {
    EXPECT_EQ(Lower(r.body).find("sam_okafor"), std::string::npos) << "nothing about Sam is sent: " << r.body;
  }
  EXPECT_EQ(store_->Exported("hubspot").count("c4"), 0u);
  EXPECT_NE(FormatPushReport(report).find(", 1 person suppressed"), std::string::npos) << FormatPushReport(report);

  ASSERT_OK(store_->Suppress(kDana.id));  // by id
  PushReport again;
  ASSERT_OK(Push(&again));
  EXPECT_EQ(again.people_suppressed, 2);
  EXPECT_EQ(again.notes_sent, 0);
}

TEST_F(HubSpotPushTest, TwoContactsWithTheSameHandleAreNotGuessed) {
  hubspot_.AddContact({"600", "DANA_RIOS", ""});
  PushReport report;
  ASSERT_OK(Push(&report));
  EXPECT_EQ(report.notes_sent, 1);  // Sam only
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_EQ(report.skipped[0].reason,
            "2 HubSpot contacts with twitterhandle 'dana_rios' (512, 600); merge them or set a match property");
}

TEST_F(HubSpotPushTest, MatchPropertyWinsAndCoversOtherPlatforms) {
  MakeClient("rapport_id");
  const pipeline::PersonRef sky{"bluesky", "did:plc:abc123", "ana.bsky.social", "Ana"};
  hubspot_.AddContact({"700", "", "bluesky:did:plc:abc123"});
  hubspot_.AddContact({"701", "", "x:1093321775"});  // Dana by id, beside 512 by handle
  accepted_.push_back(MakeArtifact("c7", sky, "pet", "cat: Miso"));
  PushReport report;
  ASSERT_OK(Push(&report));
  EXPECT_EQ(report.notes_sent, 3);
  std::map<std::string, int> by_contact;
  for (const std::string& body : hubspot_.notes()) {
    std::string contact, html, timestamp;
    ParseNote(body, &contact, &html, &timestamp);
    by_contact[contact]++;
  }
  EXPECT_EQ(by_contact, (std::map<std::string, int>{{"513", 1}, {"700", 1}, {"701", 1}}));
}

TEST_F(HubSpotPushTest, OtherPlatformWithoutMatchPropertyIsSkipped) {
  accepted_.push_back(MakeArtifact("c7", {"mastodon", "109", "ana@mastodon.social", ""}, "pet", "cat: Miso"));
  PushReport report;
  ASSERT_OK(Push(&report));
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_NE(report.skipped[0].reason.find("no matching rule for platform 'mastodon'"), std::string::npos)
      << report.skipped[0].reason;
}

TEST_F(HubSpotPushTest, RefusedNoteIsReportedAndThePushGoesOn) {
  hubspot_.Script("/crm/v3/objects/notes",
                  {400, {}, R"({"status":"error","message":"Property values were not valid: hs_timestamp",)"
                            R"("category":"VALIDATION_ERROR"})"});
  PushReport report;
  ASSERT_OK(Push(&report));
  EXPECT_EQ(report.notes_sent, 1);
  ASSERT_EQ(report.failed.size(), 1u);
  EXPECT_EQ(report.failed[0].person.username, "dana_rios");
  EXPECT_EQ(report.failed[0].reason, "note refused: HTTP 400: Property values were not valid: hs_timestamp");
  std::map<std::string, std::string> exported = store_->Exported("hubspot");
  EXPECT_EQ(exported.size(), 1u);
  EXPECT_EQ(exported.count("c4"), 1u);
}

TEST_F(HubSpotPushTest, ValuesAreEscapedInTheNote) {
  accepted_ = {MakeArtifact("c8", kDana, "topic", "<script>alert(1)</script> & \"quotes\"\nnewline")};
  accepted_[0].evidence[0].url = "javascript:alert(1)";  // not a link
  PushReport report;
  ASSERT_OK(Push(&report));
  ASSERT_EQ(hubspot_.notes().size(), 1u);
  std::string contact, html, timestamp;
  ParseNote(hubspot_.notes()[0], &contact, &html, &timestamp);
  EXPECT_NE(html.find("topic: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; newline"),
            std::string::npos) << html;
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
}

TEST_F(HubSpotPushTest, ArtifactsBeyondTheNoteSizeWaitForTheNextPush) {
  PushOptions options;
  options.clock = &clock_;
  options.max_note_bytes = 200;  // room for one artifact of these
  PushReport report;
  ASSERT_OK(PushToHubSpot(accepted_, store_.get(), client_.get(), options, &report));
  EXPECT_EQ(report.notes_sent, 2);
  EXPECT_EQ(report.artifacts_sent, 2);
  EXPECT_EQ(report.artifacts_deferred, 2);
  PushReport next;
  ASSERT_OK(PushToHubSpot(accepted_, store_.get(), client_.get(), options, &next));
  EXPECT_EQ(next.artifacts_sent, 1);
  EXPECT_EQ(next.artifacts_deferred, 1);
  PushReport last;
  ASSERT_OK(PushToHubSpot(accepted_, store_.get(), client_.get(), options, &last));
  EXPECT_EQ(last.artifacts_sent, 1);
  EXPECT_EQ(store_->Exported("hubspot").size(), 4u);
}

TEST(HubSpotClientTest, UnreachableServerIsRetriedThenStops) {
  // Port 1 (tcpmux): below the ephemeral range, so the connection cannot
  // meet itself, and nothing listens there.
  const int port = 1;
  connectors::FakeClock clock;
  connectors::HttpClientOptions http_options;
  http_options.total_timeout_ms = 10'000;
  auto http = NewCurlHttpSender(http_options);
  HubSpotOptions options;
  options.api_base = "http://127.0.0.1:" + std::to_string(port);
  options.token = kToken;
  options.clock = &clock;
  options.retry.max_attempts = 3;
  HubSpotClient client(http.get(), options);
  Result<ContactMatch> match = client.FindContact(kDana);
  ASSERT_FALSE(match.ok());
  EXPECT_EQ(match.status().code(), Status::Code::kUnavailable) << match.status().ToString();
  EXPECT_NE(match.status().message().find("gave up after 3 attempts"), std::string::npos)
      << match.status().message();
  EXPECT_EQ(match.status().message().find(kToken), std::string::npos);
  EXPECT_EQ(clock.sleeps().size(), 2u);
}

TEST(HubSpotClientTest, TokenIsNeverSentInClearToAnotherHost) {
  HubSpotOptions options;
  options.token = kToken;
  EXPECT_TRUE(HubSpotClient::CheckOptions(options).ok());  // the default, https://api.hubapi.com
  options.api_base = "http://127.0.0.1:8080";
  EXPECT_TRUE(HubSpotClient::CheckOptions(options).ok());
  options.api_base = "http://localhost";
  EXPECT_TRUE(HubSpotClient::CheckOptions(options).ok());
  options.api_base = "http://api.hubapi.com";
  EXPECT_EQ(HubSpotClient::CheckOptions(options).code(), Status::Code::kInvalidArgument);
  options.api_base = "http://localhost.evil.example";
  EXPECT_EQ(HubSpotClient::CheckOptions(options).code(), Status::Code::kInvalidArgument);

  // The client refuses before sending anything.
  FakeHubSpot hubspot;
  connectors::FakeClock clock;
  auto http = NewCurlHttpSender({});
  options.api_base = "http://127.0.0.2:1";
  options.clock = &clock;
  HubSpotClient client(http.get(), options);
  Result<ContactMatch> match = client.FindContact(kDana);
  ASSERT_FALSE(match.ok());
  EXPECT_NE(match.status().message().find("must start with https://"), std::string::npos);
  EXPECT_EQ(client.requests_sent(), 0);

  options.api_base = hubspot.base();
  options.token.clear();
  HubSpotClient no_token(http.get(), options);
  match = no_token.FindContact(kDana);
  ASSERT_FALSE(match.ok());
  EXPECT_EQ(match.status().message(), "no HubSpot token: set $RAPPORT_HUBSPOT_TOKEN to a private app access token");
  EXPECT_TRUE(hubspot.requests().empty());
}

TEST(HubSpotFingerprintTest, StableAndSensitiveToCategoryValueAndId) {
  pipeline::Artifact a = MakeArtifact("c1", kDana, "pet", "dog: Rover");
  const std::string fp = ExportFingerprint(a);
  EXPECT_EQ(fp.size(), 16u);
  EXPECT_EQ(fp, ExportFingerprint(MakeArtifact("c1", kSam, "pet", "dog: Rover")));  // person is in the id
  pipeline::Artifact b = a;
  b.value = "dog: Rex";
  EXPECT_NE(ExportFingerprint(b), fp);
  b = a;
  b.category = "hobby";
  EXPECT_NE(ExportFingerprint(b), fp);
  b = a;
  b.candidate_id = "c9";
  EXPECT_NE(ExportFingerprint(b), fp);
  b = a;
  b.category = "pet: dog";  // separators keep fields apart
  b.value = "Rover";
  EXPECT_NE(ExportFingerprint(b), fp);
  b = a;
  b.score = 9;  // scores and evidence move every night; not a change
  b.evidence.clear();
  EXPECT_EQ(ExportFingerprint(b), fp);
}

}  // namespace
}  // namespace rapport::crm

#else  // RAPPORT_HAVE_HTTPLIB

TEST(HubSpotPushTest, SkippedWithoutHttplib) { GTEST_SKIP() << "cpp-httplib not installed"; }

#endif  // RAPPORT_HAVE_HTTPLIB
