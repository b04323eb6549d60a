namespace CvTailor.Bench.Model;

/// <summary>Deterministic CV-like English sentences of 18–24 words (about 21 on average).</summary>
internal static class BenchSentences
{
    static readonly string[] Subjects =
    [
        "I", "We", "The team", "Our platform group", "A small squad of engineers", "The data team", "My manager",
        "The company", "Each developer", "The new service",
    ];

    static readonly string[] Verbs =
    [
        "designed", "built", "migrated", "maintained", "improved", "automated", "documented", "tested", "monitored",
        "rewrote", "scaled", "deployed", "reviewed", "changed", "delivered", "led",
    ];

    static readonly string[] Objects =
    [
        "the payment pipeline", "a customer search API", "the reporting dashboards", "our legacy billing system",
        "the onboarding flow", "several internal tools", "a recommendation model", "the mobile release process",
        "the data warehouse", "a set of small services", "the continuous integration setup", "the order history page",
    ];

    static readonly string[] Details =
    [
        "using", "with", "for", "across", "in", "on", "while", "after", "before", "by", "through", "without",
    ];

    static readonly string[] Words =
    [
        "Python", "Java", "web", "data", "cloud", "mobile", "new", "old", "small", "large", "good", "open", "simple",
        "work", "time", "people", "money", "plans", "goals", "year", "month", "week", "day", "project", "system",
        "three", "regions", "millions", "of", "daily", "requests", "and", "a", "clear", "focus", "on", "reliability",
        "latency", "cost", "quality", "security", "users", "customers", "partners", "teams", "weekly", "releases",
        "careful", "code", "reviews", "pair", "programming", "tests", "metrics", "alerts", "incidents", "the",
        "production", "environment", "better", "faster", "simpler", "cheaper", "accessible", "documentation",
        "feedback", "from", "stakeholders", "product", "managers", "designers", "analysts", "support", "staff",
    ];

    public static List<string> Generate(int count, int seed = 20261124)
    {
        var random = new Random(seed);
        var sentences = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var target = random.Next(18, 25);
            var words = new List<string>(target + 4);
            words.AddRange(Subjects[random.Next(Subjects.Length)].Split(' '));
            words.Add(Verbs[random.Next(Verbs.Length)]);
            words.AddRange(Objects[random.Next(Objects.Length)].Split(' '));
            words.Add(Details[random.Next(Details.Length)]);
            while (words.Count < target)
            {
                words.Add(Words[random.Next(Words.Length)]);
            }
            if (words.Count > target)
            {
                words.RemoveRange(target, words.Count - target);
            }
            sentences.Add(string.Join(' ', words) + ".");
        }
        return sentences;
    }
}
