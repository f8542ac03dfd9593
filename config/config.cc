#include "config/config.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include <boost/program_options.hpp>

namespace rapport::config {
namespace po = boost::program_options;

namespace {

// Splits "a,b, c" into {"a","b","c"}, dropping empty parts; repeated options append.
std::vector<std::string> SplitList(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::stringstream ss(v);
    std::string part;
    while (std::getline(ss, part, ',')) {
      auto b = part.find_first_not_of(" \t");
      auto e = part.find_last_not_of(" \t");
      if (b != std::string::npos) out.push_back(part.substr(b, e - b + 1));
    }
  }
  return out;
}

// Boost formats an option error by replacing "%value%" (and other
// placeholders) in its template until none is left, so a value that holds
// its own placeholder never finishes (docs/RELIABILITY.md, F-1). Such values
// are substituted here with their '%' made inert before what() runs.
struct SubstitutionPeek : po::error_with_option_name {
  using Map = std::map<std::string, std::string>;
  static const Map& Of(const po::error_with_option_name& e) {
    // A pointer to the base's protected member, taken through this subclass.
    constexpr Map po::error_with_option_name::* kMember = &SubstitutionPeek::m_substitutions;
    return e.*kMember;
  }
};

std::string Describe(const po::error_with_option_name& e) {
  po::error_with_option_name copy = e;  // what() is formatted from the copy; e's map is only read
  for (const auto& [name, value] : SubstitutionPeek::Of(e)) {
    if (value.find('%') == std::string::npos) continue;
    std::string inert = value;
    std::replace(inert.begin(), inert.end(), '%', '?');
    copy.set_substitute(name, inert);
  }
  const bool bad_value = dynamic_cast<const po::invalid_option_value*>(&e) != nullptr;
  return std::string(copy.what()) + (bad_value ? "; see --help for the expected value" : "; see --help");
}

po::options_description Options() {
  po::options_description desc("Options (command line > RAPPORT_* environment > config file > defaults)");
  // clang-format off
  desc.add_options()
    ("help,h", "show this help and exit")
    ("version", "print the version and exit")
    ("config", po::value<std::string>(), "INI config file (see config/rapport.ini); env RAPPORT_CONFIG")
    ("input,i", po::value<std::vector<std::string>>(),
       "file or folder to read; repeatable (JSONL of X API v2 pages or posts, gzip, X archive folders)")
    ("out,o", po::value<std::string>()->default_value("out"), "output folder")
    ("threads,t", po::value<int>()->default_value(0), "worker threads (0 = all cores)")
    ("top-k,k", po::value<int>()->default_value(10), "candidates kept per person")
    ("evidence", po::value<int>()->default_value(3), "evidence posts kept per candidate")
    ("quiet-days", po::value<int>()->default_value(30), "a pair quiet longer than this gets a re-engagement opener")
    ("log-level", po::value<std::string>()->default_value("info"), "error, warn, info or debug")
    ("progress", po::value<std::string>()->default_value("auto"), "progress display: auto (terminal only), on, off")
    ("state", po::value<std::string>()->default_value(""), "state store folder (SQLite); empty = stateless run")
    ("window-days", po::value<int>()->default_value(365), "with --state: days of stored history that count for recurrence")
    ("allow-sensitive", po::value<std::vector<std::string>>(),
       "sensitive categories to keep, comma-separated: health, religion, politics, sexual_orientation, "
       "ethnicity, all (default: none, withheld)")
    ("max-pages", po::value<int>()->default_value(40), "live sources: pages fetched per timeline per run")
    ("max-threads", po::value<int>()->default_value(20),
       "live sources: conversations expanded (replies fetched) per tracked account per run; 0 = none")
    ("max-thread-pages", po::value<int>()->default_value(5), "live sources: pages per X conversation search")
    ("thread-depth", po::value<int>()->default_value(10), "live sources: reply depth asked of Bluesky threads")
    ("x-start-time", po::value<std::string>()->default_value(""),
       "X: ISO 8601 time (2026-01-01T00:00:00Z) a first sync starts from; later runs use the stored cursor")
    ("x-api-base", po::value<std::string>()->default_value("https://api.x.com"), "X API v2 base URL")
    ("x-users", po::value<std::vector<std::string>>(), "X handles to pull, comma-separated")
    ("bluesky-api-base", po::value<std::string>()->default_value("https://public.api.bsky.app"), "Bluesky AppView base URL")
    ("bluesky-actors", po::value<std::vector<std::string>>(), "Bluesky handles or DIDs, comma-separated")
    ("mastodon-instance", po::value<std::string>()->default_value(""), "Mastodon instance base URL")
    ("mastodon-accounts", po::value<std::vector<std::string>>(), "Mastodon accounts (user@instance), comma-separated")
    ("save-raw", po::value<std::string>()->default_value(""), "keep fetched API pages as JSONL in this folder");
  // clang-format on
  return desc;
}

// Names the closest known option, for "did you mean".
std::string Closest(const std::string& wrong, const po::options_description& desc) {
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      cur[0] = i;
      for (size_t j = 1; j <= b.size(); ++j)
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      std::swap(prev, cur);
    }
    return prev[b.size()];
  };
  std::string best;
  size_t best_d = 4;
  for (const auto& opt : desc.options()) {
    size_t d = distance(wrong, opt->long_name());
    if (d < best_d) best_d = d, best = opt->long_name();
  }
  return best;
}

std::string StripDashes(std::string s) {
  while (!s.empty() && s[0] == '-') s.erase(0, 1);
  auto eq = s.find('=');
  if (eq != std::string::npos) s.resize(eq);
  return s;
}

}  // namespace

std::string Help() {
  std::ostringstream os;
  os << Options();
  return os.str();
}

std::string Help(std::initializer_list<std::string_view> names) {
  const po::options_description all = Options();
  po::options_description some("Options (command line > RAPPORT_* environment > config file > defaults)");
  for (const auto& option : all.options())
    for (std::string_view name : names)
      if (option->long_name() == name) some.add(option);
  std::ostringstream os;
  os << some;
  return os.str();
}

Status Validate(const Config& c) {
  if (c.threads < 0 || c.threads > 1024) return Status::InvalidArgument("--threads must be between 0 and 1024 (0 = all cores)");
  if (c.top_k < 1) return Status::InvalidArgument("--top-k must be at least 1");
  if (c.evidence < 1 || c.evidence > 100) return Status::InvalidArgument("--evidence must be between 1 and 100");
  if (c.quiet_days < 0) return Status::InvalidArgument("--quiet-days must be 0 or more");
  if (c.window_days < 1) return Status::InvalidArgument("--window-days must be at least 1");
  static const char* kLevels[] = {"error", "warn", "info", "debug"};
  if (std::none_of(std::begin(kLevels), std::end(kLevels), [&](const char* l) { return c.log_level == l; }))
    return Status::InvalidArgument("--log-level must be one of error, warn, info, debug (got '" + c.log_level + "')");
  if (c.progress != "auto" && c.progress != "on" && c.progress != "off")
    return Status::InvalidArgument("--progress must be auto, on or off (got '" + c.progress + "')");
  if (c.out_dir.empty()) return Status::InvalidArgument("--out must name a folder");
  if (c.max_pages < 1) return Status::InvalidArgument("--max-pages must be at least 1");
  if (c.max_threads < 0) return Status::InvalidArgument("--max-threads must be 0 or more");
  if (c.max_thread_pages < 1) return Status::InvalidArgument("--max-thread-pages must be at least 1");
  if (c.thread_depth < 1 || c.thread_depth > 1000) return Status::InvalidArgument("--thread-depth must be between 1 and 1000");
  if (!c.x_start_time.empty() && (c.x_start_time.size() < 20 || c.x_start_time[4] != '-' || c.x_start_time[10] != 'T' ||
                                  c.x_start_time.back() != 'Z'))
    return Status::InvalidArgument("--x-start-time must look like 2026-01-01T00:00:00Z (got '" + c.x_start_time + "')");
  static const char* kSensitive[] = {"health", "religion", "politics", "sexual_orientation", "ethnicity", "all"};
  for (const std::string& s : c.allow_sensitive)
    if (std::none_of(std::begin(kSensitive), std::end(kSensitive), [&](const char* k) { return s == k; }))
      return Status::InvalidArgument("--allow-sensitive: unknown category '" + s +
                                     "' (health, religion, politics, sexual_orientation, ethnicity, all)");
  return Status::OK();
}

Result<ParsedArgs> Parse(int argc, const char* const* argv, const char* const* env) {
  const po::options_description desc = Options();
  po::variables_map vm;
  ParsedArgs parsed;
  try {
    // No prefix guessing: "--thread" must be an error that names --threads, not a silent match.
    const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(argc, argv).options(desc).style(style).run(), vm);
    // Environment: RAPPORT_TOP_K -> top-k. Secrets are not options.
    std::map<std::string, std::string> env_map;
    for (const char* const* e = env; e && *e; ++e) {
      const char* eq = std::strchr(*e, '=');
      if (!eq) continue;
      env_map.emplace(std::string(*e, eq), std::string(eq + 1));
    }
    po::parsed_options env_opts(&desc);
    for (const auto& [name, value] : env_map) {
      if (name.rfind("RAPPORT_", 0) != 0) continue;
      std::string opt = name.substr(8);
      std::transform(opt.begin(), opt.end(), opt.begin(), [](unsigned char ch) { return ch == '_' ? '-' : std::tolower(ch); });
      if (opt == "x-bearer-token" || opt == "hubspot-token") continue;
      if (!desc.find_nothrow(opt, false)) continue;  // not ours: ignore unknown RAPPORT_* variables
      if (opt == "help" || opt == "version") continue;
      po::option o;
      o.string_key = opt;
      o.value.push_back(value);
      o.original_tokens = {name};
      env_opts.options.push_back(o);
    }
    po::store(env_opts, vm);
    std::string config_file;
    if (vm.count("config")) config_file = vm["config"].as<std::string>();
    if (!config_file.empty()) {
      std::ifstream in(config_file);
      if (!in) return Status::InvalidArgument("--config: cannot read '" + config_file + "'");
      po::store(po::parse_config_file(in, desc, /*allow_unregistered=*/false), vm);
      parsed.config.config_file = config_file;
    }
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::string name = StripDashes(e.get_option_name());
    std::string hint = Closest(name, desc);
    return Status::InvalidArgument("unknown option '" + e.get_option_name() + "'" +
                                   (hint.empty() ? "; see --help" : " (did you mean --" + hint + "?)"));
  } catch (const po::error_with_option_name& e) {
    return Status::InvalidArgument(Describe(e));
  } catch (const po::error& e) {
    return Status::InvalidArgument(std::string(e.what()) + "; see --help");
  }
  Config& c = parsed.config;
  parsed.help = vm.count("help") > 0;
  parsed.version = vm.count("version") > 0;
  if (vm.count("input")) c.inputs = vm["input"].as<std::vector<std::string>>();
  c.out_dir = vm["out"].as<std::string>();
  c.threads = vm["threads"].as<int>();
  c.top_k = vm["top-k"].as<int>();
  c.evidence = vm["evidence"].as<int>();
  c.quiet_days = vm["quiet-days"].as<int>();
  c.log_level = vm["log-level"].as<std::string>();
  c.progress = vm["progress"].as<std::string>();
  c.state_dir = vm["state"].as<std::string>();
  c.window_days = vm["window-days"].as<int>();
  c.max_pages = vm["max-pages"].as<int>();
  c.max_threads = vm["max-threads"].as<int>();
  c.max_thread_pages = vm["max-thread-pages"].as<int>();
  c.thread_depth = vm["thread-depth"].as<int>();
  c.x_start_time = vm["x-start-time"].as<std::string>();
  c.x_api_base = vm["x-api-base"].as<std::string>();
  c.bluesky_api_base = vm["bluesky-api-base"].as<std::string>();
  c.mastodon_instance = vm["mastodon-instance"].as<std::string>();
  c.save_raw_dir = vm["save-raw"].as<std::string>();
  if (vm.count("allow-sensitive")) c.allow_sensitive = SplitList(vm["allow-sensitive"].as<std::vector<std::string>>());
  if (vm.count("x-users")) c.x_users = SplitList(vm["x-users"].as<std::vector<std::string>>());
  if (vm.count("bluesky-actors")) c.bluesky_actors = SplitList(vm["bluesky-actors"].as<std::vector<std::string>>());
  if (vm.count("mastodon-accounts")) c.mastodon_accounts = SplitList(vm["mastodon-accounts"].as<std::vector<std::string>>());
  for (const char* const* e = env; e && *e; ++e) {
    if (std::strncmp(*e, "RAPPORT_X_BEARER_TOKEN=", 23) == 0) c.x_bearer_token = *e + 23;
  }
  if (!parsed.help && !parsed.version) RAPPORT_RETURN_IF_ERROR(Validate(c));
  return parsed;
}

}  // namespace rapport::config
