// Placeholder until the Mastodon parser lands: recognises nothing.
#include "pipeline/internal/platform_parsers.h"

namespace rapport::pipeline::internal {
bool LooksLikeMastodon(std::string_view) { return false; }
void ParseMastodon(simdjson::ondemand::parser&, const connectors::RawDoc&, simdjson::padded_string_view, ParsedDoc*) {}
}  // namespace rapport::pipeline::internal
