#include "pipeline/evaluator.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_set>

#include <simdjson.h>

namespace rapport::pipeline {
namespace {

// The word lists of the development set's scorer (its definition of "content word").
const std::unordered_set<std::string>& Stop() {
  static const std::unordered_set<std::string> kStop = [] {
    const char* words =
        "a about above after again against all am an and any are aren't as at be because been before being below "
        "between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each "
        "few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers "
        "herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more "
        "most mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same "
        "shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them "
        "themselves then there there's these they they'd they'll they're they've this those through to too under "
        "until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which "
        "while who who's whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself "
        "yourselves im ive dont cant id youre u ur";
    std::unordered_set<std::string> s;
    std::string w;
    for (const char* p = words;; ++p) {
      if (*p == ' ' || *p == 0) {
        if (!w.empty()) s.insert(w), w.clear();
        if (!*p) break;
      } else {
        w.push_back(*p);
      }
    }
    return s;
  }();
  return kStop;
}

const std::unordered_set<std::string>& Generic() {
  static const std::unordered_set<std::string> kGeneric = [] {
    const char* words =
        "like likes liked love loves loved enjoy enjoys enjoyed favorite favourite favorites really lot lots much "
        "many good great nice fun time times thing things stuff people day days year years also just get gets got go "
        "goes going went want wants wanted think know make made one two would could well yeah yes oh wow cool thanks "
        "thank hi hello hey lol haha okay ok sure right now today still always never sometimes usually kind sort "
        "little big new old bit way someone something anything everything person guy guys";
    std::unordered_set<std::string> s;
    std::string w;
    for (const char* p = words;; ++p) {
      if (*p == ' ' || *p == 0) {
        if (!w.empty()) s.insert(w), w.clear();
        if (!*p) break;
      } else {
        w.push_back(*p);
      }
    }
    return s;
  }();
  return kGeneric;
}

bool EndsWith(const std::string& w, std::string_view suffix) {
  return w.size() >= suffix.size() && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string LightStem(std::string w) {
  if (EndsWith(w, "'s")) w.resize(w.size() - 2);
  static const std::pair<std::string_view, std::string_view> kRules[] = {
      {"ies", "y"}, {"sses", "ss"}, {"xes", "x"}, {"ches", "ch"}, {"shes", "sh"}};
  for (const auto& [suffix, replacement] : kRules)
    if (EndsWith(w, suffix) && w.size() > suffix.size() + 1) return w.substr(0, w.size() - suffix.size()) + std::string(replacement);
  for (std::string_view suffix : {"ing", "ed"}) {
    if (EndsWith(w, suffix) && w.size() > suffix.size() + 2) {
      w.resize(w.size() - suffix.size());
      if (w.size() > 2 && w[w.size() - 1] == w[w.size() - 2] && std::string_view("lsz").find(w.back()) == std::string_view::npos)
        w.pop_back();
      return w;
    }
  }
  if (EndsWith(w, "s") && !EndsWith(w, "ss") && w.size() > 3) w.pop_back();
  return w;
}

std::string StripQuotes(const std::string& w) {
  size_t b = w.find_first_not_of('\'');
  if (b == std::string::npos) return "";
  size_t e = w.find_last_not_of('\'');
  return w.substr(b, e - b + 1);
}

struct Fact {
  std::set<std::string> words;
  std::set<std::string> evidence;
  std::set<int64_t> sessions;
  bool recurring = false;
};

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

}  // namespace

std::set<std::string> ContentWords(std::string_view text) {
  std::set<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && !Stop().count(word) && !Stop().count(StripQuotes(word)) && !Generic().count(word) &&
        word.size() > 1)
      out.insert(LightStem(word));
    word.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0x99) {  // U+2019 counts as an apostrophe
      word.push_back('\'');
      i += 2;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'') {
      word.push_back(static_cast<char>(c));
    } else if (c >= 'A' && c <= 'Z') {
      word.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

Result<EvalReport> Evaluate(const std::string& gold_path, const std::vector<Artifact>& candidates, int k) {
  simdjson::padded_string json;
  if (simdjson::padded_string::load(gold_path).get(json)) return Status::IoError("cannot read gold file " + gold_path);
  std::map<std::string, std::vector<Fact>> gold;
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document_stream stream;
  if (parser.iterate_many(json).get(stream)) return Status::Corruption(gold_path + ": not JSON lines");
  size_t line = 0;
  for (auto doc : stream) {
    ++line;
    std::string where = gold_path + ":" + std::to_string(line);
    simdjson::ondemand::object obj;
    if (doc.get_object().get(obj)) return Status::Corruption(where + ": not an object");
    std::string user_id;
    std::map<std::string, Fact> facts;  // by sorted content words
    for (auto field : obj) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return Status::Corruption(where + ": bad key");
      if (key == "user_id") {
        simdjson::ondemand::value v;
        if (field.value().get(v)) return Status::Corruption(where + ": bad user_id");
        std::string_view s;
        if (!v.get_string().get(s)) {
          user_id = std::string(s);
        } else {
          user_id = std::string(v.raw_json_token());
          while (!user_id.empty() && (user_id.back() == ' ' || user_id.back() == ',')) user_id.pop_back();
        }
      } else if (key == "facts") {
        simdjson::ondemand::array arr;
        if (field.value().get_array().get(arr)) return Status::Corruption(where + ": bad facts");
        for (auto f : arr) {
          std::string_view text;
          if (f["text"].get_string().get(text)) return Status::Corruption(where + ": fact without text");
          std::set<std::string> words = ContentWords(text);
          if (words.empty()) continue;
          std::string fkey;
          for (const auto& w : words) fkey += (fkey.empty() ? "" : " ") + w;
          Fact& fact = facts[fkey];
          fact.words = words;
          simdjson::ondemand::array ev;
          if (!f["evidence"].get_array().get(ev))
            for (auto e : ev) {
              std::string_view id;
              if (!e.get_string().get(id)) fact.evidence.insert(std::string(id));
            }
          int64_t session = 1;
          if (f["session"].get_int64().get(session)) session = 1;
          fact.sessions.insert(session);
        }
      }
    }
    if (facts.empty()) continue;
    std::vector<Fact> list;
    for (auto& [_, f] : facts) list.push_back(std::move(f));
    // A fact recurs when a later session states it again (same words, or most of them).
    for (size_t i = 0; i < list.size(); ++i) {
      Fact& f = list[i];
      f.recurring = f.sessions.size() > 1;
      for (size_t j = 0; j < list.size() && !f.recurring; ++j) {
        if (i == j || list[j].sessions == f.sessions) continue;
        size_t shared = 0;
        for (const auto& w : list[j].words) shared += f.words.count(w);
        if (shared * 2 >= std::max<size_t>(f.words.size(), 1)) f.recurring = true;
      }
    }
    gold[user_id] = std::move(list);
  }

  struct Kept {
    double neg_score;
    size_t order;
    std::set<std::string> words, evidence;
  };
  std::map<std::string, std::vector<Kept>> by_person;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Artifact& a = candidates[i];
    Kept kept{-a.score, i, ContentWords(a.value), {}};
    for (const Evidence& e : a.evidence) kept.evidence.insert(e.id);
    by_person[a.person.id].push_back(std::move(kept));
  }
  EvalReport r;
  r.k = k;
  double p_len = 0, p_grd = 0, r_len = 0, r_grd = 0, r_rec = 0;
  for (const auto& entry : gold) {
    const std::string& pid = entry.first;
    const auto& facts = entry.second;  // not a structured binding: clang 14 cannot capture one in a lambda
    std::vector<Kept> kept;
    if (auto it = by_person.find(pid); it != by_person.end()) kept = it->second;
    std::sort(kept.begin(), kept.end(), [](const Kept& a, const Kept& b) {
      return a.neg_score != b.neg_score ? a.neg_score < b.neg_score : a.order < b.order;
    });
    if (kept.size() > static_cast<size_t>(k)) kept.resize(k);
    r.candidates_kept += kept.size();
    if (!kept.empty()) ++r.covered;
    size_t m_len = 0, m_grd = 0;
    std::set<size_t> hit_len, hit_grd;
    for (const Kept& c : kept) {
      bool ok_len = false, ok_grd = false;
      for (size_t i = 0; i < facts.size(); ++i) {
        bool share = std::any_of(c.words.begin(), c.words.end(), [&](const std::string& w) { return facts[i].words.count(w); });
        if (!share) continue;
        ok_len = true;
        hit_len.insert(i);
        bool cited = std::any_of(c.evidence.begin(), c.evidence.end(),
                                 [&](const std::string& e) { return facts[i].evidence.count(e); });
        if (cited) ok_grd = true, hit_grd.insert(i);
      }
      m_len += ok_len;
      m_grd += ok_grd;
    }
    if (!kept.empty()) {
      p_len += static_cast<double>(m_len) / kept.size();
      p_grd += static_cast<double>(m_grd) / kept.size();
    }
    r_len += static_cast<double>(hit_len.size()) / facts.size();
    r_grd += static_cast<double>(hit_grd.size()) / facts.size();
    size_t rec = 0, rec_hit = 0;
    for (size_t i = 0; i < facts.size(); ++i)
      if (facts[i].recurring) ++rec, rec_hit += hit_len.count(i);
    if (rec) {
      ++r.persons_with_recurring;
      r_rec += static_cast<double>(rec_hit) / rec;
    }
  }
  r.persons = gold.size();
  const double covered = std::max<double>(r.covered, 1), n = std::max<double>(r.persons, 1);
  r.precision = p_len / covered;
  r.grounded_precision = p_grd / covered;
  r.recall = r_len / n;
  r.grounded_recall = r_grd / n;
  r.recurring_recall = r_rec / std::max<double>(r.persons_with_recurring, 1);
  r.f1 = F1(r.precision, r.recall);
  r.grounded_f1 = F1(r.grounded_precision, r.grounded_recall);
  return r;
}

std::string EvalReport::ToTable() const {
  char buf[1024];
  std::string k_label = std::to_string(k);
  std::snprintf(buf, sizeof buf,
                "persons %zu, covered %zu, kept candidates %zu\n"
                "%10s%10s%10s%8s\n"
                "%-10s%10.3f%10.3f%8.3f\n"
                "%-10s%10.3f%10.3f%8.3f\n"
                "recurring-fact recall@%d: %.3f over %zu persons\n",
                persons, covered, candidates_kept, "", ("P@" + k_label).c_str(), ("R@" + k_label).c_str(), "F1",
                "matched", precision, recall, f1, "grounded", grounded_precision, grounded_recall, grounded_f1, k,
                recurring_recall, persons_with_recurring);
  return buf;
}

}  // namespace rapport::pipeline
