using System.Collections.Frozen;

namespace CvTailor.Api.Generation.Text;

/// <summary>
/// Everyday words of job ads that never make a screening keyword on their own: common verbs, generic nouns and
/// adjectives ("team", "build", "fast", "customers"). Keyword extraction contrasts a posting's phrases with them,
/// the way a general-English frequency list would, without shipping one.
/// </summary>
public static class GeneralWords
{
    /// <summary>Verbs that open requirement lines ("Build …", "Own …", "Partner with …").</summary>
    public static readonly FrozenSet<string> Verbs = new[]
    {
        "build", "builds", "building", "built", "design", "designing", "designs", "run", "runs", "running", "own", "owns",
        "owning", "lead", "leads", "leading", "drive", "drives", "driving", "work", "works", "partner", "partners", "partnering",
        "help", "helps", "helping", "make", "makes", "making", "keep", "keeps", "keeping", "ship", "ships", "shipping",
        "deliver", "delivers", "delivering", "create", "creates", "creating", "develop", "develops", "developing", "improve",
        "improves", "improving", "evolve", "evolves", "evolving", "operate", "operates", "operating", "support", "supports",
        "supporting", "manage", "manages", "managing", "maintain", "maintains", "maintaining", "define", "defines", "defining",
        "use", "uses", "used", "apply", "applies", "applying", "join", "joins", "joining", "take", "takes", "taking", "set",
        "sets", "setting", "bring", "brings", "bringing", "mentor", "mentors", "mentoring", "collaborate", "collaborates",
        "collaborating", "communicate", "communicates", "communicating", "ensure", "ensures", "ensuring", "write", "writes",
        "writing", "review", "reviews", "reviewing", "plan", "plans", "planning", "look", "looks", "looking", "grow", "grows",
        "growing", "scale", "scales", "shape", "shapes", "shaping", "turn", "turns", "put", "puts", "get", "gets", "go",
        "goes", "want", "wants", "need", "needs", "needed", "enjoy", "enjoys", "love", "loves", "care", "cares", "thrive",
        "thrives", "joined", "agree", "agrees", "hold", "holds", "automate", "automates", "benchmark", "combine", "report",
        "measure", "measures", "understand", "understands", "adopt", "evaluate", "evaluates", "integrate", "prepare",
        "remove", "spot", "train", "trains", "serve", "serves", "sell", "sells", "process", "processes", "handle",
        "handles", "handling", "explain", "translate", "contribute", "contributes", "influence", "raise", "owning",
        "learn", "learning", "identify", "prioritise", "prioritize", "prioritising", "prioritizing", "decide", "talk",
        "talks", "spend", "spends", "split", "splitting", "look", "find", "gather", "gathering", "iterate", "launch",
        "launches", "launching", "test", "tests", "hire", "hiring", "seek", "seeking", "join", "offer", "offers", "pay",
        "become", "becomes", "means", "mean", "including", "include", "includes", "covering", "cover", "covers", "based",
        "working", "worked", "have", "has", "are", "is", "be", "been", "do", "does", "done", "said", "say", "says",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Generic nouns and adjectives.</summary>
    public static readonly FrozenSet<string> Generic = new[]
    {
        "team", "teams", "role", "roles", "company", "companies", "people", "person", "someone", "everyone", "customers",
        "customer", "users", "user", "product", "products", "business", "businesses", "work", "time", "times", "day",
        "days", "week", "weeks", "month", "months", "year", "years", "today", "way", "ways", "thing", "things", "part",
        "lot", "lots", "kind", "kinds", "type", "types", "level", "levels", "new", "best", "better", "good", "great",
        "high", "large", "small", "big", "fast", "quick", "clear", "real", "own", "first", "last", "next", "key", "main",
        "many", "several", "various", "different", "right", "wrong", "hard", "easy", "easiest", "end", "ends", "world",
        "number", "numbers", "place", "places", "case", "cases", "area", "areas", "range", "set", "sets", "group", "groups",
        "opportunity", "opportunities", "environment", "environments", "impact", "mission", "growth", "culture", "values",
        "benefits", "salary", "office", "offices", "remote", "hybrid", "location", "home", "country", "countries",
        "approach", "approaches", "problem", "problems", "solution", "solutions", "idea", "ideas", "decision", "decisions",
        "systems", "system", "tools", "tool", "work", "job", "jobs", "career", "colleagues", "engineers", "engineer",
        "developers", "developer", "manager", "managers", "partners", "stakeholders", "leaders", "leader", "members",
        "member", "staff", "employees", "candidates", "candidate", "applicants", "hours", "minutes", "weekly", "daily",
        "monthly", "annual", "every", "whole", "entire", "full", "future", "current", "existing", "other", "similar",
        "related", "relevant", "important", "critical", "complex", "simple", "modern", "strong", "ambitious", "curious",
        "collaborative", "friendly", "passionate", "motivated", "independent", "closely", "together", "well", "quality",
        "pace", "speed", "success", "results", "outcomes", "outcome", "goals", "goal", "priorities", "priority", "plans",
        "questions", "answers", "feedback", "support", "help", "example", "examples", "etc", "plus", "lines", "line",
        "production", "practice", "practices", "another", "tricky", "crisp", "core", "classic", "messy", "clean",
        "robust", "reliable", "scalable", "secure", "efficient", "effective", "thoughtful", "rigorous", "pragmatic",
        "practical", "meaningful", "compelling", "concise", "polished", "sound", "basic", "overall", "general", "broad",
        "wide", "deep", "essential", "successful", "latest", "recent", "traditional", "typical", "common",
        "sophisticated", "seamless", "delightful", "intuitive", "elegant", "maintainable", "readable", "safe", "fair",
        "honest", "hard-working", "world-class", "fast-growing", "fast-paced", "cutting-edge", "innovative", "exciting",
        "interesting", "challenging", "seven", "five", "ten", "two", "three", "four", "six", "eight", "nine", "dozens",
        "hundreds", "thousands", "millions", "behind", "beyond", "ground", "genuine", "tiny", "huge", "massive", "share", "half", "third", "quarter", "lot", "bar", "friction", "direction", "example", "experience", "use",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Capitalised words that are places, days and other names, never skills.</summary>
    public static readonly FrozenSet<string> Names = new[]
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december", "europe", "european",
        "uk", "us", "usa", "eu", "emea", "apac", "london", "berlin", "paris", "amsterdam", "dublin", "remote", "hybrid",
        "i", "we", "you", "our", "your", "ceo", "cto", "cfo", "coo", "vp", "hr", "ok", "faq", "asap", "ote", "pto",
        "head", "director", "chief", "president", "founder", "founders", "officer",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Verbs that only ever act as verbs, so a noun phrase cannot run through them.</summary>
    static readonly FrozenSet<string> ClauseVerbs = new[]
    {
        "get", "gets", "got", "stay", "stays", "fall", "falls", "behave", "behaves", "matter", "matters", "reflect",
        "reflects", "spill", "spills", "lose", "loses", "losing", "written", "keep", "keeps", "make", "makes", "made",
        "takes", "took", "give", "gives", "gave", "know", "knows", "knew", "think", "thinks", "feel", "feels", "seem",
        "seems", "come", "comes", "came", "goes", "went", "want", "wants", "like", "likes", "love", "loves", "enjoy",
        "enjoys", "join", "joins", "help", "helps", "let", "lets", "mean", "means", "become", "becomes", "remain",
        "remains", "move", "moves", "ask", "asks", "tell", "tells", "see", "sees", "show", "shows", "hear", "try", "tries",
        "spend", "spends", "sit", "sits", "speak", "speaks", "agree", "agrees", "happen", "happens", "exist", "exists",
        "belong", "belongs", "depend", "depends", "rely", "relies", "sound", "sounds", "wish", "hope", "believe",
        "believes", "expect", "expects", "allow", "allows", "enable", "enables", "involve", "involves", "require",
        "requires", "ensure", "ensures", "stop", "stops", "start", "starts", "sell", "sells", "affect", "affects",
        "affected", "pay", "pays", "paid", "sure", "estimate", "estimates", "moving", "meeting", "organise",
        "organize", "reach", "reaches", "hit", "hits", "beat", "turning", "putting", "getting", "making", "keeping", "can't", "won't", "don't", "isn't", "aren't", "genuinely",
    }.ToFrozenSet(StringComparer.Ordinal);

    static readonly FrozenSet<string> NotAdverbs = new[]
    {
        "supply", "apply", "reply", "assembly", "anomaly", "family", "italy", "early", "daily", "weekly", "monthly",
        "quarterly", "yearly", "hourly", "only", "fly", "ally", "rally", "poly", "july", "friendly", "butterfly",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsGeneral(string lowerWord) => Verbs.Contains(lowerWord) || Generic.Contains(lowerWord);

    /// <summary>A verb or adverb ("mostly", "genuinely") that ends any noun phrase around it.</summary>
    public static bool IsClauseWord(string lowerWord) =>
        ClauseVerbs.Contains(lowerWord) || (lowerWord.Length > 4 && lowerWord.EndsWith("ly", StringComparison.Ordinal) && !NotAdverbs.Contains(lowerWord));
}
