// RequestGuard: Host and Origin checks against CSRF and DNS rebinding.
#include "review/request_guard.h"

#include <gtest/gtest.h>

namespace rapport::review {
namespace {

TEST(RequestGuardTest, LoopbackHostsWithOurPortAreAllowed) {
  RequestGuard g("127.0.0.1", 8377);
  EXPECT_TRUE(g.HostAllowed("127.0.0.1:8377"));
  EXPECT_TRUE(g.HostAllowed("localhost:8377"));
  EXPECT_TRUE(g.HostAllowed("LOCALHOST:8377"));
  EXPECT_TRUE(g.HostAllowed("[::1]:8377"));
  EXPECT_TRUE(g.HostAllowed("127.0.0.2:8377"));
}

TEST(RequestGuardTest, OtherNamesPortsAndMalformedHostsAreRefused) {
  RequestGuard g("127.0.0.1", 8377);
  EXPECT_FALSE(g.HostAllowed("evil.example:8377"));  // DNS rebinding
  EXPECT_FALSE(g.HostAllowed("127.0.0.1.nip.io:8377"));
  EXPECT_FALSE(g.HostAllowed("localhost.evil.example:8377"));
  EXPECT_FALSE(g.HostAllowed("127.0.0.1:8378"));
  EXPECT_FALSE(g.HostAllowed("127.0.0.1"));  // port 80
  EXPECT_FALSE(g.HostAllowed("10.0.0.5:8377"));
  EXPECT_FALSE(g.HostAllowed(""));
  EXPECT_FALSE(g.HostAllowed(":8377"));
  EXPECT_FALSE(g.HostAllowed("127.0.0.1:"));
  EXPECT_FALSE(g.HostAllowed("127.0.0.1:83a7"));
  EXPECT_FALSE(g.HostAllowed("::1:8377"));
  EXPECT_FALSE(g.HostAllowed("[::1"));
}

TEST(RequestGuardTest, ANulInTheHostIsRefusedNotCutShort) {
  using namespace std::string_literals;
  for (const char* bind : {"127.0.0.1", "0.0.0.0", "::1"}) {
    RequestGuard g(bind, 8377);
    EXPECT_FALSE(g.HostAllowed("127.0.0.1\0evil.example:8377"s)) << bind;
    EXPECT_FALSE(g.HostAllowed("[::1\0x]:8377"s)) << bind;
    EXPECT_FALSE(g.OriginAllowed("http://127.0.0.1\0evil.example:8377"s)) << bind;
    EXPECT_FALSE(g.HostAllowed("127.0.0.1 :8377")) << bind;
  }
}

TEST(RequestGuardTest, WildcardBindAllowsAddressLiteralsButNotNames) {
  RequestGuard g("0.0.0.0", 9000);
  EXPECT_TRUE(g.HostAllowed("192.168.1.20:9000"));
  EXPECT_TRUE(g.HostAllowed("[fe80::1]:9000"));
  EXPECT_TRUE(g.HostAllowed("localhost:9000"));
  EXPECT_FALSE(g.HostAllowed("intranet.example:9000"));
  EXPECT_FALSE(g.HostAllowed("192.168.1.20:9001"));
}

TEST(RequestGuardTest, SpecificBindAddressIsAllowed) {
  RequestGuard g("192.168.1.20", 9000);
  EXPECT_TRUE(g.HostAllowed("192.168.1.20:9000"));
  EXPECT_FALSE(g.HostAllowed("192.168.1.21:9000"));
  RequestGuard v6("[::1]", 9000);
  EXPECT_TRUE(v6.HostAllowed("[::1]:9000"));
}

TEST(RequestGuardTest, OriginMustBeThisServer) {
  RequestGuard g("127.0.0.1", 8377);
  EXPECT_TRUE(g.OriginAllowed("http://127.0.0.1:8377"));
  EXPECT_TRUE(g.OriginAllowed("http://localhost:8377"));
  EXPECT_FALSE(g.OriginAllowed("http://evil.example"));
  EXPECT_FALSE(g.OriginAllowed("http://127.0.0.1:8000"));
  EXPECT_FALSE(g.OriginAllowed("https://127.0.0.1:8377"));
  EXPECT_FALSE(g.OriginAllowed("null"));
  EXPECT_FALSE(g.OriginAllowed("http://127.0.0.1:8377/path"));
  EXPECT_FALSE(g.OriginAllowed("http://evil@127.0.0.1:8377"));
  EXPECT_FALSE(g.OriginAllowed(""));
}

}  // namespace
}  // namespace rapport::review
