#include "nlp/stopwords.h"

#include <algorithm>
#include <array>

namespace rapport::nlp {

namespace {

// Our own list, in the spirit of the public-domain SMART stop list and the
// NLTK English list but written for posts: determiners, pronouns,
// prepositions, conjunctions, auxiliaries and their contractions (with and
// without the apostrophe: "don't", "dont"), frequent adverbs, and chat fillers
// ("lol", "haha", "omg", "tbh", "gonna"). Single letters other than "a", "i"
// and "u" are left out: they are usually initials. Entries are lower case with
// ASCII apostrophes, as Token norms are. Sorted (byte order) for binary search.
constexpr std::array<std::string_view, 404> kStopwords = {
    "a", "about", "above", "across", "after", "afterwards", "again", "against", "ago", "ah", "ahh",
    "ain't", "aint", "all", "almost", "along", "already", "also", "although", "always", "am", "among",
    "an", "and", "another", "any", "anybody", "anyone", "anything", "anyway", "anyways", "anywhere", "are",
    "aren't", "arent", "around", "as", "at", "aw", "aww", "be", "became", "because", "become", "becomes",
    "been", "before", "beforehand", "behind", "being", "below", "beside", "besides", "between", "beyond",
    "both", "brb", "btw", "but", "by", "can", "can't", "cannot", "cant", "cos", "could", "couldn't",
    "couldnt", "cuz", "did", "didn't", "didnt", "do", "does", "doesn't", "doesnt", "doing", "don't",
    "done", "dont", "down", "dunno", "during", "each", "eh", "either", "else", "elsewhere", "enough",
    "etc", "even", "ever", "every", "everybody", "everyone", "everything", "everywhere", "few", "for",
    "from", "further", "get", "gets", "getting", "gimme", "go", "goes", "going", "gone", "gonna", "got",
    "gotta", "had", "hadn't", "hadnt", "haha", "hahaha", "hahahaha", "has", "hasn't", "hasnt", "have",
    "haven't", "havent", "having", "he", "he'd", "he'll", "he's", "hed", "hehe", "hello", "hence", "her",
    "here", "here's", "heres", "hers", "herself", "hes", "hey", "hi", "him", "himself", "his", "hm", "hmm",
    "how", "how's", "however", "hows", "i", "i'd", "i'll", "i'm", "i've", "idk", "if", "ikr", "im", "imho",
    "imo", "in", "indeed", "into", "is", "isn't", "isnt", "it", "it'd", "it'll", "it's", "its", "itself",
    "ive", "just", "kinda", "kk", "least", "lemme", "less", "let", "let's", "lets", "like", "lmao",
    "lmfao", "lol", "lots", "ma'am", "many", "may", "maybe", "me", "meanwhile", "might", "mine", "more",
    "moreover", "most", "mostly", "much", "must", "mustn't", "my", "myself", "nah", "namely", "neither",
    "never", "nevertheless", "next", "no", "nobody", "none", "noone", "nope", "nor", "not", "nothing",
    "now", "nowhere", "of", "off", "often", "oh", "ok", "okay", "omg", "on", "once", "one", "only", "onto",
    "or", "other", "others", "otherwise", "our", "ours", "ourselves", "out", "over", "own", "per",
    "perhaps", "please", "pls", "plz", "quite", "rather", "re", "really", "rofl", "same", "shall",
    "shan't", "she", "she'd", "she'll", "she's", "shes", "should", "shouldn't", "shouldnt", "since", "so",
    "some", "somebody", "someone", "something", "sometime", "sometimes", "somewhat", "somewhere", "soo",
    "sooo", "still", "such", "sure", "tbh", "than", "thanks", "that", "that'll", "that's", "thats", "the",
    "their", "theirs", "them", "themselves", "then", "thence", "there", "there's", "thereafter", "thereby",
    "therefore", "theres", "these", "they", "they'd", "they'll", "they're", "they've", "theyre", "theyve",
    "thing", "things", "this", "tho", "those", "though", "thru", "thus", "thx", "till", "to", "together",
    "too", "toward", "towards", "u", "ugh", "uh", "uhh", "um", "umm", "under", "until", "up", "upon", "ur",
    "us", "very", "via", "wanna", "was", "wasn't", "wasnt", "we", "we'd", "we'll", "we're", "we've",
    "were", "weren't", "werent", "weve", "what", "what's", "whatever", "whats", "when", "whence",
    "whenever", "where", "where's", "whereas", "wherever", "whether", "which", "while", "who", "who's",
    "whoever", "whole", "whom", "whose", "why", "will", "with", "within", "without", "won't", "wont",
    "would", "wouldn't", "wouldnt", "wow", "xd", "y'all", "ya", "yall", "yea", "yeah", "yep", "yes", "yet",
    "you", "you'd", "you'll", "you're", "you've", "youd", "youll", "your", "youre", "yours", "yourself",
    "yourselves", "youve", "yup",
};

static_assert(std::is_sorted(kStopwords.begin(), kStopwords.end()), "kStopwords must be sorted");

}  // namespace

bool IsStopword(std::string_view word) {
  return std::binary_search(kStopwords.begin(), kStopwords.end(), word);
}

}  // namespace rapport::nlp
