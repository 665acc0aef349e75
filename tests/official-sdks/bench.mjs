// Latency, throughput and peak memory of the official Together AI and JigsawStack npm SDKs, unmodified, against a
// running Pyannote.Sdk emulator, with the same requests as our harness (tests/Pyannote.Sdk.Benchmarks.Harness,
// `transcribe` mode). eng/bench-official-sdks.sh starts the emulator and runs both sides. Environment:
//   EMULATOR_TOGETHER_URL, EMULATOR_JIGSAWSTACK_URL, EMULATOR_API_KEY, SAMPLE_AUDIO (as for run.mjs)
//   BENCH_VENDOR       together | jigsawstack (one vendor per process, so peak memory is per SDK)
//   BENCH_N            sequential calls measured for latency (default 50), after BENCH_WARMUP (default 5) warm-up calls
//   BENCH_CONCURRENCY  calls in flight for the throughput run (default 8); BENCH_CALLS calls in total (default 200)
// Prints one JSON object.
import fs from "node:fs";
import Together from "together-ai";
import { JigsawStack } from "jigsawstack";

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const vendor = env("BENCH_VENDOR");
const apiKey = env("EMULATOR_API_KEY", "emulator-key");
const audioPath = env("SAMPLE_AUDIO");
const n = Number(env("BENCH_N", "50"));
const warmup = Number(env("BENCH_WARMUP", "5"));
const concurrency = Number(env("BENCH_CONCURRENCY", "8"));
const calls = Number(env("BENCH_CALLS", "200"));

function statusKb(name) {
  const line = fs.readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith(name + ":"));
  return line ? Number(line.split(/\s+/)[1]) * 1024 : -1;
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 10);

let call;
if (vendor === "together") {
  // Same request as ours: file upload, verbose_json, diarize, segment + word timestamps.
  const together = new Together({ apiKey, baseURL: new URL("v1", env("EMULATOR_TOGETHER_URL")).toString(), maxRetries: 0 });
  call = async () => {
    const result = await together.audio.transcriptions.create({
      file: fs.createReadStream(audioPath),
      model: "openai/whisper-large-v3",
      response_format: "verbose_json",
      diarize: true,
      timestamp_granularities: ["segment", "word"],
    });
    return result.words.length;
  };
} else if (vendor === "jigsawstack") {
  // Same as ours: the file stored once, then URL mode with by_speaker.
  const jigsaw = JigsawStack({ apiKey, baseURL: env("EMULATOR_JIGSAWSTACK_URL").replace(/\/$/, "") });
  const blob = new Blob([fs.readFileSync(audioPath)], { type: "audio/wav" });
  const stored = await jigsaw.store.upload(blob, { key: "bench/conversation.wav", overwrite: true });
  call = async () => {
    const result = await jigsaw.audio.speech_to_text({ url: stored.url, by_speaker: true });
    if (!result.success) throw new Error("transcription failed");
    return result.chunks.length;
  };
} else {
  throw new Error("BENCH_VENDOR must be together or jigsawstack");
}

let units = 0;
for (let i = 0; i < warmup; i++) units = await call();

const latencies = [];
for (let i = 0; i < n; i++) {
  const start = process.hrtime.bigint();
  await call();
  latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
}

let next = 0;
const wallStart = process.hrtime.bigint();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (++next <= calls) await call();
}));
const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss, statusKb("VmHWM"));

latencies.sort((a, b) => a - b);
const percentile = (p) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil(p * latencies.length) - 1))];
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const pkg = (name) => JSON.parse(fs.readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
console.log(JSON.stringify({
  client: vendor === "together" ? `together-ai ${pkg("together-ai")} (node ${process.versions.node})` : `jigsawstack ${pkg("jigsawstack")} (node ${process.versions.node})`,
  vendor,
  units,
  n,
  p50_ms: round(percentile(0.5)),
  p95_ms: round(percentile(0.95)),
  mean_ms: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
  concurrency,
  calls,
  calls_per_s: round(calls / wallSeconds, 1),
  peak_rss_mb: round(peakRss / 1048576, 1),
}));
