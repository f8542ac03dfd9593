// fake_api_server: canned X API v2, Bluesky and Mastodon responses on
// 127.0.0.1, for end-to-end tests of `rapport run` against live connectors.
//
//   fake_api_server --root tests/data/fake_api [--port 0] [--request-log FILE]
//                   [--fail-after-pages N [--fail-mode hang|close|500]]
//                   [--429-once] [--5xx-burst K] [--slow-ms M]
//
// Prints "port N" on stdout (flushed) once it listens, then serves until
// killed (SIGTERM/SIGINT stop it cleanly). One server answers all three
// APIs: point x_api_base, bluesky_api_base and mastodon_instance at
// http://127.0.0.1:N.
//
// <root>/routes.json lists the answers; the first route whose path and query
// match wins:
//   {"routes": [
//     {"path": "/2/users/by/username/alice", "file": "x/user_alice.json"},
//     {"path": "/2/users/12/tweets", "query": {"since_id": "*"}, "file": "x/empty.json"},
//     {"path": "/2/users/12/tweets", "query": {"pagination_token": "t2"}, "file": "x/p2.json"},
//     {"path": "/2/users/12/tweets", "query": {"pagination_token": null}, "file": "x/p1.json"},
//     {"path": "/api/v1/accounts/lookup", "status": 404, "body": "{\"error\":\"Record not found\"}"},
//     {"path": "/api/v1/accounts/1/statuses", "query": {"min_id": "0"}, "file": "m/p1.json",
//      "headers": {"Link": "<{base}/api/v1/accounts/1/statuses?min_id=7>; rel=\"prev\""}}]}
// A query value "*" means "present", null means "absent", anything else must
// be equal (after percent-decoding). "file" is relative to <root>; "{base}"
// in a header value becomes http://127.0.0.1:N. No match: 404.
//
// Faults (each counts requests in arrival order):
//   --5xx-burst K          the first K requests get 503;
//   --429-once             the first request after the burst gets 429 with
//                          x-rate-limit-remaining 0 and a reset 1 s ahead;
//   --fail-after-pages N   after N answered 2xx pages, every request fails:
//                          hang (default; the connection stays open without
//                          an answer until the server stops), close (drop the
//                          connection mid-body), or 500;
//   --slow-ms M            wait M ms before each answer.
// --request-log FILE appends "GET <target> <status>" per request, flushed,
// so a test can tell how far a run got (e.g. to SIGKILL it mid-pagination).
#include <httplib.h>
#include <signal.h>
#include <simdjson.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

struct QueryRule {
  std::string name;
  std::optional<std::string> value;  // nullopt: must be absent; "*": present
};

struct Route {
  std::string path;
  std::vector<QueryRule> query;
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct Flags {
  std::string root;
  int port = 0;
  std::string request_log;
  int fail_after_pages = -1;
  std::string fail_mode = "hang";
  bool once_429 = false;
  int burst_5xx = 0;
  int slow_ms = 0;
};

std::atomic<bool> g_stopping{false};
httplib::Server* g_server = nullptr;

void OnSignal(int) {
  g_stopping = true;
  if (g_server) g_server->stop();
}

std::string ReadAll(const std::filesystem::path& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  *ok = static_cast<bool>(in) || in.eof();
  return ss.str();
}

bool LoadRoutes(const std::string& root, std::vector<Route>* routes, std::string* error) {
  bool ok = false;
  std::filesystem::path manifest = std::filesystem::path(root) / "routes.json";
  std::string text = ReadAll(manifest, &ok);
  if (!ok || text.empty()) {
    *error = "cannot read " + manifest.string();
    return false;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto e = parser.parse(text).get(doc)) {
    *error = manifest.string() + ": " + simdjson::error_message(e);
    return false;
  }
  simdjson::dom::array list;
  if (doc["routes"].get_array().get(list)) {
    *error = manifest.string() + ": no \"routes\" array";
    return false;
  }
  for (simdjson::dom::element r : list) {
    Route route;
    std::string_view s;
    if (r["path"].get_string().get(s)) {
      *error = manifest.string() + ": a route without \"path\"";
      return false;
    }
    route.path = std::string(s);
    int64_t status = 200;
    if (!r["status"].get_int64().get(status)) route.status = static_cast<int>(status);
    if (!r["file"].get_string().get(s)) {
      route.body = ReadAll(std::filesystem::path(root) / std::string(s), &ok);
      if (!ok) {
        *error = "cannot read " + (std::filesystem::path(root) / std::string(s)).string();
        return false;
      }
    } else if (!r["body"].get_string().get(s)) {
      route.body = std::string(s);
    }
    simdjson::dom::object query;
    if (!r["query"].get_object().get(query)) {
      for (auto [key, value] : query) {
        QueryRule rule{std::string(key), std::nullopt};
        if (!value.get_string().get(s)) rule.value = std::string(s);
        route.query.push_back(std::move(rule));
      }
    }
    simdjson::dom::object headers;
    if (!r["headers"].get_object().get(headers)) {
      for (auto [key, value] : headers) {
        if (!value.get_string().get(s)) route.headers.emplace_back(std::string(key), std::string(s));
      }
    }
    routes->push_back(std::move(route));
  }
  return true;
}

bool Matches(const Route& route, const httplib::Request& req) {
  if (route.path != req.path) return false;
  for (const QueryRule& rule : route.query) {
    bool has = req.has_param(rule.name);
    if (!rule.value) {
      if (has) return false;
    } else if (*rule.value == "*") {
      if (!has) return false;
    } else if (!has || req.get_param_value(rule.name) != *rule.value) {
      return false;
    }
  }
  return true;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

int Usage(const char* argv0) {
  std::cerr << "usage: " << argv0
            << " --root DIR [--port N] [--request-log FILE] [--fail-after-pages N] [--fail-mode hang|close|500]"
               " [--429-once] [--5xx-burst K] [--slow-ms M]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](int* out) {
      if (i + 1 >= argc) return false;
      *out = std::atoi(argv[++i]);
      return true;
    };
    if (arg == "--root" && i + 1 < argc) flags.root = argv[++i];
    else if (arg == "--request-log" && i + 1 < argc) flags.request_log = argv[++i];
    else if (arg == "--fail-mode" && i + 1 < argc) flags.fail_mode = argv[++i];
    else if (arg == "--port" && value(&flags.port)) continue;
    else if (arg == "--fail-after-pages" && value(&flags.fail_after_pages)) continue;
    else if (arg == "--5xx-burst" && value(&flags.burst_5xx)) continue;
    else if (arg == "--slow-ms" && value(&flags.slow_ms)) continue;
    else if (arg == "--429-once") flags.once_429 = true;
    else return Usage(argv[0]);
  }
  if (flags.root.empty() ||
      (flags.fail_mode != "hang" && flags.fail_mode != "close" && flags.fail_mode != "500"))
    return Usage(argv[0]);
  std::vector<Route> routes;
  std::string error;
  if (!LoadRoutes(flags.root, &routes, &error)) {
    std::cerr << "fake_api_server: " << error << "\n";
    return 1;
  }

  httplib::Server server;
  std::mutex mu;
  int requests = 0, pages = 0;
  bool sent_429 = false;
  std::ofstream log;
  if (!flags.request_log.empty()) log.open(flags.request_log, std::ios::app);
  int port = 0;

  server.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    enum class Fault { kNone, k5xx, k429, kFail } fault = Fault::kNone;
    {
      std::lock_guard<std::mutex> lock(mu);
      ++requests;
      if (requests <= flags.burst_5xx) fault = Fault::k5xx;
      else if (flags.once_429 && !sent_429) fault = Fault::k429, sent_429 = true;
      else if (flags.fail_after_pages >= 0 && pages >= flags.fail_after_pages) fault = Fault::kFail;
    }
    if (flags.slow_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(flags.slow_ms));
    const Route* route = nullptr;
    if (fault == Fault::kNone) {
      for (const Route& r : routes) {
        if (Matches(r, req)) {
          route = &r;
          break;
        }
      }
    }
    if (fault == Fault::k5xx) {
      res.status = 503;
      res.set_content("<html><body>503 Service Unavailable</body></html>", "text/html");
    } else if (fault == Fault::k429) {
      res.status = 429;
      res.set_header("x-rate-limit-limit", "900");
      res.set_header("x-rate-limit-remaining", "0");
      res.set_header("x-rate-limit-reset", std::to_string(std::time(nullptr) + 1));
      res.set_content(R"({"title":"Too Many Requests","status":429})", "application/json");
    } else if (fault == Fault::kFail && flags.fail_mode == "500") {
      res.status = 500;
      res.set_content("<html><body>500 Internal Server Error</body></html>", "text/html");
    } else if (fault == Fault::kFail && flags.fail_mode == "close") {
      res.set_content_provider(1 << 20, "application/json", [](size_t offset, size_t, httplib::DataSink& sink) {
        if (offset > 0) return false;
        sink.write("{\"data\":[", 9);
        return true;
      });
    } else if (fault == Fault::kFail) {
      while (!g_stopping) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      res.status = 503;
    } else if (route == nullptr) {
      res.status = 404;
      res.set_content(R"({"error":"NotFound","message":"fake_api_server: no route for this request"})",
                      "application/json");
    } else {
      res.status = route->status;
      std::string base = "http://127.0.0.1:" + std::to_string(port);
      for (const auto& [name, value] : route->headers) res.set_header(name, Replace(value, "{base}", base));
      res.set_content(route->body, "application/json; charset=utf-8");
      if (route->status / 100 == 2) {
        std::lock_guard<std::mutex> lock(mu);
        ++pages;
      }
    }
    std::lock_guard<std::mutex> lock(mu);
    if (log.is_open()) log << "GET " << req.target << " " << res.status << std::endl;
  });

  if (flags.port > 0) {
    if (!server.bind_to_port("127.0.0.1", flags.port)) {
      std::cerr << "fake_api_server: cannot listen on 127.0.0.1:" << flags.port << "\n";
      return 1;
    }
    port = flags.port;
  } else {
    port = server.bind_to_any_port("127.0.0.1");
    if (port <= 0) {
      std::cerr << "fake_api_server: cannot listen on 127.0.0.1\n";
      return 1;
    }
  }
  g_server = &server;
  signal(SIGTERM, OnSignal);
  signal(SIGINT, OnSignal);
  std::cout << "port " << port << std::endl;
  server.listen_after_bind();
  return 0;
}
