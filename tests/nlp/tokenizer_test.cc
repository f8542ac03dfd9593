#include "nlp/tokenizer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <new>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/normalizer.h"

// Counts heap allocations so tests can check the no-allocation-once-warm
// contract. Replaces the global allocation functions for this test binary.
namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace rapport::nlp {
namespace {

char KindLetter(TokenKind k) {
  switch (k) {
    case TokenKind::kWord: return 'W';
    case TokenKind::kNumber: return 'N';
    case TokenKind::kMention: return 'M';
    case TokenKind::kHashtag: return 'H';
    case TokenKind::kUrl: return 'U';
    case TokenKind::kEmoji: return 'E';
    case TokenKind::kPunct: return 'P';
  }
  return '?';
}

// "W:Soooo=soo": kind letter, surface, norm (omitted when equal to the
// surface); hashtag parts are prefixed with '~'. Tokens joined by " | ".
std::string Dump(const TokenizedText& t) {
  std::string out;
  for (const Token& tok : t.tokens) {
    if (!out.empty()) out += " | ";
    if (tok.in_hashtag) out += '~';
    out += KindLetter(tok.kind);
    out += ':';
    out += t.Surface(tok);
    if (t.Norm(tok) != t.Surface(tok)) {
      out += '=';
      out += t.Norm(tok);
    }
  }
  return out;
}

std::string Tok(std::string_view text) {
  Tokenizer tokenizer;
  TokenizedText out;
  tokenizer.Tokenize(text, &out);
  return Dump(out);
}

bool IsValidUtf8ForTest(std::string_view s) { return IsValidUtf8(s); }

TokenizedText Tokenized(std::string_view text) {
  Tokenizer tokenizer;
  TokenizedText out;
  tokenizer.Tokenize(text, &out);
  return out;
}

TEST(TokenizerTest, HeaderExample) {
  EXPECT_EQ(Tok("Soooo proud of @sam_r!! #MarathonTraining \U0001F3C3\u200D\u2640\uFE0F https://t.co/x &amp; more"),
            "W:Soooo=soo | W:proud | W:of | M:@sam_r=sam_r | P:!! | H:#MarathonTraining=marathontraining | "
            "~W:Marathon=marathon | ~W:Training=training | E:\U0001F3C3\u200D\u2640\uFE0F | "
            "U:https://t.co/x | P:& | W:more");
}

TEST(TokenizerTest, EmptyAndBlankInput) {
  EXPECT_EQ(Tok(""), "");
  EXPECT_EQ(Tok("   \t  "), "");
  TokenizedText t = Tokenized("");
  EXPECT_TRUE(t.text.empty());
  EXPECT_TRUE(t.norm.empty());
}

TEST(TokenizerTest, Words) {
  EXPECT_EQ(Tok("Hello world"), "W:Hello=hello | W:world");
  EXPECT_EQ(Tok("mother-in-law's"), "W:mother-in-law's");
  EXPECT_EQ(Tok("covid-19"), "W:covid-19");
  EXPECT_EQ(Tok("mp3 v2"), "W:mp3 | W:v2");
  EXPECT_EQ(Tok("well-"), "W:well | P:-");
  EXPECT_EQ(Tok("'quoted'"), "P:' | W:quoted | P:'");
  EXPECT_EQ(Tok("snake_case"), "W:snake | P:_ | W:case");
}

TEST(TokenizerTest, Contractions) {
  EXPECT_EQ(Tok("Don't can't I'm"), "W:Don't=don't | W:can't | W:I'm=i'm");
  EXPECT_EQ(Tok("Don\u2019t"), "W:Don\u2019t=don't");  // typographic apostrophe folds to '
  EXPECT_EQ(Tok("dogs' toys"), "W:dogs | P:' | W:toys");
}

TEST(TokenizerTest, Elongations) {
  EXPECT_EQ(Tok("Yessss sooooo goooood"), "W:Yessss=yess | W:sooooo=soo | W:goooood=good");
  EXPECT_EQ(Tok("LOOOOL"), "W:LOOOOL=lool");
  EXPECT_EQ(Tok("!!!!!"), "P:!!!!!");
}

TEST(TokenizerTest, DotsInsideWords) {
  EXPECT_EQ(Tok("see example.com now"), "W:see | W:example.com | W:now");
  EXPECT_EQ(Tok("great day.Then"), "W:great | W:day | P:. | W:Then=then");
  EXPECT_EQ(Tok("the end."), "W:the | W:end | P:.");
}

TEST(TokenizerTest, Numbers) {
  EXPECT_EQ(Tok("10 3.5 1,000 10:30 4/15 2024-01-15"),
            "N:10 | N:3.5 | N:1,000 | N:10:30 | N:4/15 | N:2024-01-15");
  EXPECT_EQ(Tok("10th 5k 1990s 10:30am 2nd"), "N:10th | N:5k | N:1990s | N:10:30am | N:2nd");
  EXPECT_EQ(Tok("3.14."), "N:3.14 | P:.");
  EXPECT_EQ(Tok("$20"), "P:$ | N:20");
  EXPECT_EQ(Tok("\uFF11\uFF12"), "N:\uFF11\uFF12=12");  // fullwidth digits
  EXPECT_EQ(Tok("5K"), "N:5K=5k");
}

TEST(TokenizerTest, Urls) {
  EXPECT_EQ(Tok("see https://t.co/abc123 now"), "W:see | U:https://t.co/abc123 | W:now");
  EXPECT_EQ(Tok("http://Example.com/A?b=1&c=2#frag"), "U:http://Example.com/A?b=1&c=2#frag");
  EXPECT_EQ(Tok("www.example.com/path."), "U:www.example.com/path | P:.");
  EXPECT_EQ(Tok("(see https://en.wikipedia.org/wiki/Foo_(bar))"),
            "P:( | W:see | U:https://en.wikipedia.org/wiki/Foo_(bar) | P:)");
  EXPECT_EQ(Tok("HTTPS://X.CO/Y, ok"), "U:HTTPS://X.CO/Y | P:, | W:ok");
  EXPECT_EQ(Tok("https://a.b/\U0001F600"), "U:https://a.b/ | E:\U0001F600");
  EXPECT_EQ(Tok("http:// nothing"), "W:http | P::// | W:nothing");
  EXPECT_EQ(Tok("www."), "W:www=ww | P:.");  // not a URL; an ordinary elongated word
  EXPECT_EQ(Tok("\"https://x.co/y\""), "P:\" | U:https://x.co/y | P:\"");
}

TEST(TokenizerTest, Mentions) {
  EXPECT_EQ(Tok("hi @Sam_R!"), "W:hi | M:@Sam_R=sam_r | P:!");
  EXPECT_EQ(Tok("@alice,@bob"), "M:@alice=alice | P:, | M:@bob=bob");
  EXPECT_EQ(Tok("(@x)"), "P:( | M:@x=x | P:)");
  EXPECT_EQ(Tok("@user@mastodon.social."), "M:@user@mastodon.social=user@mastodon.social | P:.");
  EXPECT_EQ(Tok("@ alone"), "P:@ | W:alone");
}

TEST(TokenizerTest, EmailsAreNotMentions) {
  EXPECT_EQ(Tok("mail bob@example.com"), "W:mail | W:bob | P:@ | W:example.com");
  EXPECT_EQ(Tok("a_b@c.org"), "W:a | P:_ | W:b | P:@ | W:c.org");
}

TEST(TokenizerTest, Hashtags) {
  EXPECT_EQ(Tok("#MarathonTraining"), "H:#MarathonTraining=marathontraining | ~W:Marathon=marathon | "
                                      "~W:Training=training");
  EXPECT_EQ(Tok("#NYC2024"), "H:#NYC2024=nyc2024 | ~W:NYC=nyc | ~N:2024");
  EXPECT_EQ(Tok("#blessed"), "H:#blessed=blessed | ~W:blessed");
  EXPECT_EQ(Tok("#NYCMarathon"), "H:#NYCMarathon=nycmarathon | ~W:NYC=nyc | ~W:Marathon=marathon");
  EXPECT_EQ(Tok("#100DaysOfCode"),
            "H:#100DaysOfCode=100daysofcode | ~N:100 | ~W:Days=days | ~W:Of=of | ~W:Code=code");
  EXPECT_EQ(Tok("#iPhone"), "H:#iPhone=iphone | ~W:iPhone=iphone");
  EXPECT_EQ(Tok("#run5k"), "H:#run5k=run5k | ~W:run | ~N:5k");
  EXPECT_EQ(Tok("#throw_back"), "H:#throw_back=throw_back | ~W:throw | ~W:back");
  EXPECT_EQ(Tok("#TBT"), "H:#TBT=tbt | ~W:TBT=tbt");
  EXPECT_EQ(Tok("#\u6771\u4EAC"), "H:#\u6771\u4EAC=\u6771\u4EAC | ~W:\u6771\u4EAC");
}

TEST(TokenizerTest, NotHashtags) {
  EXPECT_EQ(Tok("#1 fan"), "P:# | N:1 | W:fan");
  EXPECT_EQ(Tok("C# rocks"), "W:C=c | P:# | W:rocks");
  EXPECT_EQ(Tok("# alone"), "P:# | W:alone");
  EXPECT_EQ(Tok("#__"), "P:#__");
  EXPECT_EQ(Tok("!!#wow"), "P:!! | H:#wow=wow | ~W:wow");
}

TEST(TokenizerTest, EmojiSequences) {
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
  EXPECT_EQ(Tok("we " + family + "!"), "W:we | E:" + family + " | P:!");
  EXPECT_EQ(Tok("\U0001F1EB\U0001F1F7"), "E:\U0001F1EB\U0001F1F7");  // flag of France
  EXPECT_EQ(Tok("\U0001F1EB\U0001F1F7\U0001F1FA\U0001F1F8"), "E:\U0001F1EB\U0001F1F7 | E:\U0001F1FA\U0001F1F8");
  EXPECT_EQ(Tok("\U0001F44D\U0001F3FD"), "E:\U0001F44D\U0001F3FD");  // skin tone
  EXPECT_EQ(Tok("\u2764\uFE0F\u2764"), "E:\u2764\uFE0F | E:\u2764");
  EXPECT_EQ(Tok("\U0001F602\U0001F602\U0001F602"), "E:\U0001F602 | E:\U0001F602 | E:\U0001F602");
  EXPECT_EQ(Tok("1\uFE0F\u20E3 #\uFE0F\u20E3"), "E:1\uFE0F\u20E3 | E:#\uFE0F\u20E3");  // keycaps
  EXPECT_EQ(Tok("\U0001F3F3\uFE0F\u200D\U0001F308"), "E:\U0001F3F3\uFE0F\u200D\U0001F308");  // rainbow flag
  // Subdivision flag (England): black flag + tag characters + cancel tag.
  const std::string england = "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F";
  EXPECT_EQ(Tok(england), "E:" + england);
  EXPECT_EQ(Tok("so good\U0001F60Dlol"), "W:so | W:good | E:\U0001F60D | W:lol");
}

TEST(TokenizerTest, TextPresentationSymbols) {
  EXPECT_EQ(Tok("\u00A9 2024"), "P:\u00A9 | N:2024");
  EXPECT_EQ(Tok("\u00A9\uFE0F"), "E:\u00A9\uFE0F");
  EXPECT_EQ(Tok("Brand\u2122"), "W:Brand=brand | P:\u2122=tm");
}

TEST(TokenizerTest, StrayEmojiComponents) {
  EXPECT_EQ(Tok("a\u200Db"), "W:a | W:b");  // ZWJ outside emoji is a separator
  EXPECT_EQ(Tok("\U0001F600\u200D"), "E:\U0001F600");
  EXPECT_EQ(Tok("\uFE0F\u20E3"), "");
  EXPECT_EQ(Tok("\U0001F3FD"), "E:\U0001F3FD");
}

TEST(TokenizerTest, DecodesEntitiesIntoText) {
  TokenizedText t = Tokenized("Tom &amp; Jerry &lt;3 it&#39;s &#x1F600;");
  EXPECT_EQ(t.text, "Tom & Jerry <3 it's \U0001F600");
  EXPECT_EQ(Dump(t), "W:Tom=tom | P:& | W:Jerry=jerry | P:< | N:3 | W:it's | E:\U0001F600");
}

TEST(TokenizerTest, PunctuationFlags) {
  TokenizedText t = Tokenized("Really?! yes, ok\u2026 fine\nnext");
  ASSERT_EQ(Dump(t), "W:Really=really | P:?! | W:yes | P:, | W:ok | P:\u2026=... | W:fine | P:\n | W:next");
  EXPECT_TRUE(t.tokens[1].sentence_end);
  EXPECT_TRUE(t.tokens[1].question);
  EXPECT_FALSE(t.tokens[3].sentence_end);
  EXPECT_FALSE(t.tokens[3].question);
  EXPECT_TRUE(t.tokens[5].sentence_end);
  EXPECT_FALSE(t.tokens[5].question);
  EXPECT_TRUE(t.tokens[7].sentence_end);  // line break
  EXPECT_FALSE(t.tokens[0].sentence_end);  // only punctuation carries the flags
  EXPECT_FALSE(t.tokens[0].question);
}

TEST(TokenizerTest, CjkPunctuationEndsSentences) {
  TokenizedText t = Tokenized("\u3059\u3054\u3044\uFF01\u672C\u5F53\uFF1F");
  ASSERT_EQ(t.tokens.size(), 4u);
  EXPECT_TRUE(t.tokens[1].sentence_end);
  EXPECT_TRUE(t.tokens[3].question);
  EXPECT_TRUE(t.tokens[2].sentence_start);
}

TEST(TokenizerTest, SentenceStarts) {
  TokenizedText t = Tokenized("...Great run today. Met Sam! \U0001F389 Then #Coffee");
  ASSERT_EQ(Dump(t), "P:... | W:Great=great | W:run | W:today | P:. | W:Met=met | W:Sam=sam | P:! | "
                     "E:\U0001F389 | W:Then=then | H:#Coffee=coffee | ~W:Coffee=coffee");
  std::vector<bool> starts;
  for (const Token& tok : t.tokens) starts.push_back(tok.sentence_start);
  // Emoji do not take the sentence start; hashtag parts never do.
  EXPECT_EQ(starts, (std::vector<bool>{false, true, false, false, false, true, false, false, false, true, false,
                                       false}));
}

TEST(TokenizerTest, Capitalization) {
  TokenizedText t = Tokenized("Sam met \u00C9lodie and iPhone @Bob #Yoga 10TH \u0130zmir \u6771\u4EAC");
  std::vector<bool> caps;
  for (const Token& tok : t.tokens) caps.push_back(tok.capitalized);
  ASSERT_EQ(Dump(t), "W:Sam=sam | W:met | W:\u00C9lodie=\u00E9lodie | W:and | W:iPhone=iphone | M:@Bob=bob | "
                     "H:#Yoga=yoga | ~W:Yoga=yoga | N:10TH=10th | W:\u0130zmir=i\u0307zmir | W:\u6771\u4EAC");
  EXPECT_EQ(caps, (std::vector<bool>{true, false, true, false, false, true, true, true, true, true, false}));
}

// Words of ASCII letters and digits take a fast path (no decoding, one pass
// for lower-casing and squashing); it must agree with the general rules:
// the norm is the casefolded surface with runs of 3+ letters squashed to 2,
// and `capitalized` is the first letter's case.
TEST(TokenizerTest, AsciiWordsAgreeWithTheGeneralRules) {
  std::mt19937 rng(7);
  const std::string alphabet = "aAbBoOsS0123 '-.x";
  Tokenizer tokenizer;
  TokenizedText t;
  for (int round = 0; round < 2000; ++round) {
    std::string in;
    const int n = static_cast<int>(rng() % 30);
    for (int k = 0; k < n; ++k) in += alphabet[rng() % alphabet.size()];
    tokenizer.Tokenize(in, &t);
    for (const Token& tok : t.tokens) {
      if (tok.kind != TokenKind::kWord) continue;
      const std::string_view surface = t.Surface(tok);
      std::string folded, expected;
      NormalizeCasefold(surface, &folded);
      SquashElongations(folded, &expected);
      ASSERT_EQ(t.Norm(tok), expected) << in;
      const size_t first_letter = surface.find_first_not_of("0123456789'-.");
      ASSERT_NE(first_letter, std::string_view::npos) << in;
      ASSERT_EQ(tok.capitalized, surface[first_letter] >= 'A' && surface[first_letter] <= 'Z') << in;
    }
  }
}

TEST(TokenizerTest, AsciiRunsNextToOtherScripts) {
  EXPECT_EQ(Tok("\u6771\u4EACtokyo"), "W:\u6771\u4EAC | W:tokyo");
  EXPECT_EQ(Tok("tokyo\u6771\u4EAC"), "W:tokyo | W:\u6771\u4EAC");
  EXPECT_EQ(Tok("ab1\u6771"), "W:ab1 | W:\u6771");
  EXPECT_EQ(Tok("\u6771\u4EAC12ab"), "W:\u6771\u4EAC12 | W:ab");
  EXPECT_EQ(Tok("Caf\u00E9s2024 na\u00EFveTE"), "W:Caf\u00E9s2024=caf\u00E9s2024 | W:na\u00EFveTE=na\u00EFvete");
  EXPECT_EQ(Tok("BOOOOK\u2019s"), "W:BOOOOK\u2019s=book's");
}

TEST(TokenizerTest, CjkRuns) {
  EXPECT_EQ(Tok("\u4ECA\u65E5\u306F\u6674\u308C\u3002"), "W:\u4ECA\u65E5\u306F\u6674\u308C | P:\u3002");
  EXPECT_EQ(Tok("iPhone\u3092\u8CB7\u3063\u305F"), "W:iPhone=iphone | W:\u3092\u8CB7\u3063\u305F");
  EXPECT_EQ(Tok("\uD55C\uAD6D\uC5B4 \uACF5\uBD80"), "W:\uD55C\uAD6D\uC5B4 | W:\uACF5\uBD80");  // Korean
  EXPECT_EQ(Tok("2024\u5E74"), "N:2024 | W:\u5E74");
  EXPECT_EQ(Tok("\uFF76\uFF80\uFF76\uFF85"), "W:\uFF76\uFF80\uFF76\uFF85=\u30AB\u30BF\u30AB\u30CA");  // halfwidth
}

TEST(TokenizerTest, RightToLeftText) {
  // Arabic "hello world" with a right-to-left mark and an Arabic question mark.
  EXPECT_EQ(Tok("\u200F\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645\u061F"),
            "W:\u0645\u0631\u062D\u0628\u0627 | W:\u0628\u0627\u0644\u0639\u0627\u0644\u0645 | P:\u061F");
  // Harakat (combining marks) stay inside the word; Hebrew too.
  EXPECT_EQ(Tok("\u0643\u064E\u062A\u064E\u0628\u064E \u05E9\u05DC\u05D5\u05DD"),
            "W:\u0643\u064E\u062A\u064E\u0628\u064E | W:\u05E9\u05DC\u05D5\u05DD");
  TokenizedText t = Tokenized("\u061F \u0645");
  ASSERT_EQ(t.tokens.size(), 2u);
  EXPECT_TRUE(t.tokens[0].question);
  EXPECT_TRUE(t.tokens[0].sentence_end);
}

TEST(TokenizerTest, CombiningMarks) {
  EXPECT_EQ(Tok("Cafe\u0301 nai\u0308ve"), "W:Cafe\u0301=caf\u00E9 | W:nai\u0308ve=na\u00EFve");
  EXPECT_EQ(Tok("\u0915\u094D\u0937\u093F"), "W:\u0915\u094D\u0937\u093F");  // Devanagari conjunct
  EXPECT_EQ(Tok("\u0301x"), "W:\u0301x");  // a leading stray mark still makes a word
}

TEST(TokenizerTest, ZeroWidthAndBidiCharactersSeparateAndVanish) {
  EXPECT_EQ(Tok("\uFEFFhello"), "W:hello");
  EXPECT_EQ(Tok("foo\u200Bbar"), "W:foo | W:bar");
  EXPECT_EQ(Tok("\u202Aleft\u202C \u2066iso\u2069"), "W:left | W:iso");
  EXPECT_EQ(Tok("\u200E\u200F\u200B"), "");
  TokenizedText t = Tokenized("a\u200Bb");
  EXPECT_EQ(t.text, "a\u200Bb");  // kept in the text, not in any token
}

TEST(TokenizerTest, OtherWhitespace) {
  EXPECT_EQ(Tok("a\u00A0b\u3000c\u2003d"), "W:a | W:b | W:c | W:d");
  TokenizedText t = Tokenized("one\u2028two\r\nthree");
  ASSERT_EQ(Dump(t), "W:one | P:\u2028 | W:two | P:\r\n | W:three");
  EXPECT_TRUE(t.tokens[1].sentence_end);
  EXPECT_TRUE(t.tokens[2].sentence_start);
}

TEST(TokenizerTest, InvalidUtf8BecomesReplacementCharAndNeverAToken) {
  TokenizedText t = Tokenized("ab\xFF" "cd \xE2\x82 ok \xC0");
  EXPECT_EQ(t.text, "ab\uFFFD" "cd \uFFFD ok \uFFFD");
  EXPECT_EQ(Dump(t), "W:ab | W:cd | W:ok");
  EXPECT_EQ(Tok("\x80\x80\x80"), "");
  EXPECT_EQ(Tok(std::string_view("a\0b", 3)), "W:a | W:b");  // NUL is a control: separator
}

TEST(TokenizerTest, OffsetsPointIntoTextAndNorm) {
  TokenizedText t = Tokenized("Hey &amp; \u00C9T\u00C9 #Fun");
  for (const Token& tok : t.tokens) {
    EXPECT_LE(tok.begin, tok.end);
    EXPECT_LE(tok.end, t.text.size());
    EXPECT_LE(tok.norm_begin, tok.norm_end);
    EXPECT_LE(tok.norm_end, t.norm.size());
    EXPECT_LT(tok.begin, tok.end);
  }
  EXPECT_EQ(Dump(t), "W:Hey=hey | P:& | W:\u00C9T\u00C9=\u00E9t\u00E9 | H:#Fun=fun | ~W:Fun=fun");
}

TEST(TokenizerTest, ReusesBuffers) {
  Tokenizer tokenizer;
  TokenizedText t;
  tokenizer.Tokenize("a long first post with many tokens to warm the buffers up, #LongHashtagHere!", &t);
  const size_t token_capacity = t.tokens.capacity();
  const size_t text_capacity = t.text.capacity();
  const char* const token_data = reinterpret_cast<const char*>(t.tokens.data());
  tokenizer.Tokenize("short one", &t);
  EXPECT_EQ(Dump(t), "W:short | W:one");
  EXPECT_EQ(t.tokens.capacity(), token_capacity);
  EXPECT_EQ(t.text.capacity(), text_capacity);
  EXPECT_EQ(reinterpret_cast<const char*>(t.tokens.data()), token_data);
  EXPECT_EQ(t.text, "short one");
}

TEST(TokenizerTest, SharedTokenizerIsStateless) {
  const Tokenizer tokenizer;
  TokenizedText a, b;
  tokenizer.Tokenize("First. Post", &a);
  tokenizer.Tokenize("Second", &b);
  EXPECT_EQ(Dump(b), "W:Second=second");
  EXPECT_TRUE(b.tokens[0].sentence_start);
}

TEST(TokenizerTest, LargeInputIsLinear) {
  std::string big;
  const std::string chunk =
      "Soooo proud of @sam_r!! #MarathonTraining \U0001F3C3\u200D\u2640\uFE0F https://t.co/x &amp; more "
      "caf\u00E9 \u6771\u4EAC 10:30am\n";
  while (big.size() < (1u << 20)) big += chunk;
  const size_t chunks = big.size() / chunk.size();
  Tokenizer tokenizer;
  TokenizedText t;
  const auto start = std::chrono::steady_clock::now();
  tokenizer.Tokenize(big, &t);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(t.tokens.size(), chunks * 16);
  EXPECT_EQ(t.text.size(), big.size() - chunks * 4);  // "&amp;" -> "&"
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 10);
}

TEST(TokenizerTest, PathologicalInputsStayLinear) {
  Tokenizer tokenizer;
  TokenizedText t;
  const size_t n = 1 << 20;
  const std::vector<std::string> inputs = {
      std::string(n, 'a'), std::string(n, '#'), std::string(n, '@'), "#" + std::string(n, '1'),
      "@a@" + std::string(n, 'b'), "https://" + std::string(n, ')'), std::string(n, '.'),
  };
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& in : inputs) {
    tokenizer.Tokenize(in, &t);
    EXPECT_FALSE(t.tokens.empty());
  }
  std::string zwj_chain;
  while (zwj_chain.size() < n) zwj_chain += "\U0001F468\u200D";
  tokenizer.Tokenize(zwj_chain, &t);
  ASSERT_EQ(t.tokens.size(), 1u);
  EXPECT_EQ(t.tokens[0].kind, TokenKind::kEmoji);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 20);
}

TEST(TokenizerTest, NoAllocationOnceWarm) {
  const std::string posts[] = {
      "Soooo proud of @sam_r!! #MarathonTraining https://t.co/x &amp; more. Don't stop, 10:30am",
      "Caf\u00E9 \u00C9T\u00C9 \u6771\u4EAC \U0001F468\u200D\U0001F469\u200D\U0001F467 Don\u2019t "
      "\uFF26\uFF55\uFF4C\uFF4C",
  };
  Tokenizer tokenizer;
  TokenizedText t;
  for (const std::string& post : posts) tokenizer.Tokenize(post, &t);  // warm up
  for (const std::string& post : posts) {
    const long before = g_allocations.load();
    tokenizer.Tokenize(post, &t);
    EXPECT_EQ(g_allocations.load() - before, 0) << post;
    EXPECT_FALSE(t.tokens.empty());
  }
}

// Random mixes of tricky fragments and random bytes: no crash, and every
// token is well formed.
TEST(TokenizerTest, RandomInputsKeepInvariants) {
  const std::vector<std::string> fragments = {
      "a", "Z", " ", "\n", "#", "@", "_", "'", "\u2019", "-", ".", ",", ":", "/", "?", "!", "1", "&amp;", "&#x1F600;",
      "&", ";", "http://", "https://", "www.", "\u200D", "\uFE0F", "\u20E3", "\U0001F3FD", "\U0001F1EB", "\U0001F468",
      "\u2764", "\u00A9", "\u0301", "\u6771", "\u3042", "\u0645", "\u200B", "\u202E", "\xFF", "\xE2\x82", "\xC3",
      "\u0130", "\uFB01", "(", ")", "\u2028", "\U000E0067", "\U000E007F", "\t", "\u3002", "\u061F"};
  std::mt19937 rng(12345);
  Tokenizer tokenizer;
  TokenizedText t;
  for (int round = 0; round < 3000; ++round) {
    std::string in;
    const int parts = static_cast<int>(rng() % 40);
    for (int k = 0; k < parts; ++k) {
      if (rng() % 8 == 0) {
        in.push_back(static_cast<char>(rng() & 0xFF));
      } else {
        in += fragments[rng() % fragments.size()];
      }
    }
    tokenizer.Tokenize(in, &t);
    ASSERT_TRUE(IsValidUtf8ForTest(t.text)) << in;
    ASSERT_TRUE(IsValidUtf8ForTest(t.norm)) << in;
    uint32_t last_end = 0;
    for (const Token& tok : t.tokens) {
      ASSERT_LT(tok.begin, tok.end) << in;
      ASSERT_LE(tok.end, t.text.size()) << in;
      ASSERT_LE(tok.norm_begin, tok.norm_end) << in;
      ASSERT_LE(tok.norm_end, t.norm.size()) << in;
      if (tok.in_hashtag) continue;  // parts lie inside their hashtag
      ASSERT_GE(tok.begin, last_end) << in;
      last_end = tok.end;
      ASSERT_EQ(t.Surface(tok).find("\uFFFD"), std::string_view::npos) << in;
      if (tok.kind != TokenKind::kPunct) {
        ASSERT_FALSE(tok.sentence_end || tok.question) << in;
      }
    }
  }
}

}  // namespace
}  // namespace rapport::nlp
