#include "nlp/extractor.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace rapport::nlp {
namespace {

constexpr int64_t kMay3 = 1777842271;  // 2026-05-03T21:04:31Z

std::vector<Occurrence> ExtractFrom(std::string_view text, std::vector<std::string_view> mentions = {}, int64_t t = kMay3,
                            std::string_view lang = "en") {
  Extractor ex;
  std::vector<Occurrence> out;
  PostInput in;
  in.text = text;
  in.lang = lang;
  in.created_at = t;
  in.mentions = std::move(mentions);
  ex.Extract(in, &out);
  return out;
}

// Facts only: conversational occurrences (questions, the listener's side) are thread topics.
const Occurrence* Find(const std::vector<Occurrence>& v, std::string_view category, std::string_view value) {
  for (const Occurrence& o : v)
    if (!o.conversational && o.category == category && o.value == value) return &o;
  return nullptr;
}

bool AnyValueContains(const std::vector<Occurrence>& v, std::string_view word) {
  for (const Occurrence& o : v)
    if (!o.conversational && o.value.find(word) != std::string::npos) return true;
  return false;
}

bool AnyConversational(const std::vector<Occurrence>& v, std::string_view word) {
  for (const Occurrence& o : v)
    if (o.conversational && o.value.find(word) != std::string::npos) return true;
  return false;
}

std::string Dump(const std::vector<Occurrence>& v) {
  std::string s;
  for (const Occurrence& o : v) s += o.category + ":" + o.value + " [" + o.key + "]; ";
  return s;
}

TEST(ExtractorTest, NamedPet) {
  auto out = ExtractFrom("My dog Rover destroyed another pillow today.");
  const Occurrence* pet = Find(out, "pet", "dog: Rover");
  ASSERT_NE(pet, nullptr) << Dump(out);
  EXPECT_EQ(pet->alias, "rover");
  EXPECT_EQ(pet->mention_index, -1);
  out = ExtractFrom("I used to have a black lab named cooper.");
  EXPECT_NE(Find(out, "pet", "lab: Cooper"), nullptr) << Dump(out);
}

TEST(ExtractorTest, FamilyAndPartner) {
  auto out = ExtractFrom("My daughter Maya wants to help with the next bake.");
  EXPECT_NE(Find(out, "family", "daughter: Maya"), nullptr) << Dump(out);
  out = ExtractFrom("My husband and I have two kids.");
  EXPECT_NE(Find(out, "partner", "husband"), nullptr) << Dump(out);
  EXPECT_NE(Find(out, "family", "kids"), nullptr) << Dump(out);
}

TEST(ExtractorTest, QuestionsAreNotFacts) {
  EXPECT_FALSE(AnyValueContains(ExtractFrom("Do you have a dog?"), "dog"));
  EXPECT_TRUE(AnyConversational(ExtractFrom("Do you have a dog?"), "dog")) << "still a topic of the conversation";
  EXPECT_FALSE(AnyValueContains(ExtractFrom("What kind of music do you like?"), "music"));
  // A statement and then a question in one sentence keeps the statement.
  auto out = ExtractFrom("I have two cats, do you?");
  EXPECT_NE(Find(out, "pet", "cats"), nullptr) << Dump(out);
}

TEST(ExtractorTest, ListenerFactsAreNotTheAuthors) {
  EXPECT_FALSE(AnyValueContains(ExtractFrom("Your dog is adorable."), "dog"));
  EXPECT_TRUE(AnyConversational(ExtractFrom("Your dog is adorable."), "dog"));
  auto out = ExtractFrom("I'm sure you are a great nurse.");
  EXPECT_FALSE(AnyValueContains(out, "nurse")) << Dump(out);
}

TEST(ExtractorTest, HypotheticalsAreNotFacts) {
  EXPECT_FALSE(AnyValueContains(ExtractFrom("If I had a horse I would ride every day."), "horse"));
  EXPECT_FALSE(AnyValueContains(ExtractFrom("Maybe I should get a parrot."), "parrot"));
}

TEST(ExtractorTest, NegationGivesPolarity) {
  auto out = ExtractFrom("I don't eat meat.");
  const Occurrence* diet = Find(out, "diet", "no meat");
  ASSERT_NE(diet, nullptr) << Dump(out);
  EXPECT_TRUE(diet->negative);
  EXPECT_EQ(Find(out, "food", "eat meat"), nullptr);
  // The negation does not reach past "but".
  out = ExtractFrom("Not a fan of crowds but I love jazz.");
  for (const Occurrence& o : out)
    if (o.value.find("jazz") != std::string::npos) EXPECT_FALSE(o.negative) << Dump(out);
}

TEST(ExtractorTest, JobOnlyWhenItIsTheAuthors) {
  auto out = ExtractFrom("I'm a nurse at the children's hospital.");
  EXPECT_NE(Find(out, "job", "nurse"), nullptr) << Dump(out);
  out = ExtractFrom("My teacher says my left hand is relaxed.");
  EXPECT_EQ(Find(out, "job", "teacher"), nullptr) << Dump(out);
  out = ExtractFrom("I work at Home Depot.");
  EXPECT_NE(Find(out, "job", "work at Home Depot"), nullptr) << Dump(out);
}

TEST(ExtractorTest, PlacesAndNames) {
  auto out = ExtractFrom("I live in Florida.");
  EXPECT_NE(Find(out, "place", "live in Florida"), nullptr) << Dump(out);
  out = ExtractFrom("We finally visited the University of Florida campus.");
  EXPECT_TRUE(AnyValueContains(out, "University of Florida")) << Dump(out);
}

TEST(ExtractorTest, HashtagsSplitAndMergeWithWords) {
  auto tag = ExtractFrom("16 weeks to go #MarathonTraining");
  auto words = ExtractFrom("My marathon training starts Monday.");
  std::string tag_key, word_key;
  for (const Occurrence& o : tag)
    if (o.value == "marathon training") tag_key = o.key;
  for (const Occurrence& o : words)
    if (o.value == "marathon training") word_key = o.key;
  ASSERT_FALSE(tag_key.empty()) << Dump(tag);
  EXPECT_EQ(tag_key, word_key) << Dump(words);
}

TEST(ExtractorTest, SingularAndPluralShareAKey) {
  auto one = ExtractFrom("I have a cat.");
  auto two = ExtractFrom("I have cats.");
  const Occurrence* a = Find(one, "pet", "cat");
  const Occurrence* b = Find(two, "pet", "cats");
  ASSERT_NE(a, nullptr) << Dump(one);
  ASSERT_NE(b, nullptr) << Dump(two);
  EXPECT_EQ(a->key, b->key);
}

TEST(ExtractorTest, BirthdayGoesToTheMentionedPersonWithThePostDate) {
  auto out = ExtractFrom("Happy birthday @sam! Have a great one", {"sam"});
  const Occurrence* b = Find(out, "birthday", "birthday: --0503");
  ASSERT_NE(b, nullptr) << Dump(out);
  EXPECT_EQ(b->mention_index, 0);
  EXPECT_EQ(b->key, "--0503");
  // Dated by the post in UTC: 2026-12-31T23:30Z is Dec 31.
  out = ExtractFrom("@alex happy anniversary!!", {"alex"}, 1798759800);
  const Occurrence* a = Find(out, "anniversary", "anniversary: --1231");
  ASSERT_NE(a, nullptr) << Dump(out);
  EXPECT_EQ(a->mention_index, 0);
}

TEST(ExtractorTest, TheAuthorsOwnBirthdayAndAnniversaryWithTheirDates) {
  struct Case {
    const char* text;
    const char* category;
    const char* value;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"My birthday is April 15th, cake time", "birthday", "birthday: --0415"},
           {"my birthday's on the 2nd of March", "birthday", "birthday: --0302"},
           {"I was born on 29 February 1996, a leap baby", "birthday", "birthday: --0229"},
           {"Our wedding anniversary is June 3 and I forgot to book", "anniversary", "anniversary: --0603"},
           {"We got married on 12 May in Lisbon", "anniversary", "anniversary: --0512"},
           // Dated by the post (2026-05-03 in these tests).
           {"Today is my birthday!", "birthday", "birthday: --0503"},
           {"Happy birthday to me 🎂", "birthday", "birthday: --0503"},
           {"It's our anniversary, dinner at Lupa", "anniversary", "anniversary: --0503"}}) {
    auto out = ExtractFrom(c.text);
    const Occurrence* o = Find(out, c.category, c.value);
    ASSERT_NE(o, nullptr) << c.text << "\n" << Dump(out);
    EXPECT_EQ(o->mention_index, -1) << c.text;
  }
}

TEST(ExtractorTest, NoOwnDateFromOthersQuestionsNegationsOrImpossibleDays) {
  for (const char* text : {"Your birthday is April 15th, right?", "It's not my birthday, relax",
                           "My birthday is April 31st", "Her anniversary is June 3", "my birthday is soon",
                           "Was born ready"}) {
    auto out = ExtractFrom(text);
    for (const Occurrence& o : out)
      EXPECT_FALSE(o.mention_index < 0 && (o.category == "birthday" || o.category == "anniversary"))
          << text << "\n" << Dump(out);
  }
}

TEST(ExtractorTest, LifeEventForTheMentionedPerson) {
  auto out = ExtractFrom("Congrats on the new job @priya!", {"priya"});
  const Occurrence* e = Find(out, "life_event", "new job");
  ASSERT_NE(e, nullptr) << Dump(out);
  EXPECT_EQ(e->mention_index, 0);
  // Without congratulations it is not an event of theirs.
  out = ExtractFrom("@priya the new job board is live", {"priya"});
  EXPECT_EQ(Find(out, "life_event", "new job"), nullptr) << Dump(out);
}

TEST(ExtractorTest, NonEnglishIsSkipped) {
  Extractor ex;
  std::vector<Occurrence> out;
  PostInput in;
  in.text = "Estou a adorar o outono em Lisboa. O mercado está cheio de castanhas.";
  in.lang = "pt";
  EXPECT_EQ(ex.Extract(in, &out), ExtractStatus::kNonEnglish);
  EXPECT_TRUE(out.empty());
  in.text = "庭のトマトが最後に採れました。";
  in.lang = "";
  EXPECT_EQ(ex.Extract(in, &out), ExtractStatus::kNonEnglish);
  in.text = "";
  EXPECT_EQ(ex.Extract(in, &out), ExtractStatus::kEmpty);
}

TEST(ExtractorTest, MentionsUrlsAndFillersAreNotTopics) {
  auto out = ExtractFrom("@bob lol yeah https://example.org/page omg 😂😂");
  EXPECT_TRUE(out.empty()) << Dump(out);
  out = ExtractFrom("@bob @carol hello @dave");
  EXPECT_TRUE(out.empty()) << Dump(out);
}

// The strongest weight of a fact (not conversational) whose value is `value`; -1 if none.
float WeightOf(const std::vector<Occurrence>& v, std::string_view value) {
  float w = -1;
  for (const Occurrence& o : v)
    if (!o.conversational && o.value == value) w = std::max(w, o.weight);
  return w;
}

TEST(ExtractorTest, SomeoneElsesFactsWeighLessThanTheAuthors) {
  auto theirs = ExtractFrom("They have a boat.");
  auto mine = ExtractFrom("I have a boat.");
  ASSERT_GT(WeightOf(mine, "boat"), 0) << Dump(mine);
  ASSERT_GT(WeightOf(theirs, "boat"), 0) << Dump(theirs);
  EXPECT_LT(WeightOf(theirs, "boat"), WeightOf(mine, "boat"));
  // "her daughter" is not the author's daughter.
  auto hers = ExtractFrom("Her daughter plays soccer.");
  auto my = ExtractFrom("My daughter plays soccer.");
  EXPECT_LT(WeightOf(hers, "daughter"), WeightOf(my, "daughter")) << Dump(hers) << Dump(my);
}

TEST(ExtractorTest, PossibilitiesAndWishesWeighLessThanStatements) {
  auto could = ExtractFrom("I could eat pizza every day.");
  auto eat = ExtractFrom("I eat pizza every day.");
  ASSERT_GT(WeightOf(could, "pizza"), 0) << Dump(could);
  EXPECT_LT(WeightOf(could, "pizza"), WeightOf(eat, "pizza")) << Dump(eat);
  auto wish = ExtractFrom("I wish I had a horse.");
  auto have = ExtractFrom("I have a horse.");
  EXPECT_LT(WeightOf(wish, "horse"), WeightOf(have, "horse")) << Dump(wish) << Dump(have);
  // "would love" states a preference: not discounted.
  auto love = ExtractFrom("I would love to visit Italy.");
  auto live = ExtractFrom("I love Italy.");
  EXPECT_FLOAT_EQ(WeightOf(love, "Italy"), WeightOf(live, "Italy")) << Dump(love) << Dump(live);
}

TEST(ExtractorTest, PlansWeighLessThanStatements) {
  // "I will", "I'll": an intention, like a possibility, is weaker evidence.
  auto will = ExtractFrom("I will build a treehouse.");
  auto built = ExtractFrom("I build treehouses.");
  ASSERT_GT(WeightOf(will, "treehouse"), 0) << Dump(will);
  EXPECT_LT(WeightOf(will, "treehouse"), WeightOf(built, "treehouses")) << Dump(built);
  auto ll = ExtractFrom("I'll bring some ribeye steak.");
  auto have = ExtractFrom("I have some ribeye steak.");
  EXPECT_LT(WeightOf(ll, "ribeye steak"), WeightOf(have, "ribeye steak")) << Dump(ll) << Dump(have);
}

TEST(ExtractorTest, TheAuthorsAge) {
  auto out = ExtractFrom("How old are you? I am 24.");
  EXPECT_NE(Find(out, "age", "24 years old"), nullptr) << Dump(out);
  out = ExtractFrom("I'm 45 years old and I love dogs.");
  const Occurrence* age = Find(out, "age", "45 years old");
  ASSERT_NE(age, nullptr) << Dump(out);
  EXPECT_EQ(age->key, "45");
  EXPECT_NE(Find(ExtractFrom("I just turned 30!"), "age", "30 years old"), nullptr);
  EXPECT_NE(Find(ExtractFrom("I'm only 19, but I work."), "age", "19 years old"), nullptr);
  // "I m" typed without the apostrophe.
  EXPECT_NE(Find(ExtractFrom("I m 19 and all my friends went away."), "age", "19 years old"), nullptr);
  EXPECT_NE(Find(ExtractFrom("I m a nurse."), "job", "nurse"), nullptr);
  EXPECT_NE(Find(ExtractFrom("Well I'm in my 70s now."), "age", "70s"), nullptr);
  EXPECT_NE(Find(ExtractFrom("In all my 56 years I never saw one."), "age", "56 years old"), nullptr);
  // Quantities, someone else's age, a question: no age.
  for (std::string_view text : {"I'm 5 minutes away.", "I am 100% sure.", "I'm 6 feet tall.", "My son is 4.",
                                "Are you 45?", "She is 45.", "I have 2 kids.", "I was there 3 times."}) {
    out = ExtractFrom(text);
    for (const Occurrence& o : out) EXPECT_NE(o.category, "age") << text << ": " << Dump(out);
  }
}

TEST(ExtractorTest, ANounAfterHaveIsWhatTheSpeakerHas) {
  EXPECT_TRUE(AnyValueContains(ExtractFrom("I have allergies."), "allergies"));
  EXPECT_TRUE(AnyValueContains(ExtractFrom("I've stepchildren, I cook for them."), "stepchildren"));
  // A past participle after "have" is still a verb, no fact by itself.
  for (std::string_view text : {"I have lived here for years.", "I've thought about it.", "I have seen it.",
                                "I have gotten better.", "I've known him."}) {
    auto out = ExtractFrom(text);
    EXPECT_TRUE(out.empty()) << text << ": " << Dump(out);
  }
}

TEST(ExtractorTest, AnAdjectiveAfterTheAuthorsCopulaIsAState) {
  auto out = ExtractFrom("I'm single. I am very shy.");
  EXPECT_TRUE(AnyValueContains(out, "single")) << Dump(out);
  EXPECT_TRUE(AnyValueContains(out, "shy")) << Dump(out);
  EXPECT_TRUE(AnyValueContains(ExtractFrom("I am still very young."), "young"));
  // "young" is an adjective like "younger": a modifier, and no state in the past.
  EXPECT_NE(Find(ExtractFrom("My young son loves trains."), "family", "young son"), nullptr);
  EXPECT_FALSE(AnyValueContains(ExtractFrom("When I was young I played soccer."), "young"));
  // Reactions to the other person, someone else's state, a plain predicate: no state.
  for (std::string_view text : {"I'm so proud of you.", "I'm sure.", "I'm jealous!", "She is single.",
                                "The food was fresh.", "Are you single?"}) {
    out = ExtractFrom(text);
    EXPECT_FALSE(AnyValueContains(out, "proud") || AnyValueContains(out, "sure") ||
                 AnyValueContains(out, "jealous") || AnyValueContains(out, "single") ||
                 AnyValueContains(out, "fresh"))
        << text << ": " << Dump(out);
  }
}

TEST(ExtractorTest, AnAdverbDoesNotSeparateAVerbFromItsObject) {
  auto out = ExtractFrom("I live directly on the beach.");
  EXPECT_NE(Find(out, "place", "live directly on the beach"), nullptr) << Dump(out);
  // Without the adverb the object is as far: still no verb phrase.
  out = ExtractFrom("I live in a big old house on the beach.");
  EXPECT_EQ(Find(out, "place", "live in a big old house on the beach"), nullptr) << Dump(out);
}

TEST(ExtractorTest, LanguagesAndWalkingAreActivities) {
  auto out = ExtractFrom("I speak spanish.");
  EXPECT_NE(Find(out, "language", "speak spanish"), nullptr) << Dump(out);
  out = ExtractFrom("I walk as a hobby.");
  EXPECT_NE(Find(out, "hobby", "walk as a hobby"), nullptr) << Dump(out);
  out = ExtractFrom("Do you speak spanish?");
  EXPECT_FALSE(AnyValueContains(out, "spanish")) << Dump(out);
}

TEST(ExtractorTest, WhereTheAuthorComesFromIsAPlace) {
  auto out = ExtractFrom("I'm from LA but I don't know much about it.");
  EXPECT_NE(Find(out, "place", "LA"), nullptr) << Dump(out);
  out = ExtractFrom("I grew up on a farm.");
  EXPECT_NE(Find(out, "place", "farm"), nullptr) << Dump(out);
  // Not someone else's origin, and "from" elsewhere is no origin.
  out = ExtractFrom("She is from LA.");
  EXPECT_EQ(Find(out, "place", "LA"), nullptr) << Dump(out);
  out = ExtractFrom("I got a letter from my mom.");
  for (const Occurrence& o : out) EXPECT_NE(o.category, "place") << Dump(out);
  // A word typed otherwise keeps its type.
  out = ExtractFrom("I'm from the chess club.");
  EXPECT_NE(Find(out, "hobby", "chess club"), nullptr) << Dump(out);
  for (const Occurrence& o : out) EXPECT_NE(o.category, "place") << Dump(out);
}

TEST(ExtractorTest, PhrasesOfALongPostWeighLess) {
  // Up to about two sentences nothing changes; in a long post each phrase is
  // less likely to be one of its few facts.
  auto short_post = ExtractFrom("I have a boat.");
  auto two_sentences = ExtractFrom("I have a boat. We take it out on the lake every weekend when it is warm.");
  auto long_post = ExtractFrom(
      "I have a boat. We take it out on the lake every weekend when it is warm, and in the winter it sits in "
      "the barn behind the house until the ice melts and the whole family can go fishing again together.");
  ASSERT_GT(WeightOf(short_post, "boat"), 0) << Dump(short_post);
  EXPECT_FLOAT_EQ(WeightOf(two_sentences, "boat"), WeightOf(short_post, "boat")) << Dump(two_sentences);
  EXPECT_LT(WeightOf(long_post, "boat"), WeightOf(short_post, "boat")) << Dump(long_post);
  EXPECT_GT(WeightOf(long_post, "boat"), 0.5f * WeightOf(short_post, "boat")) << Dump(long_post);
  // A date said outright keeps its weight however long the post.
  auto date = ExtractFrom(
      "My birthday is April 15th and every year we go out on the lake with the whole family, the dogs, the "
      "neighbours and anyone else who wants to come along for the ride.");
  const Occurrence* birthday = Find(date, "birthday", "birthday: --0415");
  ASSERT_NE(birthday, nullptr) << Dump(date);
  EXPECT_FLOAT_EQ(birthday->weight, 2.0f);
}

TEST(ExtractorTest, WhatIsMineIsTheAuthors) {
  auto mine = ExtractFrom("Orange is mine. Why white?");
  auto like = ExtractFrom("I like orange.");
  ASSERT_GT(WeightOf(mine, "orange"), 0) << Dump(mine);
  EXPECT_GE(WeightOf(mine, "orange"), WeightOf(like, "orange")) << Dump(like);
  auto fav = ExtractFrom("Pizza is my favorite food.");
  auto plain = ExtractFrom("Pizza is good food.");
  EXPECT_GT(WeightOf(fav, "pizza"), WeightOf(plain, "pizza")) << Dump(fav) << Dump(plain);
  auto passion = ExtractFrom("Cooking is my passion.");
  auto plainly = ExtractFrom("Cooking is hard work.");
  EXPECT_GT(WeightOf(passion, "cooking"), WeightOf(plainly, "cooking")) << Dump(passion) << Dump(plainly);
  // Not in a question, not without "mine".
  EXPECT_FALSE(AnyValueContains(ExtractFrom("Is orange yours?"), "orange"));
  auto best = ExtractFrom("Cats are the best.");
  EXPECT_LT(WeightOf(best, "cats"), WeightOf(ExtractFrom("Cats are mine."), "cats")) << Dump(best);
}

TEST(ExtractorTest, DoNotIsDont) {
  // After "do not", as after "don't", comes a verb, no fact by itself.
  auto out = ExtractFrom("My parents do not support me.");
  EXPECT_FALSE(AnyValueContains(out, "support")) << Dump(out);
  out = ExtractFrom("I do not eat meat.");
  EXPECT_NE(Find(out, "diet", "no meat"), nullptr) << Dump(out);
}

TEST(ExtractorTest, PredicateAfterACopulaIsContent) {
  EXPECT_TRUE(AnyValueContains(ExtractFrom("I'm pregnant with twins."), "pregnant"));
  // A progressive verb after the copula is still a verb.
  auto out = ExtractFrom("I'm thinking about it.");
  EXPECT_FALSE(AnyValueContains(out, "thinking")) << Dump(out);
}

TEST(ExtractorTest, StatesAfterACopulaAreTyped) {
  auto out = ExtractFrom("I'm married.");
  EXPECT_NE(Find(out, "partner", "married"), nullptr) << Dump(out);
  out = ExtractFrom("I am retired now.");
  EXPECT_NE(Find(out, "job", "retired"), nullptr) << Dump(out);
  out = ExtractFrom("Are you married?");
  EXPECT_EQ(Find(out, "partner", "married"), nullptr) << Dump(out);
}

TEST(ExtractorTest, ToAfterAVerbOfMotionLeadsAPlace) {
  auto out = ExtractFrom("I go to church every week.");
  EXPECT_TRUE(AnyValueContains(out, "church")) << Dump(out);
  // Elsewhere "to" still marks a verb, which is no fact by itself.
  out = ExtractFrom("I want to fix it.");
  EXPECT_FALSE(AnyValueContains(out, "fix")) << Dump(out);
}

TEST(ExtractorTest, GerundAfterDoIsTheActivity) {
  auto out = ExtractFrom("I do plumbing jobs on weekends.");
  EXPECT_TRUE(AnyValueContains(out, "plumbing")) << Dump(out);
  out = ExtractFrom("I did mention it.");
  EXPECT_FALSE(AnyValueContains(out, "mention")) << Dump(out);
}

TEST(ExtractorTest, LexiconNounAfterAVerbSlotIsAnObject) {
  auto out = ExtractFrom("I had chicken for dinner.");
  EXPECT_NE(Find(out, "food", "chicken"), nullptr) << Dump(out);
  for (const Occurrence& o : out) EXPECT_NE(o.category, "hobby") << Dump(out);
}

TEST(ExtractorTest, AClauseWithoutSubjectContinuesThePreviousOne) {
  auto list = ExtractFrom("I love old bands, the Eagles, the Beatles.");
  auto apart = ExtractFrom("I love old bands. The Eagles are great.");
  ASSERT_GT(WeightOf(list, "Eagles"), 0) << Dump(list);
  EXPECT_GT(WeightOf(list, "Eagles"), WeightOf(apart, "Eagles")) << Dump(apart);
  // ...and stays a question when the first clause asks.
  auto out = ExtractFrom("Do you like dogs, cats, or birds?");
  EXPECT_FALSE(AnyValueContains(out, "cats")) << Dump(out);
  EXPECT_TRUE(AnyConversational(out, "cats")) << Dump(out);
}

TEST(ExtractorTest, VagueWordsAreNoCandidates) {
  auto out = ExtractFrom("I look forward to it and I went through a lot.");
  EXPECT_TRUE(out.empty()) << Dump(out);
  out = ExtractFrom("At my age, any place with good options is alright.");
  EXPECT_FALSE(AnyValueContains(out, "age")) << Dump(out);
  EXPECT_FALSE(AnyValueContains(out, "place")) << Dump(out);
  EXPECT_FALSE(AnyValueContains(out, "options")) << Dump(out);
  out = ExtractFrom("I want something new, I like it alot and I'm outside.");
  EXPECT_TRUE(out.empty()) << Dump(out);
  // A word a vague one modifies is kept.
  out = ExtractFrom("I got a new job.");
  EXPECT_TRUE(AnyValueContains(out, "job")) << Dump(out);
}

TEST(ExtractorTest, AmbiguousWordsAreNotTyped) {
  // "country" is a nation unless it is "country music"; "chicken" is mostly food.
  auto out = ExtractFrom("It's a beautiful country.");
  for (const Occurrence& o : out) EXPECT_NE(o.category, "music") << Dump(out);
  out = ExtractFrom("I love country music.");
  EXPECT_NE(Find(out, "music", "country music"), nullptr) << Dump(out);
}

TEST(ExtractorTest, AStatementBeforeAQuestionInOneSentenceIsKept) {
  // No comma between the statement and the question: the statement is still the author's.
  auto out = ExtractFrom("I have to walk 3 miles to work everyday what do you do?");
  EXPECT_TRUE(AnyValueContains(out, "miles") || AnyValueContains(out, "work")) << Dump(out);
  out = ExtractFrom("I actually have a trade electrician you?");
  EXPECT_TRUE(AnyValueContains(out, "electrician")) << Dump(out);
  // What comes after the wh-word asks.
  out = ExtractFrom("I was wondering what kind of music you like?");
  EXPECT_FALSE(AnyValueContains(out, "music")) << Dump(out);
  // A question that opens with its auxiliary asks as before.
  out = ExtractFrom("Have you tried listening to taylor swift?");
  EXPECT_FALSE(AnyValueContains(out, "swift")) << Dump(out);
}

TEST(ExtractorTest, AnAuxiliaryOpeningWithoutQuestionMarkAsksOnlyTheListener) {
  // "I" dropped: a statement.
  auto out = ExtractFrom("Was really good at chucking grenades.");
  EXPECT_TRUE(AnyValueContains(out, "grenades")) << Dump(out);
  // Speaking to the listener, or with a wh-word: a question without its '?'.
  out = ExtractFrom("Do you have any pets");
  EXPECT_FALSE(AnyValueContains(out, "pets")) << Dump(out);
  out = ExtractFrom("What kind of music");
  EXPECT_FALSE(AnyValueContains(out, "music")) << Dump(out);
}

TEST(ExtractorTest, MyRelativeInAQuestionOrSuppositionIsStillTheAuthors) {
  auto out = ExtractFrom("Do you want to meet my wife?");
  EXPECT_NE(Find(out, "partner", "wife"), nullptr) << Dump(out);
  out = ExtractFrom("If I tried to eat cheese my cats would snatch it.");
  EXPECT_NE(Find(out, "pet", "cats"), nullptr) << Dump(out);
  EXPECT_FALSE(AnyValueContains(out, "cheese")) << Dump(out);
  // Kept as weakly as a possibility.
  EXPECT_LT(WeightOf(ExtractFrom("Do you want to meet my wife?"), "wife"), WeightOf(ExtractFrom("I love my wife."), "wife"));
  // Not the listener's relatives, nor a relation without "my".
  out = ExtractFrom("Do you want to meet your wife there?");
  EXPECT_EQ(Find(out, "partner", "wife"), nullptr) << Dump(out);
  out = ExtractFrom("Do you have a wife?");
  EXPECT_EQ(Find(out, "partner", "wife"), nullptr) << Dump(out);
}

TEST(ExtractorTest, ReusedExtractorGivesTheSameResult) {
  Extractor ex;
  std::vector<Occurrence> a, b, c;
  PostInput in;
  in.text = "My dog Rover loves the beach.";
  in.lang = "en";
  ex.Extract(in, &a);
  in.text = "Totally different: I play chess at the club.";
  ex.Extract(in, &b);
  in.text = "My dog Rover loves the beach.";
  ex.Extract(in, &c);
  ASSERT_EQ(a.size(), c.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].key, c[i].key);
}

}  // namespace
}  // namespace rapport::nlp
