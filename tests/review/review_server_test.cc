// ServeReview over real HTTP on 127.0.0.1 (httplib::Client): the page, the
// candidates JSON, decisions stored at once, validation, the CSRF and
// DNS-rebinding guard, and escaping of hostile values.
#include "review/review_server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <simdjson.h>

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/export/exporters.h"
#include "pipeline/state_store.h"
#include "tests/pipeline/test_util.h"

namespace rapport::review {
namespace {

constexpr const char* kInjection = "<script>alert(1)</script><img src=x onerror=alert(2)>";

pipeline::Artifact MakeArtifact(std::string id, std::string username, std::string category, std::string value,
                                double score) {
  pipeline::Artifact a;
  a.candidate_id = std::move(id);
  a.person = {"x", "id-" + username, username, "Name of " + username};
  a.category = std::move(category);
  a.value = std::move(value);
  a.key = a.value;
  a.score = score;
  a.mentions = 2;
  a.days = 2;
  a.conversations = 1;
  a.first_seen = "2026-09-01T10:00:00Z";
  a.last_seen = "2026-09-08T10:00:00Z";
  a.evidence = {{"p1", "https://x.com/" + username + "/status/1", "2026-09-01T10:00:00Z", "My dog Rover", username}};
  return a;
}

class ReviewServerTest : public ::testing::Test {
 protected:
  ReviewServerTest() : tmp_("review-server") {}

  void SetUp() override {
    artifacts_ = (tmp_.path() / "out" / "artifacts.jsonl").string();
    std::filesystem::create_directories(tmp_.path() / "out");
    pipeline::Artifact hostile = MakeArtifact("00000000000000cc", "mallory", "topic", kInjection, 0.5);
    hostile.evidence[0].text = kInjection;
    hostile.evidence[0].url = "javascript:alert(3)";
    ASSERT_TRUE(pipeline::WriteArtifactsJsonl({MakeArtifact("00000000000000aa", "dana", "pet", "dog: Rover", 2.92),
                                               MakeArtifact("00000000000000bb", "dana", "place", "Chicago", 2.7),
                                               hostile},
                                              artifacts_)
                    .ok());
    auto store = pipeline::StateStore::Open((tmp_.path() / "state").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
  }

  void TearDown() override { StopServer(); }

  // Starts ServeReview in a thread; returns once it listens (port_ set).
  void StartServer(ReviewServerOptions options = {}) {
    options.port = 0;
    if (options.artifacts_path.empty()) options.artifacts_path = artifacts_;
    auto listening = std::make_shared<std::promise<int>>();
    auto port = listening->get_future();
    server_ = std::thread([this, options, listening] {
      bool told = false;
      status_ = ServeReview(
          store_.get(), options,
          [&](int p) {
            told = true;
            listening->set_value(p);
          },
          &stop_);
      if (!told) listening->set_value(-1);
    });
    ASSERT_EQ(port.wait_for(std::chrono::seconds(10)), std::future_status::ready);
    port_ = port.get();
    ASSERT_GT(port_, 0) << status_.ToString();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_connection_timeout(5);
    client_->set_read_timeout(10);
  }

  void StopServer() {
    stop_ = true;
    if (server_.joinable()) server_.join();
  }

  std::string Origin() const { return "http://127.0.0.1:" + std::to_string(port_); }

  httplib::Result Post(const std::string& body, httplib::Headers headers = {},
                       const std::string& content_type = "application/json") {
    return client_->Post("/api/decisions", headers, body, content_type.c_str());
  }

  // The store as another process would see it: a second connection.
  std::map<std::string, pipeline::Decision> StoredDecisions() {
    auto other = pipeline::StateStore::Open((tmp_.path() / "state").string());
    EXPECT_TRUE(other.ok());
    return other.ok() ? (*other)->Decisions() : std::map<std::string, pipeline::Decision>{};
  }

  testing::TempDir tmp_;
  std::string artifacts_;
  std::unique_ptr<pipeline::StateStore> store_;
  std::atomic<bool> stop_{false};
  std::thread server_;
  Status status_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

// Candidate `id` of a /api/candidates body: {status, value, run_value}.
struct Seen {
  std::string status, value, run_value, person_name;
  int evidence = 0;
};
std::map<std::string, Seen> ParseCandidates(const std::string& body) {
  std::map<std::string, Seen> out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body).get(doc)) {
    ADD_FAILURE() << "not JSON: " << body;
    return out;
  }
  for (simdjson::dom::element c : doc["candidates"].get_array()) {
    Seen s;
    s.status = std::string(c["status"].get_string().value());
    s.value = std::string(c["value"].get_string().value());
    s.run_value = std::string(c["run_value"].get_string().value());
    s.person_name = std::string(c["person"]["name"].get_string().value());
    s.evidence = static_cast<int>(c["evidence"].get_array().size());
    out[std::string(c["candidate_id"].get_string().value())] = s;
  }
  return out;
}

TEST_F(ReviewServerTest, ServesTheSelfContainedPage) {
  StartServer();
  auto res = client_->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  const std::string csp = res->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("require-trusted-types-for 'script'"), std::string::npos) << csp;
  const size_t n = csp.find("'nonce-");
  ASSERT_NE(n, std::string::npos);
  const std::string nonce = csp.substr(n + 7, csp.find('\'', n + 7) - n - 7);
  EXPECT_NE(res->body.find("<script nonce=\"" + nonce + "\">"), std::string::npos);
  EXPECT_NE(res->body.find("<style nonce=\"" + nonce + "\">"), std::string::npos);
  EXPECT_NE(res->body.find("<title>Rapport review</title>"), std::string::npos);
  // No external resources, and the DOM is never built from HTML strings.
  EXPECT_EQ(res->body.find("src=\"http"), std::string::npos);
  EXPECT_EQ(res->body.find("href=\"http"), std::string::npos);
  EXPECT_EQ(res->body.find("innerHTML"), std::string::npos);
  EXPECT_EQ(res->body.find("insertAdjacentHTML"), std::string::npos);
  EXPECT_EQ(res->body.find("document.write"), std::string::npos);
  // A fresh nonce per page.
  auto again = client_->Get("/");
  ASSERT_TRUE(again);
  EXPECT_NE(again->get_header_value("Content-Security-Policy"), csp);
}

TEST_F(ReviewServerTest, CandidatesMergeTheStoredDecisions) {
  ASSERT_TRUE(store_->SetDecision("00000000000000bb", {"rejected", "", 1700000000}).ok());
  StartServer();
  auto res = client_->Get("/api/candidates");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  auto seen = ParseCandidates(res->body);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen["00000000000000aa"].status, "new");
  EXPECT_EQ(seen["00000000000000aa"].value, "dog: Rover");
  EXPECT_EQ(seen["00000000000000aa"].person_name, "Name of dana");
  EXPECT_EQ(seen["00000000000000aa"].evidence, 1);
  EXPECT_EQ(seen["00000000000000bb"].status, "rejected");  // shown as rejected until the next run drops it
}

TEST_F(ReviewServerTest, DecisionsAreStoredAtOnce) {
  StartServer();
  auto res = Post(R"({"candidate_id":"00000000000000aa","status":"accepted"})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_NE(res->body.find(R"("candidate_id":"00000000000000aa","status":"accepted","value":"")"), std::string::npos)
      << res->body;
  res = Post(R"({"candidate_id":"00000000000000bb","status":"edited","value":"  Chicago, IL "})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_NE(res->body.find(R"("status":"edited","value":"Chicago, IL")"), std::string::npos) << res->body;

  auto stored = StoredDecisions();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored["00000000000000aa"].status, "accepted");
  EXPECT_GT(stored["00000000000000aa"].decided_at, 1700000000);
  EXPECT_EQ(stored["00000000000000bb"].status, "edited");
  EXPECT_EQ(stored["00000000000000bb"].value, "Chicago, IL");

  auto seen = ParseCandidates(client_->Get("/api/candidates")->body);
  EXPECT_EQ(seen["00000000000000aa"].status, "accepted");
  EXPECT_EQ(seen["00000000000000bb"].value, "Chicago, IL");
  EXPECT_EQ(seen["00000000000000bb"].run_value, "Chicago");

  // A changed mind overwrites the decision.
  ASSERT_EQ(Post(R"({"candidate_id":"00000000000000aa","status":"rejected"})")->status, 200);
  EXPECT_EQ(StoredDecisions()["00000000000000aa"].status, "rejected");
  auto all = client_->Get("/api/decisions");
  ASSERT_TRUE(all);
  EXPECT_NE(all->body.find(R"("candidate_id":"00000000000000aa","status":"rejected")"), std::string::npos)
      << all->body;
}

TEST_F(ReviewServerTest, BadDecisionsAre400AndStoreNothing) {
  StartServer();
  for (const std::string& body : std::vector<std::string>{
           R"({"candidate_id":"0000000000000999","status":"accepted"})",  // not in artifacts.jsonl
        R"({"candidate_id":"00000000000000aa","status":"maybe"})",
        R"({"candidate_id":"00000000000000aa"})",
        R"({"status":"accepted"})",
        R"({"candidate_id":"00000000000000aa","status":"edited"})",
        R"({"candidate_id":"00000000000000aa","status":"edited","value":"   "})",
        R"({"candidate_id":"00000000000000aa","status":"edited","value":")" + std::string(501, 'x') + "\"}",
        std::string("not json"), std::string("")}) {
    auto res = Post(body);
    ASSERT_TRUE(res) << body;
    EXPECT_EQ(res->status, 400) << body << " -> " << res->body;
    EXPECT_NE(res->body.find("\"error\":"), std::string::npos) << res->body;
  }
  auto ok = Post(R"({"candidate_id":"00000000000000aa","status":"edited","value":")" + std::string(500, 'x') + "\"}");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  auto stored = StoredDecisions();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored["00000000000000aa"].value.size(), 500u);
}

TEST_F(ReviewServerTest, OnlyJsonIsAcceptedForPost) {
  StartServer();
  const std::string body = R"({"candidate_id":"00000000000000aa","status":"accepted"})";
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "text/json"}) {
    auto res = Post(body, {}, type);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 415) << type;
  }
  // httplib refuses a body that is not the multipart it claims before routing.
  auto multipart = Post(body, {}, "multipart/form-data; boundary=x");
  ASSERT_TRUE(multipart);
  EXPECT_GE(multipart->status, 400);
  EXPECT_TRUE(StoredDecisions().empty());
  EXPECT_EQ(Post(body, {}, "application/json; charset=utf-8")->status, 200);
}

TEST_F(ReviewServerTest, ForeignOriginsAndHostsAre403) {
  StartServer();
  const std::string body = R"({"candidate_id":"00000000000000aa","status":"rejected"})";
  auto res = Post(body, {{"Origin", "http://evil.example"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(Post(body, {{"Origin", "http://127.0.0.1:1"}})->status, 403);
  EXPECT_EQ(Post(body, {{"Origin", "null"}})->status, 403);
  EXPECT_EQ(Post(body, {{"Sec-Fetch-Site", "cross-site"}})->status, 403);
  // DNS rebinding: the right address under the attacker's name.
  EXPECT_EQ(Post(body, {{"Host", "evil.example:" + std::to_string(port_)}})->status, 403);
  auto page = client_->Get("/", {{"Host", "evil.example:" + std::to_string(port_)}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 403);
  auto data = client_->Get("/api/candidates", {{"Host", "rebind.example:" + std::to_string(port_)}});
  ASSERT_TRUE(data);
  EXPECT_EQ(data->status, 403);
  EXPECT_TRUE(StoredDecisions().empty());

  // The page's own origin is fine.
  EXPECT_EQ(Post(body, {{"Origin", Origin()}, {"Sec-Fetch-Site", "same-origin"}})->status, 200);
  EXPECT_EQ(client_->Get("/", {{"Host", "localhost:" + std::to_string(port_)}})->status, 200);
}

TEST_F(ReviewServerTest, HostileValuesAreEscapedEverywhere) {
  StartServer();
  auto res = client_->Get("/api/candidates");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body.find('<'), std::string::npos);
  EXPECT_EQ(res->body.find('>'), std::string::npos);
  EXPECT_NE(res->body.find(R"(\u003cscript\u003ealert(1)\u003c/script\u003e)"), std::string::npos);
  auto seen = ParseCandidates(res->body);
  EXPECT_EQ(seen["00000000000000cc"].value, kInjection);  // the text itself is kept, for textContent
  auto page = client_->Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body.find("alert("), std::string::npos);  // user data never goes into the markup

  // An edited value with markup is stored as text and comes back escaped.
  auto edit = Post(R"({"candidate_id":"00000000000000aa","status":"edited","value":"<b onmouseover=x>Rex</b>"})");
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->status, 200);
  EXPECT_EQ(edit->body.find('<'), std::string::npos) << edit->body;
  EXPECT_EQ(StoredDecisions()["00000000000000aa"].value, "<b onmouseover=x>Rex</b>");
}

TEST_F(ReviewServerTest, ARewrittenArtifactsFileIsPickedUp) {
  StartServer();
  EXPECT_EQ(Post(R"({"candidate_id":"00000000000000dd","status":"accepted"})")->status, 400);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_TRUE(pipeline::WriteArtifactsJsonl({MakeArtifact("00000000000000dd", "sam", "pet", "cat: Miso", 1.0)},
                                            artifacts_)
                  .ok());
  EXPECT_EQ(Post(R"({"candidate_id":"00000000000000dd","status":"accepted"})")->status, 200);
  auto seen = ParseCandidates(client_->Get("/api/candidates")->body);
  EXPECT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen["00000000000000dd"].status, "accepted");
}

TEST_F(ReviewServerTest, StartupErrorsAreStatuses) {
  ReviewServerOptions missing;
  missing.port = 0;
  missing.artifacts_path = (tmp_.path() / "none.jsonl").string();
  EXPECT_EQ(ServeReview(store_.get(), missing, nullptr, &stop_).code(), Status::Code::kNotFound);
  ReviewServerOptions bad_port;
  bad_port.port = 70000;
  bad_port.artifacts_path = artifacts_;
  EXPECT_EQ(ServeReview(store_.get(), bad_port, nullptr, &stop_).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(ServeReview(nullptr, bad_port, nullptr, &stop_).code(), Status::Code::kInvalidArgument);

  StartServer();  // holds port_
  ReviewServerOptions taken;
  taken.port = port_;
  taken.artifacts_path = artifacts_;
  EXPECT_EQ(ServeReview(store_.get(), taken, nullptr, &stop_).code(), Status::Code::kUnavailable);
}

TEST_F(ReviewServerTest, AStopRightAfterStartupStillEndsIt) {
  // The stop comes before the listener thread is scheduled: it must not be
  // lost (it was, under load: the listener then stayed in accept()).
  std::atomic<bool> stop{true};
  ReviewServerOptions options;
  options.port = 0;
  options.artifacts_path = artifacts_;
  for (int i = 0; i < 20; ++i) {
    auto done = std::async(std::launch::async, [&] { return ServeReview(store_.get(), options, nullptr, &stop); });
    ASSERT_EQ(done.wait_for(std::chrono::seconds(20)), std::future_status::ready) << "iteration " << i;
    EXPECT_TRUE(done.get().ok());
  }
}

TEST_F(ReviewServerTest, StopFlagEndsServeReview) {
  StartServer();
  ASSERT_EQ(client_->Get("/api/decisions")->status, 200);
  const auto start = std::chrono::steady_clock::now();
  StopServer();
  EXPECT_TRUE(status_.ok()) << status_.ToString();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace rapport::review
