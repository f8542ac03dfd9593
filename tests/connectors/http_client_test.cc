// The libcurl client and the retrying wrapper against a real HTTP server on
// 127.0.0.1 (cpp-httplib, run in a thread on an ephemeral port).
#include "connectors/http_client.h"

#include <gtest/gtest.h>

#include <string>

#ifdef RAPPORT_HAVE_HTTPLIB

#include <httplib.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "base/version.h"
#include "connectors/clock.h"
#include "connectors/retrying_http_client.h"

namespace rapport::connectors {
namespace {

// An HTTP server on 127.0.0.1 that runs while the object lives.
class TestServer {
 public:
  TestServer() = default;
  ~TestServer() { Stop(); }

  // Call after registering the handlers.
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
  httplib::Server& server() { return server_; }
  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

std::string Gzip(const std::string& text) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, text.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

RetryingHttpClientOptions FastRetries(Clock* clock) {
  RetryingHttpClientOptions options;
  options.clock = clock;
  options.retry.seed = 42;
  options.credential_env_var = "RAPPORT_X_BEARER_TOKEN";
  return options;
}

class HttpClientTest : public ::testing::Test {
 protected:
  TestServer server_;
  FakeClock clock_;
  std::atomic<int> hits_{0};
};

TEST_F(HttpClientTest, DecodesGzipAndSendsUserAgent) {
  std::string json = R"({"data":[{"id":"1","text":"caf\u00e9 \u2615 )" + std::string(2000, 'z') + R"("}]})";
  std::string accept_encoding, user_agent, authorization;
  server_.server().Get("/2/tweets", [&](const httplib::Request& req, httplib::Response& res) {
    accept_encoding = req.get_header_value("Accept-Encoding");
    user_agent = req.get_header_value("User-Agent");
    authorization = req.get_header_value("Authorization");
    res.set_header("Content-Encoding", "gzip");
    res.set_header("X-Rate-Limit-Remaining", "299");
    res.set_content(Gzip(json), "application/json; charset=utf-8");
  });
  server_.Start();
  auto http = NewCurlHttpClient();
  Result<HttpResponse> got = http->Get({server_.Url("/2/tweets?ids=1"), {{"Authorization", "Bearer T0KEN"}}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(got->body, json);
  EXPECT_EQ(got->Header("X-Rate-Limit-Remaining"), "299");
  EXPECT_EQ(got->Header("content-encoding"), "gzip");
  EXPECT_NE(accept_encoding.find("gzip"), std::string::npos) << accept_encoding;
  EXPECT_EQ(user_agent, std::string("Rapport/") + kVersion);
  EXPECT_EQ(authorization, "Bearer T0KEN");
}

TEST_F(HttpClientTest, RetriesA5xxBurstWithBackoff) {
  server_.server().Get("/flaky", [&](const httplib::Request&, httplib::Response& res) {
    if (++hits_ <= 3) {
      res.status = hits_ == 2 ? 502 : 503;
      res.set_content("upstream busy", "text/plain");
    } else {
      res.set_content(R"({"ok":true})", "application/json");
    }
  });
  server_.Start();
  const int64_t start = clock_.NowMillis();
  auto http = NewRetryingHttpClient(NewCurlHttpClient(), FastRetries(&clock_));
  Result<HttpResponse> got = http->Get({server_.Url("/flaky"), {}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(got->body, R"({"ok":true})");
  EXPECT_EQ(hits_, 4);
  std::vector<int64_t> sleeps = clock_.sleeps();
  ASSERT_EQ(sleeps.size(), 3u);
  int64_t total = 0;
  for (size_t i = 0; i < sleeps.size(); ++i) {
    int64_t base = 1000 << i;  // 1 s, 2 s, 4 s
    EXPECT_GE(sleeps[i], base * 3 / 4) << i;
    EXPECT_LE(sleeps[i], base) << i;
    total += sleeps[i];
  }
  EXPECT_EQ(clock_.NowMillis() - start, total);
}

TEST_F(HttpClientTest, GivesUpOn5xxAfterMaxAttempts) {
  server_.server().Get("/down", [&](const httplib::Request&, httplib::Response& res) {
    ++hits_;
    res.status = 500;
    res.set_content("<html><body>Internal error</body></html>", "text/html");
  });
  server_.Start();
  RetryingHttpClientOptions options = FastRetries(&clock_);
  options.retry.max_attempts = 3;
  auto http = NewRetryingHttpClient(NewCurlHttpClient(), options);
  Result<HttpResponse> got = http->Get({server_.Url("/down"), {}});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(got.status().message().find("HTTP 500"), std::string::npos) << got.status().ToString();
  EXPECT_NE(got.status().message().find("after 3 attempts"), std::string::npos);
  EXPECT_EQ(hits_, 3);
  EXPECT_EQ(clock_.sleeps().size(), 2u);
}

TEST_F(HttpClientTest, WaitsOutA429UntilTheReset) {
  const int64_t reset_s = clock_.NowMillis() / 1000 + 120;
  server_.server().Get("/limited", [&](const httplib::Request&, httplib::Response& res) {
    if (++hits_ == 1) {
      res.status = 429;
      res.set_header("x-rate-limit-limit", "300");
      res.set_header("x-rate-limit-remaining", "0");
      res.set_header("x-rate-limit-reset", std::to_string(reset_s));
      res.set_content(R"({"title":"Too Many Requests","status":429})", "application/json");
    } else {
      res.set_content(R"({"data":[]})", "application/json");
    }
  });
  server_.Start();
  auto http = NewRetryingHttpClient(NewCurlHttpClient(), FastRetries(&clock_));
  Result<HttpResponse> got = http->Get({server_.Url("/limited"), {}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(hits_, 2);
  ASSERT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_GE(clock_.NowMillis(), reset_s * 1000);
  EXPECT_LE(clock_.NowMillis(), reset_s * 1000 + 1000);
}

TEST_F(HttpClientTest, A429UsageCapFailsAtOnce) {
  const int64_t reset_s = clock_.NowMillis() / 1000 + 600;
  server_.server().Get("/capped", [&](const httplib::Request&, httplib::Response& res) {
    ++hits_;
    res.status = 429;
    res.set_header("x-rate-limit-limit", "300");
    res.set_header("x-rate-limit-remaining", "287");
    res.set_header("x-rate-limit-reset", std::to_string(reset_s));
    res.set_content(R"({"title":"UsageCapExceeded","detail":"Usage cap exceeded: Monthly product cap"})",
                    "application/json");
  });
  server_.Start();
  auto http = NewRetryingHttpClient(NewCurlHttpClient(), FastRetries(&clock_));
  Result<HttpResponse> got = http->Get({server_.Url("/capped"), {}});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(got.status().message().find("usage cap"), std::string::npos) << got.status().ToString();
  EXPECT_NE(got.status().message().find("x-rate-limit-remaining is 287"), std::string::npos);
  EXPECT_EQ(hits_, 1);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(HttpClientTest, TotalTimeoutIsAnIoError) {
  server_.server().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    res.set_content("late", "text/plain");
  });
  server_.Start();
  HttpClientOptions options;
  options.total_timeout_ms = 200;
  auto http = NewCurlHttpClient(options);
  auto start = std::chrono::steady_clock::now();
  Result<HttpResponse> got = http->Get({server_.Url("/slow"), {}});
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Status::Code::kIoError);
  EXPECT_NE(got.status().message().find("Timeout"), std::string::npos) << got.status().ToString();
  EXPECT_NE(got.status().message().find(server_.Url("/slow")), std::string::npos);
  EXPECT_LT(elapsed, std::chrono::milliseconds(1000));
}

TEST_F(HttpClientTest, ConnectionClosedMidBodyIsAnIoError) {
  server_.server().Get("/cut", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(100000, "application/json", [](size_t offset, size_t, httplib::DataSink& sink) {
      if (offset > 0) return false;  // abort: the server closes the connection
      std::string part = R"({"data":[{"id":")" + std::string(5000, '1');
      sink.write(part.data(), part.size());
      return true;
    });
  });
  server_.Start();
  auto http = NewCurlHttpClient();
  Result<HttpResponse> got = http->Get({server_.Url("/cut"), {}});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Status::Code::kIoError) << got.status().ToString();
  EXPECT_NE(got.status().message().find("GET " + server_.Url("/cut")), std::string::npos);
}

TEST_F(HttpClientTest, RefusedCredentialNamesTheEnvVarNotTheToken) {
  const std::string token = "AAAAAAAAAAAAAAAAAAAAAsecretBearerValue123";
  server_.server().Get("/2/users/me", [&](const httplib::Request& req, httplib::Response& res) {
    ++hits_;
    res.status = req.has_param("forbidden") ? 403 : 401;
    // A server that echoes the credential must not get it into our message.
    res.set_content(R"({"title":"Unauthorized","detail":"bad )" + req.get_header_value("Authorization") + R"("})",
                    "application/json");
  });
  server_.Start();
  auto http = NewRetryingHttpClient(NewCurlHttpClient(), FastRetries(&clock_));
  for (const std::string& query : {"?access_token=" + token, "?forbidden=1&api_key=" + token}) {
    Result<HttpResponse> got = http->Get({server_.Url("/2/users/me" + query), {{"Authorization", "Bearer " + token}}});
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), Status::Code::kInvalidArgument);
    const std::string& message = got.status().message();
    EXPECT_NE(message.find("$RAPPORT_X_BEARER_TOKEN"), std::string::npos) << message;
    EXPECT_EQ(message.find(token), std::string::npos) << message;
    EXPECT_NE(message.find("REDACTED"), std::string::npos) << message;
  }
  EXPECT_EQ(hits_, 2);  // no retries
}

TEST_F(HttpClientTest, HtmlBodiesAreReturnedAsIs) {
  const std::string html =
      "<!DOCTYPE html><html><head><title>Down for maintenance</title></head><body>brb</body></html>";
  server_.server().Get("/maintenance", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(html, "text/html; charset=utf-8");
  });
  server_.server().Get("/missing", [&](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content(html, "text/html");
  });
  server_.Start();
  auto http = NewRetryingHttpClient(NewCurlHttpClient(), FastRetries(&clock_));
  Result<HttpResponse> ok = http->Get({server_.Url("/maintenance"), {}});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->body, html);
  EXPECT_EQ(ok->Header("Content-Type"), "text/html; charset=utf-8");
  Result<HttpResponse> missing = http->Get({server_.Url("/missing"), {}});
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->body, html);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(HttpClientTest, ReusesOneConnection) {
  std::mutex mu;
  std::vector<int> client_ports;
  server_.server().Get("/page", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    client_ports.push_back(req.remote_port);
    res.set_content(R"({"meta":{"result_count":0}})", "application/json");
  });
  server_.Start();
  auto http = NewCurlHttpClient();
  for (int i = 0; i < 3; ++i) {
    Result<HttpResponse> got = http->Get({server_.Url("/page?i=" + std::to_string(i)), {}});
    ASSERT_TRUE(got.ok()) << got.status().ToString();
  }
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(client_ports.size(), 3u);
  // One TCP connection: every request came from the same client port.
  EXPECT_EQ(std::set<int>(client_ports.begin(), client_ports.end()).size(), 1u);
}

TEST_F(HttpClientTest, BodyOverTheCapFails) {
  server_.server().Get("/big", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(50000, 'x'), "application/octet-stream");
  });
  server_.server().Get("/big-chunked", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/octet-stream", [](size_t offset, httplib::DataSink& sink) {
      if (offset >= 50000) {
        sink.done();
        return true;
      }
      std::string chunk(1000, 'y');
      sink.write(chunk.data(), chunk.size());
      return true;
    });
  });
  server_.Start();
  HttpClientOptions options;
  options.max_body_bytes = 10000;
  auto http = NewCurlHttpClient(options);
  for (const char* path : {"/big", "/big-chunked"}) {
    Result<HttpResponse> got = http->Get({server_.Url(path), {}});
    ASSERT_FALSE(got.ok()) << path;
    EXPECT_EQ(got.status().code(), Status::Code::kCorruption) << got.status().ToString();
    EXPECT_NE(got.status().message().find("exceeds 10000 bytes"), std::string::npos) << got.status().ToString();
  }
}

TEST_F(HttpClientTest, ConnectFailureRedactsQuerySecretsAndIsRetried) {
  server_.Start();
  std::string url = server_.Url("/2/tweets/search/recent?query=from%3Adana&access_token=s3cr3tvalue&next_token=abc");
  server_.Stop();  // nothing listens on the port any more
  RetryingHttpClientOptions options = FastRetries(&clock_);
  options.retry.max_attempts = 2;
  auto http = NewRetryingHttpClient(NewCurlHttpClient(), options);
  Result<HttpResponse> got = http->Get({url, {}});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Status::Code::kIoError);
  const std::string& message = got.status().message();
  EXPECT_EQ(message.find("s3cr3tvalue"), std::string::npos) << message;
  EXPECT_NE(message.find("access_token=REDACTED&next_token=abc"), std::string::npos) << message;
  EXPECT_NE(message.find("gave up after 2 attempts"), std::string::npos) << message;
  EXPECT_EQ(clock_.sleeps().size(), 1u);
}

}  // namespace
}  // namespace rapport::connectors

#else  // !RAPPORT_HAVE_HTTPLIB

TEST(HttpClientTest, NeedsCppHttplib) {
  GTEST_SKIP() << "built without cpp-httplib (apt-get install libcpp-httplib-dev): no local HTTP server tests";
}

#endif  // RAPPORT_HAVE_HTTPLIB
