// FakeHttpClient: an HttpClient that answers from a queue of canned results.
//
// For tests of HTTP sources and of RetryingHttpClient: queue responses and
// failures, run the code, then look at the requests it made.
//   FakeHttpClient fake;
//   fake.AddResponse(429, {{"x-rate-limit-reset", "1685577900"}});
//   fake.AddResponse(200, {}, R"({"data":[]})");
// Not thread-safe.
#ifndef RAPPORT_CONNECTORS_FAKE_HTTP_CLIENT_H_
#define RAPPORT_CONNECTORS_FAKE_HTTP_CLIENT_H_

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "connectors/http_client.h"

namespace rapport::connectors {

class FakeHttpClient final : public HttpClient {
 public:
  // Queues the answer to the next unanswered Get().
  void AddResponse(HttpResponse response) { answers_.emplace_back(std::move(response)); }
  void AddResponse(long status, std::vector<std::pair<std::string, std::string>> headers = {}, std::string body = "") {
    HttpResponse response;
    response.status = status;
    response.headers = std::move(headers);
    response.body = std::move(body);
    AddResponse(std::move(response));
  }
  // REQUIRES: !status.ok().
  void AddFailure(Status status) { answers_.emplace_back(std::move(status)); }

  // Records the request and returns the next queued answer; Internal if the
  // queue is empty.
  Result<HttpResponse> Get(const HttpRequest& request) override {
    requests_.push_back(request);
    if (answers_.empty()) return Status::Internal("FakeHttpClient: no answer queued for GET " + request.url);
    Result<HttpResponse> answer = std::move(answers_.front());
    answers_.pop_front();
    return answer;
  }

  // Every request received, in order.
  const std::vector<HttpRequest>& requests() const { return requests_; }
  size_t pending() const { return answers_.size(); }

 private:
  std::deque<Result<HttpResponse>> answers_;
  std::vector<HttpRequest> requests_;
};

}  // namespace rapport::connectors

#endif  // RAPPORT_CONNECTORS_FAKE_HTTP_CLIENT_H_
