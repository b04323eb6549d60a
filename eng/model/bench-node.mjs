// Node side of the model benchmark (run by `CvTailor.Bench bench-model`): embeds the same texts with the
// reference JavaScript runtime and prints one JSON line with throughput, load time and memory.
// Usage: node eng/model/bench-node.mjs --input texts.json [--runs 5] [--pack 32] [--vectors 20] [--runtime DIR]
import fs from "node:fs";
import { argValue, loadReferenceModel, runtimeDirectory } from "./runtime.mjs";

const texts = JSON.parse(fs.readFileSync(argValue(process.argv, "--input"), "utf-8"));
const runs = Number(argValue(process.argv, "--runs", "5"));
const pack = Number(argValue(process.argv, "--pack", "32"));
const vectorCount = Number(argValue(process.argv, "--vectors", "20"));

const loadStart = performance.now();
const { model, backend } = await loadReferenceModel(runtimeDirectory(process.argv));
const loadMs = performance.now() - loadStart;
const rssAfterLoad = process.memoryUsage().rss;

async function pass() {
  const vectors = [];
  for (let i = 0; i < texts.length; i += pack) {
    vectors.push(...(await model.embed(texts.slice(i, i + pack))));
  }
  return vectors;
}

const first = await pass(); // warm-up, also the vectors the C# side compares with
const times = [];
for (let r = 0; r < runs; r++) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await pass();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  times.push({ wall, cpu: (used.user + used.system) / 1000 });
}
times.sort((a, b) => a.wall - b.wall);
const { wall: medianMs, cpu: cpuMs } = times[Math.floor(times.length / 2)];

console.log(JSON.stringify({
  backend,
  node: process.version,
  loadMs,
  medianMs,
  cpuMs,
  sentencesPerSecond: texts.length / (medianMs / 1000),
  rssAfterLoadBytes: rssAfterLoad,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  vectors: first.slice(0, vectorCount),
}));
