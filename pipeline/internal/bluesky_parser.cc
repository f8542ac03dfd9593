// Placeholder until the Bluesky parser lands: recognises nothing.
#include "pipeline/internal/platform_parsers.h"

namespace rapport::pipeline::internal {
bool LooksLikeBluesky(std::string_view) { return false; }
void ParseBluesky(simdjson::ondemand::parser&, const connectors::RawDoc&, simdjson::padded_string_view, ParsedDoc*) {}
}  // namespace rapport::pipeline::internal
