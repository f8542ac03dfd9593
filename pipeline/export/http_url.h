// http(s) URLs as the writers link them: the scheme test every link passes,
// and the canonical (lower-case) scheme they are written with.
#ifndef RAPPORT_PIPELINE_EXPORT_HTTP_URL_H_
#define RAPPORT_PIPELINE_EXPORT_HTTP_URL_H_

#include <string>
#include <string_view>

namespace rapport::pipeline {

// True if `url` starts with http:// or https:// (any case) and has more after it.
bool HasHttpScheme(std::string_view url);

// The URL with its scheme in lower case ("Https://x" -> "https://x"): the
// scheme is case-insensitive (RFC 3986); the written link is canonical.
std::string LowerScheme(std::string_view url);

}  // namespace rapport::pipeline

#endif  // RAPPORT_PIPELINE_EXPORT_HTTP_URL_H_
