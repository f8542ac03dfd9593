#include "pipeline/post.h"

namespace rapport::pipeline {

std::string PostUrl(const Post& post) {
  if (!post.url.empty()) return post.url;
  if (post.id.empty()) return "";
  if (post.platform == "x") {
    // X redirects /i/web/status/<id> to the canonical address whatever the handle.
    if (!post.author_username.empty()) return "https://x.com/" + post.author_username + "/status/" + post.id;
    return "https://x.com/i/web/status/" + post.id;
  }
  return "";
}

}  // namespace rapport::pipeline
