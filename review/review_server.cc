// ServeReview: the review server (cpp-httplib) over artifacts.jsonl and the state store.
#include "review/review_server.h"

#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include <httplib.h>

#include "pipeline/artifact.h"
#include "pipeline/log.h"
#include "review/artifacts_reader.h"
#include "review/candidates_json.h"
#include "review/decision_request.h"
#include "review/request_guard.h"
#include "review/review_page.h"

namespace rapport::review {

namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

// Set by the SIGINT/SIGTERM handler while ServeReview runs.
volatile sig_atomic_t g_signalled = 0;
extern "C" void OnStopSignal(int) { g_signalled = 1; }

// Installs the stop handlers (and ignores SIGPIPE) for its lifetime.
class SignalScope {
 public:
  SignalScope() {
    g_signalled = 0;
    struct sigaction sa = {};
    sa.sa_handler = OnStopSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
    struct sigaction ign = {};
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old_pipe_);
  }
  ~SignalScope() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
    sigaction(SIGPIPE, &old_pipe_, nullptr);
  }
  SignalScope(const SignalScope&) = delete;
  SignalScope& operator=(const SignalScope&) = delete;

 private:
  struct sigaction old_int_ = {}, old_term_ = {}, old_pipe_ = {};
};

// The store and the artifacts file, shared by the request threads under one mutex.
class ReviewState {
 public:
  ReviewState(pipeline::StateStore* store, std::string artifacts_path)
      : store_(store), path_(std::move(artifacts_path)) {}

  // Reads artifacts.jsonl again if it changed since the last read.
  // REQUIRES: mu_ held.
  Status RefreshLocked() {
    std::error_code ec;
    auto mtime = std::filesystem::last_write_time(path_, ec);
    auto size = ec ? 0 : std::filesystem::file_size(path_, ec);
    if (!ec && loaded_ && mtime == mtime_ && size == size_) return Status::OK();
    std::vector<pipeline::Artifact> artifacts;
    Status st = ReadArtifactsJsonl(path_, &artifacts);
    if (!st.ok()) return st;
    artifacts_ = std::move(artifacts);
    ids_.clear();
    for (const pipeline::Artifact& a : artifacts_) ids_.insert(a.candidate_id);
    mtime_ = mtime;
    size_ = size;
    loaded_ = !ec;
    return Status::OK();
  }

  Status Refresh() {
    std::lock_guard<std::mutex> lock(mu_);
    return RefreshLocked();
  }

  // The /api/candidates body, or the error that stops it.
  Result<std::string> Candidates() {
    std::lock_guard<std::mutex> lock(mu_);
    RAPPORT_RETURN_IF_ERROR(RefreshLocked());
    return CandidatesJson(artifacts_, store_->Decisions());
  }

  std::string Decisions() {
    std::lock_guard<std::mutex> lock(mu_);
    return DecisionsJson(store_->Decisions());
  }

  // Stores the decision and returns it as stored. NotFound for an unknown candidate.
  Result<pipeline::Decision> Decide(const DecisionRequest& req) {
    std::lock_guard<std::mutex> lock(mu_);
    RAPPORT_RETURN_IF_ERROR(RefreshLocked());
    if (!ids_.count(req.candidate_id))
      return Status::NotFound("unknown candidate_id '" + req.candidate_id + "' (not in " + path_ + ")");
    pipeline::Decision d;
    d.status = req.status;
    d.value = req.value;
    d.decided_at =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    RAPPORT_RETURN_IF_ERROR(store_->SetDecision(req.candidate_id, d));
    auto stored = store_->Decisions();
    auto it = stored.find(req.candidate_id);
    if (it == stored.end()) return Status::Internal("the decision was not stored");
    return it->second;
  }

  const std::string& path() const { return path_; }

 private:
  std::mutex mu_;
  pipeline::StateStore* store_;
  const std::string path_;
  std::vector<pipeline::Artifact> artifacts_;
  std::set<std::string> ids_;
  std::filesystem::file_time_type mtime_{};
  uintmax_t size_ = 0;
  bool loaded_ = false;
};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool IsJsonContentType(const std::string& value) {
  std::string v = Lower(value);
  std::string type = v.substr(0, v.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  return type == "application/json";
}

std::string NewNonce() {
  std::random_device rd;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 4; ++i) {
    uint32_t r = rd();
    for (int j = 0; j < 8; ++j, r >>= 4) out.push_back(kHex[r & 15]);
  }
  return out;
}

void SendJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, kJson);
}

void SendError(httplib::Response& res, int status, std::string_view message) {
  SendJson(res, status, ErrorJson(message));
}

int HttpStatusFor(const Status& st) {
  switch (st.code()) {
    case Status::Code::kInvalidArgument:
    case Status::Code::kNotFound:
      return 400;
    default:
      return 503;
  }
}

// Runs a handler body, turning an escaped exception into a 500 answer.
template <typename Fn>
void Guarded(httplib::Response& res, Fn&& fn) {
  try {
    fn();
  } catch (const std::exception& e) {
    pipeline::Log(pipeline::LogLevel::kError, std::string("review: internal error: ") + e.what());
    SendError(res, 500, "internal error");
  } catch (...) {
    SendError(res, 500, "internal error");
  }
}

void Route(httplib::Server& server, ReviewState& state, const RequestGuard& guard) {
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Cache-Control", "no-store"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"},
                              {"Cross-Origin-Resource-Policy", "same-origin"},
                              {"Cross-Origin-Opener-Policy", "same-origin"}});

  server.set_pre_routing_handler([&guard](const httplib::Request& req, httplib::Response& res) {
    const bool api = req.path.rfind("/api/", 0) == 0;
    if (!guard.HostAllowed(req.get_header_value("Host"))) {
      SendError(res, 403, "forbidden: the Host header does not name this server");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.has_header("Origin") && !guard.OriginAllowed(req.get_header_value("Origin"))) {
      SendError(res, 403, "forbidden: cross-origin request");
      return httplib::Server::HandlerResponse::Handled;
    }
    const std::string site = req.get_header_value("Sec-Fetch-Site");
    if (api && (site == "cross-site" || site == "same-site")) {
      SendError(res, 403, "forbidden: cross-site request");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SendError(res, 500, "internal error");
  });

  server.Get("/", [&state](const httplib::Request&, httplib::Response& res) {
    Guarded(res, [&] {
      const std::string nonce = NewNonce();
      res.set_header("Content-Security-Policy", ReviewPageCsp(nonce));
      res.set_content(ReviewPageHtml(nonce, state.path()), "text/html; charset=utf-8");
    });
  });

  server.Get("/api/candidates", [&state](const httplib::Request&, httplib::Response& res) {
    Guarded(res, [&] {
      Result<std::string> body = state.Candidates();
      if (!body.ok()) {
        pipeline::Log(pipeline::LogLevel::kError, "review: " + body.status().ToString());
        SendError(res, 503, body.status().message());
        return;
      }
      SendJson(res, 200, *body);
    });
  });

  server.Get("/api/decisions", [&state](const httplib::Request&, httplib::Response& res) {
    Guarded(res, [&] { SendJson(res, 200, state.Decisions()); });
  });

  server.Post("/api/decisions", [&state](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      if (!IsJsonContentType(req.get_header_value("Content-Type"))) {
        SendError(res, 415, "Content-Type must be application/json");
        return;
      }
      Result<DecisionRequest> parsed = ParseDecisionRequest(req.body);
      if (!parsed.ok()) {
        SendError(res, 400, parsed.status().message());
        return;
      }
      Result<pipeline::Decision> stored = state.Decide(*parsed);
      if (!stored.ok()) {
        const int code = HttpStatusFor(stored.status());
        if (code >= 500) pipeline::Log(pipeline::LogLevel::kError, "review: " + stored.status().ToString());
        SendError(res, code, stored.status().message());
        return;
      }
      pipeline::Log(pipeline::LogLevel::kInfo,
                    "review: " + stored->status + " candidate_id=" + parsed->candidate_id);
      SendJson(res, 200, DecisionJson(parsed->candidate_id, *stored));
    });
  });
}

Status Serve(pipeline::StateStore* store, const ReviewServerOptions& options,
             const std::function<void(int port)>& on_listening, const std::atomic<bool>* stop) {
  if (store == nullptr) return Status::InvalidArgument("review: no state store");
  if (options.port < 0 || options.port > 65535)
    return Status::InvalidArgument("review: --port must be 0..65535 (got " + std::to_string(options.port) + ")");
  if (options.bind.empty()) return Status::InvalidArgument("review: --bind must not be empty");
  if (options.artifacts_path.empty()) return Status::InvalidArgument("review: no artifacts.jsonl path");

  ReviewState state(store, options.artifacts_path);
  RAPPORT_RETURN_IF_ERROR(state.Refresh());

  httplib::Server server;
  server.set_payload_max_length(kMaxDecisionBodyBytes);
  server.set_keep_alive_timeout(2);
  server.set_read_timeout(10);
  server.set_write_timeout(10);
  // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, which would
  // let a second `rapport review` share the port and split the requests.
  server.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.bind);
    if (port <= 0) return Status::Unavailable("review: cannot listen on " + options.bind + " (any port)");
  } else if (!server.bind_to_port(options.bind, port)) {
    return Status::Unavailable("review: cannot listen on " + options.bind + ":" + std::to_string(port) +
                               " (in use? try --port)");
  }
  RequestGuard guard(options.bind, port);
  Route(server, state, guard);

  SignalScope signals;
  std::atomic<bool> listening_ended{false};
  bool listen_ok = true;
  std::thread listener([&] {
    listen_ok = server.listen_after_bind();
    listening_ended = true;
  });
  // httplib's stop() does nothing until listen_after_bind has marked the
  // server running; a stop that came earlier would leave the listener in
  // accept() for ever. Wait for it (it ends or runs within microseconds).
  while (!server.is_running() && !listening_ended) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  Status result;
  try {
    if (on_listening) on_listening(port);
  } catch (...) {
    result = Status::Internal("review: the on_listening callback threw");
  }
  while (result.ok() && !listening_ended && !g_signalled && !(stop != nullptr && stop->load())) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const bool ended_by_itself = listening_ended.load();
  server.stop();
  listener.join();
  if (g_signalled) pipeline::Log(pipeline::LogLevel::kInfo, "review: stopped by signal");
  if (result.ok() && ended_by_itself && !listen_ok)
    result = Status::Unavailable("review: the server stopped listening on " + options.bind + ":" + std::to_string(port));
  return result;
}

}  // namespace

Status ServeReview(pipeline::StateStore* store, const ReviewServerOptions& options,
                   const std::function<void(int port)>& on_listening, const std::atomic<bool>* stop) {
  try {
    return Serve(store, options, on_listening, stop);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("review server: ") + e.what());
  } catch (...) {
    return Status::Internal("review server: unknown exception");
  }
}

}  // namespace rapport::review
