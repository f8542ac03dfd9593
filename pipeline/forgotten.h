// How a forgotten or suppressed person's handle reads in other people's
// stored posts: "@sam_okafor" becomes "@[forgotten]". Shared by `rapport
// forget` (posts already stored) and the aggregate stage (posts stored later).
#ifndef RAPPORT_PIPELINE_FORGOTTEN_H_
#define RAPPORT_PIPELINE_FORGOTTEN_H_

#include <string>
#include <string_view>

namespace rapport::pipeline {

inline constexpr std::string_view kForgottenHandle = "@[forgotten]";

// Replaces every "@username" in *text; true if any was replaced.
inline bool ForgetHandle(std::string* text, std::string_view username) {
  if (username.empty()) return false;
  std::string handle(1, '@');
  handle.append(username);
  bool changed = false;
  for (size_t at = 0; (at = text->find(handle, at)) != std::string::npos; at += kForgottenHandle.size()) {
    text->replace(at, handle.size(), kForgottenHandle);
    changed = true;
  }
  return changed;
}

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_FORGOTTEN_H_
