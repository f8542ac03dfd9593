// FakeApi: a real HTTP server on 127.0.0.1 (cpp-httplib, ephemeral port) for
// the live source tests, with per-route handlers that can inject faults.
//   FakeApi api;
//   api.Route("/2/users/by/username/alice", [&](const httplib::Request&, int hit) {
//     return hit == 1 ? Reply::Status(503) : Reply::File(kDir + "user_alice.json");
//   });
//   api.Start();  ... api.base() == "http://127.0.0.1:<port>"
// Plus the pieces every live source test needs: a map-backed CursorReader,
// a log sink, and Drain(). Test-only; handlers run on server threads, the
// request log is locked.
#ifndef RAPPORT_TESTS_CONNECTORS_FAKE_API_H_
#define RAPPORT_TESTS_CONNECTORS_FAKE_API_H_

#include <httplib.h>

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "connectors/live_options.h"
#include "connectors/source.h"
#include "tests/connectors/test_util.h"

namespace rapport::testing {

struct Reply {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type = "application/json; charset=utf-8";
  int delay_ms = 0;          // sleep before answering (a slow server)
  bool cut_mid_body = false;  // announce the full length, send half, close

  static Reply Json(std::string body) {
    Reply r;
    r.body = std::move(body);
    return r;
  }
  static Reply File(const std::string& path) { return Json(ReadFile(path)); }
  static Reply Status(int status, std::string body = "") {
    Reply r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  Reply& Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

class FakeApi {
 public:
  using Handler = std::function<Reply(const httplib::Request& req, int hit)>;

  FakeApi() {
    server_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) { Serve(req, res); });
  }
  ~FakeApi() { Stop(); }

  // `hit` counts the requests to `path` so far, this one included (1-based).
  void Route(const std::string& path, Handler handler) { routes_[path] = std::move(handler); }
  // Puts `fault` in front of the route's handler: when it returns a reply,
  // that is the answer; otherwise the handler answers.
  void Fault(const std::string& path, std::function<std::optional<Reply>(const httplib::Request&, int hit)> fault) {
    Handler inner = routes_[path];
    routes_[path] = [inner, fault](const httplib::Request& req, int hit) {
      if (std::optional<Reply> r = fault(req, hit)) return *r;
      return inner ? inner(req, hit) : Reply::Status(404, R"({"error":"no route in the test"})");
    };
  }

  void Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 2000 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_TRUE(server_.is_running());
  }
  void Stop() {
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Every request target ("/path?query" as sent), in arrival order.
  std::vector<std::string> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  int hits(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = hit_counts_.find(path);
    return it == hit_counts_.end() ? 0 : it->second;
  }
  // The Authorization header of the last request ("" if none).
  std::string last_authorization() const {
    std::lock_guard<std::mutex> lock(mu_);
    return last_authorization_;
  }

 private:
  void Serve(const httplib::Request& req, httplib::Response& res) {
    int hit = 0;
    Handler handler;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(req.target);
      hit = ++hit_counts_[req.path];
      last_authorization_ = req.get_header_value("Authorization");
      auto it = routes_.find(req.path);
      if (it != routes_.end()) handler = it->second;
    }
    if (!handler) {
      res.status = 404;
      res.set_content(R"({"error":"no route in the test"})", "application/json");
      return;
    }
    Reply reply = handler(req, hit);
    if (reply.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(reply.delay_ms));
    res.status = reply.status;
    for (const auto& [name, value] : reply.headers) res.set_header(name, value);
    if (reply.cut_mid_body) {
      std::string body = reply.body;
      res.set_content_provider(body.size(), reply.content_type,
                               [body](size_t offset, size_t, httplib::DataSink& sink) {
                                 if (offset > 0) return false;  // the server drops the connection
                                 sink.write(body.data(), body.size() / 2);
                                 return true;
                               });
      return;
    }
    res.set_content(reply.body, reply.content_type);
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::map<std::string, Handler> routes_;
  mutable std::mutex mu_;
  std::vector<std::string> requests_;
  std::map<std::string, int> hit_counts_;
  std::string last_authorization_;
};

// A CursorReader over a map, as the state store would answer.
class MapCursors final : public connectors::CursorReader {
 public:
  std::map<std::string, std::string> cursors;
  std::string GetCursor(const std::string& key) const override {
    auto it = cursors.find(key);
    return it == cursors.end() ? "" : it->second;
  }
};

// Collects what a source logs.
struct LogSink {
  std::vector<std::string> lines;
  connectors::LiveLog Fn() {
    return [this](connectors::LiveLogLevel level, const std::string& message) {
      lines.push_back(std::string(level == connectors::LiveLogLevel::kWarn ? "W " : "I ") + message);
    };
  }
  std::string All() const {
    std::string all;
    for (const std::string& line : lines) all += line + "\n";
    return all;
  }
};

struct Drained {
  std::vector<connectors::RawDoc> docs;
  Status status;
  std::vector<std::pair<std::string, std::string>> checkpoints;
};

inline Drained Drain(connectors::Source* source) {
  Drained d;
  connectors::RawDoc doc;
  while (source->Next(&doc)) {
    EXPECT_GE(doc.bytes.capacity(), doc.bytes.size() + connectors::RawDoc::kPadding) << doc.origin.ToString();
    d.docs.push_back(doc);
  }
  EXPECT_FALSE(source->Next(&doc)) << "Next() stays false at the end";
  d.status = source->status();
  d.checkpoints = source->Checkpoints();
  return d;
}

// The query string of a request target, decoded ("/p?a=%3A" -> "a=:").
inline std::string DecodedQuery(const std::string& target) {
  size_t q = target.find('?');
  if (q == std::string::npos) return "";
  return httplib::detail::decode_url(target.substr(q + 1), true);
}

inline std::string PathOf(const std::string& target) { return target.substr(0, target.find('?')); }

}  // namespace rapport::testing

#endif  // RAPPORT_TESTS_CONNECTORS_FAKE_API_H_
